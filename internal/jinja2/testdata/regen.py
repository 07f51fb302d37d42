#!/usr/bin/python3
"""Render every template of gen.py with Ansible 2.14's Jinja2 environment
and record the results in golden.jsonl (run: /usr/bin/python3 regen.py).

Modes: "str" is ansible_concat (template module, convert_data=False),
"eval" ansible_eval_concat (Ansible's default), "native" the
AnsibleNativeEnvironment with ansible_native_concat."""
import copy
import signal
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ansible.template import AnsibleEnvironment, AnsibleNativeEnvironment  # noqa: E402
from ansible.template.native_helpers import ansible_concat, ansible_eval_concat, ansible_native_concat  # noqa: E402
from jinja2 import DictLoader  # noqa: E402
import gen  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


def environment(mode, opts):
    cls = AnsibleNativeEnvironment if mode == "native" else AnsibleEnvironment
    env = cls(loader=DictLoader(gen.LOADER))
    for key, value in opts.items():  # after __init__, which forces trim_blocks on
        setattr(env, key, value)
    env.concat = {"str": ansible_concat, "eval": ansible_eval_concat, "native": ansible_native_concat}[mode]
    return env


def describe(v):
    if isinstance(v, str):
        return {"type": "str", "repr": repr(str(v))}
    return {"type": type(v).__name__, "repr": repr(v)}


class Slow(Exception):
    """A template Python itself cannot render in time (a huge power)."""


def alarm(signum, frame):
    raise Slow()


def render_file(case, variables):
    """The template module: Templar.do_template with the file's overrides."""
    from ansible.parsing.dataloader import DataLoader
    from ansible.template import Templar
    templar = Templar(loader=DataLoader(), variables=variables)
    try:
        return describe(templar.do_template(case["src"], preserve_trailing_newlines=True, escape_backslashes=False))
    except Exception as e:
        return {"error": "AnsibleError", "msg": str(e), "line": 0}


def render(case, variables):
    if case["mode"] == "file":
        return render_file(case, copy.deepcopy(variables))
    opts = dict(case.get("opts", {}))
    env = environment(case["mode"], opts)
    signal.signal(signal.SIGALRM, alarm)
    signal.alarm(2)
    try:
        t = env.from_string(case["src"])
        ctx = t.new_context({**t.globals, **copy.deepcopy(variables)}, shared=True)
        return describe(env.concat(t.root_render_func(ctx)))
    except Slow:
        return None
    except Exception as e:  # the class is the expected result
        msg = str(e)
        if hasattr(e, "message") and e.message is not None:
            msg = e.message
        return {"error": type(e).__name__, "msg": msg, "line": getattr(e, "lineno", 0) or 0}
    finally:
        signal.alarm(0)


def main():
    with open(os.path.join(HERE, "vars.json")) as fh:
        variables = json.load(fh)
    out = []
    for case in gen.cases():
        r = render(case, variables)
        if r is None:
            continue  # too slow for Python: not recorded
        if " at 0x" in r.get("repr", "") + r.get("msg", ""):
            continue  # Python prints object addresses: not reproducible
        r.update(case)
        out.append(json.dumps(r, sort_keys=True, ensure_ascii=False))
    with open(os.path.join(HERE, "golden.jsonl"), "w") as fh:
        fh.write("\n".join(out) + "\n")
    print(len(out), "cases")


if __name__ == "__main__":
    main()
