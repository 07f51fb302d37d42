#!/usr/bin/python3
"""Evaluate every expression of CASES with ansible-core 2.14's templar
(lookup plugins loaded as Ansible loads them; loader basedir play/, vault
password "testpass") and record results in golden.jsonl:
/usr/bin/python3 regen.py. Absolute paths are recorded with @PLAY@ for the
play directory. The url lookup (network) and random results are not
recorded here: lookups_test.go covers them."""
import copy
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
PLAY = os.path.join(HERE, "play")
os.chdir(os.path.dirname(HERE))
os.environ.update({"EDX_LT_A": "alpha", "EDX_LT_B": "beta  gamma", "HOME": "/root"})

from ansible.errors import AnsibleError  # noqa: E402
from ansible.parsing.dataloader import DataLoader  # noqa: E402
from ansible.parsing.vault import VaultSecret  # noqa: E402
from ansible.template import Templar  # noqa: E402
from ansible.template.native_helpers import ansible_eval_concat  # noqa: E402
from ansible.utils.unsafe_proxy import AnsibleUnsafe  # noqa: E402
from ansible.utils.display import Display  # noqa: E402

import cases  # noqa: E402

WARNINGS = []
Display.warning = lambda self, msg, formatted=False: WARNINGS.append(msg)


def describe(v):
    if isinstance(v, str):
        return {"type": "str", "repr": repr(str(v))}
    return {"type": type(v).__name__, "repr": repr(v)}


def has_strings(v):
    if isinstance(v, str):
        return True
    if isinstance(v, (list, tuple)):
        return any(has_strings(x) for x in v)
    if isinstance(v, dict):
        return any(has_strings(x) for x in v.values())
    return False


def unsafe(v):
    if isinstance(v, AnsibleUnsafe):
        return True
    if isinstance(v, (list, tuple)):
        return any(unsafe(x) for x in v)
    if isinstance(v, dict):
        return any(unsafe(x) for x in v.values())
    return False


def placeholders(v):
    if isinstance(v, str):
        return v.replace("@PLAY@", PLAY)
    if isinstance(v, list):
        return [placeholders(x) for x in v]
    if isinstance(v, dict):
        return {k: placeholders(x) for k, x in v.items()}
    return v


def in_order(v):
    """A fileglob result with its paths sorted."""
    if isinstance(v, list):
        return type(v)(sorted(v))
    if isinstance(v, str):
        return type(v)(",".join(sorted(v.split(","))))
    return v


def render(templar, expr, variables):
    templar.available_variables = variables
    env = templar.environment
    t = env.from_string("{{ %s }}" % expr)
    ctx = t.new_context({**t.globals, **variables}, shared=True)
    return ansible_eval_concat(t.root_render_func(ctx))


def run_loop(templar, loader, case, variables):
    from ansible.plugins.loader import lookup_loader
    from ansible.utils.listify import listify_lookup_plugin_terms
    from ansible.utils.unsafe_proxy import wrap_var
    templar.available_variables = variables
    name = case["loop"]
    if name not in lookup_loader:
        raise AnsibleError("Unexpected failure in finding the lookup named '%s' in the available lookup plugins" % name)
    terms = listify_lookup_plugin_terms(terms=case["terms"], templar=templar, fail_on_undefined=name != "first_found",
                                        convert_bare=False)
    lk = lookup_loader.get(name, loader=loader, templar=templar)
    setattr(lk, "_subdir", case.get("subdir", "file") + ("" if case.get("subdir") else "s"))
    return wrap_var(lk.run(terms=terms, variables=variables, wantlist=True))


def main():
    loader = DataLoader()
    loader.set_basedir(PLAY)
    loader.set_vault_secrets([("default", VaultSecret(b"testpass"))])
    templar = Templar(loader=loader)
    out = []
    for case in cases.CASES + cases.LOOPS:
        variables = placeholders(copy.deepcopy({**cases.VARS, **case.get("vars", {})}))
        del WARNINGS[:]
        try:
            if "loop" in case:
                v = run_loop(templar, loader, case, variables)
            else:
                v = render(templar, case["expr"], variables)
            if "fileglob" in case.get("expr", "") + case.get("loop", ""):
                v = in_order(v)  # directory order differs between file systems
            r = describe(v)
            if has_strings(v):
                r["unsafe"] = unsafe(v)
        except Exception as e:
            msg = getattr(e, "message", None) or str(e)
            r = {"error": type(e).__name__, "msg": msg}
        r = json.loads(json.dumps(r).replace(json.dumps(PLAY)[1:-1], "@PLAY@"))
        if WARNINGS:
            r["warnings"] = [w.replace(PLAY, "@PLAY@") for w in WARNINGS]
        r.update(case)
        out.append(json.dumps(r, sort_keys=True, ensure_ascii=False))
    with open(os.path.join(HERE, "golden.jsonl"), "w") as fh:
        fh.write("\n".join(out) + "\n")
    print(len(out), "cases")


if __name__ == "__main__":
    main()
