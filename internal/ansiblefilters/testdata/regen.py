#!/usr/bin/python3
"""Render every template of cases.txt with ansible-core 2.14's own Jinja2
environment (Ansible's filter plugins loaded by its plugin loader) and
record the results in golden.jsonl. Run from anywhere:

    /usr/bin/python3 internal/ansiblefilters/testdata/regen.py

A case line is a template; "eval " and "str " prefixes pick
ansible_eval_concat or ansible_concat instead of the native environment.
Each result is the output's type and repr, or the exception's class and
message. The working directory is the package directory (as go test's)
and TZ is UTC, so path and time filters agree.

cases_encoders.txt is rendered the same way into golden_encoders.jsonl
with the Open edX configuration repository's config-encoders filter
plugins added: set EDX_CONFIGURATION to a checkout of
openedx-unsupported/configuration; without it the mirror's bare
repository is read with git show, and without either that part is
skipped with a message."""
import copy
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import warnings

HERE = os.path.dirname(os.path.abspath(__file__))
os.chdir(os.path.dirname(HERE))
os.environ["TZ"] = "UTC"
os.environ["ANSIBLE_DEPRECATION_WARNINGS"] = "False"
warnings.simplefilter("ignore")

from ansible.template import AnsibleEnvironment, AnsibleNativeEnvironment  # noqa: E402
from ansible.template.native_helpers import ansible_concat, ansible_eval_concat, ansible_native_concat  # noqa: E402

CONCAT = {"str": ansible_concat, "eval": ansible_eval_concat, "native": ansible_native_concat}


ENCODERS = "playbooks/roles/config-encoders/filter_plugins/config_encoders.py"
MIRROR = "/work/.mirror/openedx-unsupported+configuration/repo"


def config_encoders():
    """The config-encoders filter functions, or None when unavailable."""
    checkout = os.environ.get("EDX_CONFIGURATION")
    if checkout:
        path = os.path.join(checkout, ENCODERS)
    elif os.path.isdir(MIRROR):
        src = subprocess.run(["git", "--git-dir", MIRROR, "show", "master:" + ENCODERS],
                             check=True, capture_output=True).stdout
        fd, path = tempfile.mkstemp(suffix=".py")
        with os.fdopen(fd, "wb") as fh:
            fh.write(src)
    else:
        return None
    spec = importlib.util.spec_from_file_location("config_encoders", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod.FilterModule().filters()


def cases(name="cases.txt"):
    with open(os.path.join(HERE, name), encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            mode = "native"
            for m in ("eval", "str"):
                if line.startswith(m + " "):
                    mode, line = m, line[len(m) + 1:]
            yield {"mode": mode, "src": line}


def describe(v):
    return {"type": type(v).__name__, "repr": repr(v)}


def render(case, variables, extra=None):
    cls = AnsibleNativeEnvironment if case["mode"] == "native" else AnsibleEnvironment
    env = cls()
    for name, fn in (extra or {}).items():
        env.filters[name] = fn
    env.concat = CONCAT[case["mode"]]
    try:
        t = env.from_string(case["src"])
        ctx = t.new_context({**t.globals, **copy.deepcopy(variables)}, shared=True)
        return describe(env.concat(t.root_render_func(ctx)))
    except Exception as e:  # the class and message are the expected result
        msg = getattr(e, "message", None)
        if not isinstance(msg, str):
            msg = str(e)
        return {"error": type(e).__name__, "msg": msg}


def record(case_file, golden, variables, extra=None):
    out = []
    for case in cases(case_file):
        r = render(case, variables, extra)
        r.update(case)
        out.append(json.dumps(r, sort_keys=True, ensure_ascii=False))
    with open(os.path.join(HERE, golden), "w", encoding="utf-8") as fh:
        fh.write("\n".join(out) + "\n")
    print(golden, len(out), "cases")


def main():
    with open(os.path.join(HERE, "vars.json"), encoding="utf-8") as fh:
        variables = json.load(fh)
    record("cases.txt", "golden.jsonl", variables)
    encoders = config_encoders()
    if encoders is None:
        print("config-encoders not found (set EDX_CONFIGURATION): golden_encoders.jsonl left as it is")
        return
    record("cases_encoders.txt", "golden_encoders.jsonl", variables, encoders)


if __name__ == "__main__":
    main()
