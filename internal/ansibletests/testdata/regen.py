#!/usr/bin/python3
"""Evaluate every expression of cases() with ansible-core 2.14's Jinja2
environment (its test plugins loaded as Ansible loads them) and record the
results in golden.jsonl. Run from anywhere: /usr/bin/python3 regen.py
(paths in the cases are relative to the package directory, where go test
runs)."""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
os.chdir(os.path.dirname(HERE))

from ansible.template import AnsibleEnvironment  # noqa: E402
from ansible.template.native_helpers import ansible_eval_concat  # noqa: E402

RESULTS = ["r_ok", "r_failed", "r_failed_str", "r_skipped", "r_unreachable", "r_changed", "r_loop",
           "r_loop_unchanged", "r_loop_empty", "r_loop_nondict", "r_loop_mixed", "r_async", "r_async_done",
           "r_empty", "1", "'x'", "[1]", "none", "undef"]
RESULT_TESTS = ["failed", "failure", "succeeded", "success", "successful", "reachable", "unreachable",
                "changed", "change", "skipped", "skip", "finished", "started"]
VERSIONS = [("'1.0'", "'1.0'"), ("'1.0'", "'1.0.0'"), ("'1.2.3'", "'1.10'"), ("'2.0b1'", "'2.0'"),
            ("'2.0a1'", "'2.0b1'"), ("'1.0-rc1'", "'1.0'"), ("'1.a'", "'1.1'"), ("'3.10a'", "'3.10'"),
            ("'1.0.0-alpha'", "'1.0.0-alpha.1'"), ("'1.0.0-alpha.1'", "'1.0.0-alpha.beta'"),
            ("'1.0.0-beta.11'", "'1.0.0-rc.1'"), ("'1.0.0-rc.1'", "'1.0.0'"), ("'1.0.0+build'", "'1.0.0'"),
            ("'1.0.0-2'", "'1.0.0-11'"), ("12", "'12.0'"), ("'0'", "'1'"), ("'1.2'", "'1.2.0'"),
            ("'1.2.3.4'", "'1.2.3'"), ("'v1.2'", "'1.2'"), ("'1.2RC1'", "'1.2'"), ("'10_0'", "'9'"),
            ("'1.0.post1'", "'1.0'"), ("'1.0.dev1'", "'1.0a1'"), ("'1.0+abc'", "'1.0'"), ("'1.0+5'", "'1.0+abc'"),
            ("'1!1.0'", "'2.0'"), ("'1.0rc1'", "'1.0c1'"), ("'1.0-1'", "'1.0.post1'"), ("'1.0a1.dev2'", "'1.0a1'"),
            ("'1.0.0'", "'1'"), ("' 1.0 '", "'1.0'"), ("'1.0+a.1'", "'1.0+a.b'")]


