#!/bin/sh
# Regenerates golden/*.json by running real ansible-core on every case in
# golden/cases.json: the case's input is written to a scratch file (@F@ in
# its arguments), the module runs once through `ansible localhost -c local`,
# and the resulting file content, changed and msg are recorded. A case's
# "files" are written into a scratch directory (@D@) first, and its "keys"
# (dotted paths into the result, e.g. ansible_facts.packages.bash) are
# recorded as "data"; a case with "check" runs in check mode.
set -eu
cd "$(dirname "$0")"
python3 - <<'PY'
import json, os, subprocess, tempfile

env = dict(os.environ, ANSIBLE_LOCALHOST_WARNING="false", ANSIBLE_INVENTORY_UNPARSED_WARNING="false",
           ANSIBLE_NOCOLOR="1", ANSIBLE_LOAD_CALLBACK_PLUGINS="1", ANSIBLE_STDOUT_CALLBACK="json")
for case in json.load(open("golden/cases.json")):
    with tempfile.TemporaryDirectory() as d:
        f = os.path.join(d, "f")
        dd = os.path.join(d, "d")
        os.mkdir(dd)
        for name, text in (case.get("files") or {}).items():
            with open(os.path.join(dd, name), "w", newline="") as fh:
                fh.write(text)
        if case["input"] is not None:
            with open(f, "w", newline="") as fh:
                fh.write(case["input"])
        args = json.loads(json.dumps(case["args"]).replace("@F@", f).replace("@D@", dd))
        cmd = ["ansible", "localhost", "-c", "local", "-m", case["module"], "-a", json.dumps(args)]
        out = subprocess.run(cmd + (["--check"] if case.get("check") else []),
                             env=env, capture_output=True, text=True).stdout
        res = json.loads(out)["plays"][0]["tasks"][0]["hosts"]["localhost"]
        content = open(f, newline="").read() if os.path.exists(f) else None
    golden = {"changed": res.get("changed", False), "msg": res.get("msg", ""), "failed": res.get("failed", False), "output": content}
    if res.get("skipped"):
        golden["skipped"] = True
    if case.get("keys"):
        golden["data"] = {}
        for k in case["keys"]:
            v = res
            for part in k.split("."):
                v = v.get(part) if isinstance(v, dict) else None
            golden["data"][k] = v
    with open("golden/%s.json" % case["name"], "w") as fh:
        json.dump(golden, fh, indent=2, sort_keys=True)
        fh.write("\n")
    print(case["name"], golden["changed"], repr(golden["msg"]))
PY
