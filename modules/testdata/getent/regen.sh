#!/bin/sh
# Regenerates getent/*.json: runs real ansible-core's getent on each case
# of cases.json on this machine and records its facts, msg and failed, with
# the raw getent(1) output it parsed ("input"); getent_test.go compares only
# where the test host's getent prints the same input.
set -eu
cd "$(dirname "$0")"
python3 - <<'PY'
import json, os, subprocess

env = dict(os.environ, ANSIBLE_LOCALHOST_WARNING="false", ANSIBLE_INVENTORY_UNPARSED_WARNING="false",
           ANSIBLE_NOCOLOR="1", ANSIBLE_LOAD_CALLBACK_PLUGINS="1", ANSIBLE_STDOUT_CALLBACK="json")
for case in json.load(open("cases.json")):
    a = case["args"]
    argv = ["getent", a["database"]] + ([a["key"]] if "key" in a else [])
    raw = subprocess.run(argv, capture_output=True, text=True)
    out = subprocess.run(["ansible", "localhost", "-c", "local", "-m", "getent", "-a", json.dumps(a)],
                         env=env, capture_output=True, text=True).stdout
    res = json.loads(out)["plays"][0]["tasks"][0]["hosts"]["localhost"]
    golden = {"input": raw.stdout, "rc": raw.returncode, "failed": res.get("failed", False), "msg": res.get("msg", ""),
              "changed": res.get("changed", False), "ansible_facts": res.get("ansible_facts", {})}
    with open(case["name"] + ".json", "w") as fh:
        json.dump(golden, fh, indent=2, sort_keys=True)
        fh.write("\n")
    print(case["name"], golden["failed"], golden["msg"])
PY