def cases():
    out = []
    for t in RESULT_TESTS:
        for r in RESULTS:
            out.append("%s is %s" % (r, t))
    out += ["r_ok is failed(1)", "r_ok is failed(result=1)", "r_ok is changed(x=1)"]
    for t in ["match", "search", "regex"]:
        for v in ["'abc'", "'ABC'", "'a\\nbc'", "123", "none", "['a']"]:
            for p in ["'a'", "'b'", "'^b'", "'c$'", "'B'", "'^a.c$'", "'\\\\d+'"]:
                out.append("%s is %s(%s)" % (v, t, p))
        out += ["'ABC' is %s('a', ignorecase=true)" % t, "'x\\nabc' is %s('^a', multiline=true)" % t,
                "'x\\nABC' is %s('^a', true, true)" % t, "'x\\nabc' is %s('^a', multiline=false)" % t,
                "'abc' is %s" % t, "'abc' is %s(1)" % t, "'abc' is %s('a', bogus=1)" % t,
                "undef is %s('a')" % t, "'ab' is %s('a', 'x', 'y', 'z', 'w', 'v')" % t]
    out += ["'abc\\n' is match('abc$')", "'abc\\n' is search('c$')", "'abc\\n\\n' is search('c$')",
            "'\u00c9t\u00e9' is match('\u00e9', ignorecase=true)", "'ABC' is search('(?i)b')",
            "'ab' is match('(?P<x>a)b')", "'a.b' is search('\\\\.')", "'a b' is search('\\\\s')",
            "'x1' is search('[[:digit:]]')", "'abc' is search('')", "'' is match('')", "'a\\tb' is search('\\\\t')",
            "'caf\u00e9' is search('\\\\w$')", "'١٢' is match('\\\\d+')", "'AbC' is match('abc', ignorecase='yes')",
            "'abc' is match('b', ignorecase=0)", "'line1\\nline2' is search('^line2$', multiline=1)"]
    for mt in ["'match'", "'search'", "'fullmatch'", "'findall'", "'bogus'", "1", "'finditer'", "'split'", "'sub'",
               "'flags'", "'groupindex'", "'pattern'", "'scanner'"]:
        out += ["'abc' is regex('b', match_type=%s)" % mt, "'abc' is regex('abc', match_type=%s)" % mt]
    ops = ["'=='", "'='", "'eq'", "'<'", "'lt'", "'<='", "'le'", "'>'", "'gt'", "'>='", "'ge'", "'!='", "'<>'", "'ne'"]
    for a, b in VERSIONS:
        for vt in ["", ", version_type='strict'", ", version_type='semver'", ", strict=true", ", version_type='pep440'"]:
            for op in ["'lt'", "'eq'", "'gt'"]:
                out.append("%s is version(%s, %s%s)" % (a, b, op, vt))
    for op in ops + ["'bogus'", "1"]:
        out.append("'1.2' is version('1.10', %s)" % op)
    out += ["'1.2' is version('1.3')", "'1.2' is version_compare('1.3', 'lt')", "'1.2' is version('1.3', operator='lt')",
            "'1.2' is version('1.3', 'lt', strict=true, version_type='loose')", "'' is version('1')", "'1' is version('')",
            "none is version('1')", "0 is version('1')", "'1' is version(0)", "'1' is version('1', version_type='bogus')",
            "'1' is version('1', version_type='pep440')", "'1' is version('1', version_type='loose')",
            "'1' is version('1', version_type='semantic')", "'1.0' is version('1.0', version_type='')",
            "'1.0' is version('1.0', strict=false, version_type=none)", "'1.0' is version", "undef is version('1')",
            "'1.0' is version('1.0', 'eq', none, none, 5)"]
    for a in ["[1, 2]", "[1]", "[]", "'ab'", "{'a': 1}", "[[1]]", "1", "[1, 1.0, true]", "(1, 2)"]:
        for b in ["[1, 2, 3]", "[1]", "'abc'", "['a']", "[]"]:
            out += ["%s is subset(%s)" % (a, b), "%s is superset(%s)" % (a, b)]
    out += ["[1] is issubset([1])", "[1] is issuperset([1])", "[1] is subset", "undef is subset([1])"]
    for seq in ["[1, 2]", "'abc'", "{'a': 1}", "1", "[[1]]", "none"]:
        for v in ["1", "'a'", "[1]", "'ab'"]:
            out.append("%s is contains(%s)" % (seq, v))
    for v in ["[]", "[0]", "[0, 1]", "[1, 1]", "''", "'a0'", "{'a': 0}", "1", "[none]", "[undef]"]:
        out += ["%s is any" % v, "%s is all" % v]
    out += ["[1] is any(1)", "[1] is all(x=1)"]
    for v in ["0", "1", "''", "'x'", "'no'", "'yes'", "'off'", "'ON'", "' true '", "'0'", "'1'", "0.0", "1.0", "2",
              "[]", "[1]", "{}", "none", "true", "false", "'f'", "'n'"]:
        out += ["%s is truthy" % v, "%s is falsy" % v, "%s is truthy(convert_bool=true)" % v,
                "%s is falsy(convert_bool=true)" % v]
    out += ["undef is truthy", "1 is truthy(true, 1)", "1 is truthy(bogus=1)"]
    for v in ["1", "1.5", "'nan'", "'x'", "none", "[]", "true", "10 ** 400"]:
        out += ["%s is nan" % v, "%s is isnan" % v]
    out += ["(10 ** 400) | float is nan" if False else "1 is nan(2)"]
    for v in ["'x'", "1", "none", "'$ANSIBLE_VAULT;1.1;AES256'"]:
        out.append("%s is vault_encrypted" % v)
    paths = ["'testdata/tree/file.txt'", "'testdata/tree/dir'", "'testdata/tree/link'", "'testdata/tree/dangling'",
             "'testdata/tree/missing'", "'/'", "'testdata'", "''", "'rel/x'", "'/abs/x'", "'a\\x00b'"]
    for t in ["file", "is_file", "directory", "is_dir", "link", "is_link", "exists", "link_exists", "abs", "is_abs",
              "mount", "is_mount"]:
        for p in paths:
            out.append("%s is %s" % (p, t))
        for v in ["none", "[1]", "1.5"]:
            out.append("%s is %s" % (v, t))
        out += ["'x' is %s(1)" % t]
    for a, b in [("'testdata/tree/file.txt'", "'testdata/tree/link'"), ("'testdata/tree/file.txt'", "'testdata/tree/dir'"),
                 ("'testdata/tree/file.txt'", "'testdata/tree/missing'"), ("'testdata/tree/missing'", "'x'"),
                 ("'testdata/tree/dir'", "'testdata/tree/dir/'"), ("none", "'x'"), ("'x'", "[1]")]:
        out += ["%s is same_file(%s)" % (a, b), "%s is is_same_file(%s)" % (a, b)]
    out.append("'x' is same_file")
    for v in ["'http://example.com/x'", "'https://a.b'", "'file:///etc/hosts'", "'mailto:me@example.com'",
              "'urn:isbn:0451450523'", "'example.com'", "''", "'//host/path'", "'http://[::1'", "'HTTP://X'",
              "'1http://x'", "none", "1", "[]", "['x']", "0"]:
        for t in ["uri", "url", "urn"]:
            out.append("%s is %s" % (v, t))
        out += ["%s is uri(['http', 'https'])" % v, "%s is url(['http'])" % v, "%s is uri('http')" % v]
    out += ["'x' is urn(['urn'])", "'x' is uri(schemes=none)"]
    return out


def describe(v):
    if isinstance(v, str):
        return {"type": "str", "repr": repr(str(v))}
    return {"type": type(v).__name__, "repr": repr(v)}


def main():
    with open(os.path.join(HERE, "vars.json")) as fh:
        variables = json.load(fh)
    env = AnsibleEnvironment()
    env.concat = ansible_eval_concat
    out = []
    for expr in cases():
        src = "{{ %s }}" % expr
        try:
            t = env.from_string(src)
            ctx = t.new_context({**t.globals, **json.loads(json.dumps(variables))}, shared=True)
            r = describe(env.concat(t.root_render_func(ctx)))
        except Exception as e:
            msg = getattr(e, "message", None) or str(e)
            r = {"error": type(e).__name__, "msg": msg}
        r["expr"] = expr
        out.append(json.dumps(r, sort_keys=True, ensure_ascii=False))
    with open(os.path.join(HERE, "golden.jsonl"), "w") as fh:
        fh.write("\n".join(out) + "\n")
    print(len(out), "cases")


if __name__ == "__main__":
    main()
