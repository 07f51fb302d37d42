#!/usr/bin/python3
"""Render every template of cases.txt with ansible-core 2.14's own Jinja2
environment (Ansible's filter plugins loaded by its plugin loader) and
record the results in golden.jsonl. Run from anywhere:

    /usr/bin/python3 internal/ansiblefilters/testdata/regen.py

A case line is a template; "eval " and "str " prefixes pick
ansible_eval_concat or ansible_concat instead of the native environment.
Each result is the output's type and repr, or the exception's class and
message. The working directory is the package directory (as go test's)
and TZ is UTC, so path and time filters agree."""
import copy
import json
import os
import sys
import warnings

HERE = os.path.dirname(os.path.abspath(__file__))
os.chdir(os.path.dirname(HERE))
os.environ["TZ"] = "UTC"
os.environ["ANSIBLE_DEPRECATION_WARNINGS"] = "False"
warnings.simplefilter("ignore")

from ansible.template import AnsibleEnvironment, AnsibleNativeEnvironment  # noqa: E402
from ansible.template.native_helpers import ansible_concat, ansible_eval_concat, ansible_native_concat  # noqa: E402

CONCAT = {"str": ansible_concat, "eval": ansible_eval_concat, "native": ansible_native_concat}


def cases():
    with open(os.path.join(HERE, "cases.txt"), encoding="utf-8") as fh:
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


def render(case, variables):
    cls = AnsibleNativeEnvironment if case["mode"] == "native" else AnsibleEnvironment
    env = cls()
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


def main():
    with open(os.path.join(HERE, "vars.json"), encoding="utf-8") as fh:
        variables = json.load(fh)
    out = []
    for case in cases():
        r = render(case, variables)
        r.update(case)
        out.append(json.dumps(r, sort_keys=True, ensure_ascii=False))
    with open(os.path.join(HERE, "golden.jsonl"), "w", encoding="utf-8") as fh:
        fh.write("\n".join(out) + "\n")
    print(len(out), "cases")


if __name__ == "__main__":
    main()
