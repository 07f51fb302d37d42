#!/bin/sh
# Regenerates known_hosts/golden.json: runs real ansible-core's
# known_hosts on each step of steps.json in order against one scratch file
# (path @F@) and records changed, failed, msg, the diff and the file after
# the step. known_hosts_test.go replays the steps on a test host.
set -eu
cd "$(dirname "$0")"
python3 - <<'PY'
import json, os, subprocess, tempfile

env = dict(os.environ, ANSIBLE_LOCALHOST_WARNING="false", ANSIBLE_INVENTORY_UNPARSED_WARNING="false",
           ANSIBLE_NOCOLOR="1", ANSIBLE_LOAD_CALLBACK_PLUGINS="1", ANSIBLE_STDOUT_CALLBACK="json")
out = []
with tempfile.TemporaryDirectory() as d:
    f = os.path.join(d, "known_hosts")
    for step in json.load(open("steps.json")):
        args = dict(step["args"], path=f)
        cmd = ["ansible", "localhost", "-c", "local", "-m", "known_hosts", "-a", json.dumps(args)]
        if step.get("check"):
            cmd.append("--check")
        res = json.loads(subprocess.run(cmd, env=env, capture_output=True, text=True).stdout)
        res = res["plays"][0]["tasks"][0]["hosts"]["localhost"]
        diff = res.get("diff") or {}
        if isinstance(diff, list):
            diff = diff[0] if diff else {}
        content = open(f).read() if os.path.exists(f) else None
        rec = {"changed": res.get("changed", False), "failed": res.get("failed", False), "msg": res.get("msg", ""),
               "diff": diff, "file": content}
        out.append(json.loads(json.dumps(rec).replace(f, "@F@")))
        print(rec["changed"], rec["failed"], rec["msg"])
with open("golden.json", "w") as fh:
    json.dump(out, fh, indent=1, sort_keys=True)
    fh.write("\n")
PY
