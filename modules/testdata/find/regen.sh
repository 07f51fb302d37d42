#!/bin/sh
# Regenerates find/*.json: builds tree.json's files under a scratch
# directory, runs real ansible-core's find on each case of cases.json
# (@R@ is the scratch root) and records the result with the root replaced
# by @R@ and the fields that differ between runs (times, inode, device)
# dropped. find_test.go builds the same tree on a test host and compares.
set -eu
cd "$(dirname "$0")"
python3 - <<'PY'
import json, os, subprocess, tempfile

env = dict(os.environ, ANSIBLE_LOCALHOST_WARNING="false", ANSIBLE_INVENTORY_UNPARSED_WARNING="false",
           ANSIBLE_NOCOLOR="1", ANSIBLE_LOAD_CALLBACK_PLUGINS="1", ANSIBLE_STDOUT_CALLBACK="json")
VOLATILE = ("atime", "mtime", "ctime", "inode", "dev")

def build(root):
    for f in json.load(open("tree.json")):
        p = os.path.join(root, f["path"])
        os.makedirs(os.path.dirname(p), exist_ok=True)
        if "link" in f:
            os.symlink(f["link"], p)
            continue
        content = f["content"]
        if content.startswith("@") and content.endswith("@"):
            content = "x" * int(content[1:-1])
        with open(p, "w") as fh:
            fh.write(content)
        os.chmod(p, int(f["mode"], 8))

def norm(v, root):
    if isinstance(v, dict):
        return {k.replace(root, "@R@"): norm(x, root) for k, x in v.items() if k not in VOLATILE}
    if isinstance(v, list):
        return [norm(x, root) for x in v]
    if isinstance(v, str):
        return v.replace(root, "@R@")
    return v

for case in json.load(open("cases.json")):
    with tempfile.TemporaryDirectory() as d:
        root = os.path.join(d, "tree")
        build(root)
        args = json.loads(json.dumps(case["args"]).replace("@R@", root))
        out = subprocess.run(["ansible", "localhost", "-c", "local", "-m", "find", "-a", json.dumps(args)],
                             env=env, capture_output=True, text=True).stdout
        res = json.loads(out)["plays"][0]["tasks"][0]["hosts"]["localhost"]
        keep = {k: res[k] for k in ("changed", "failed", "msg", "files", "matched", "examined", "skipped_paths") if k in res}
        keep["failed"] = keep.get("failed", False)
        keep = norm(keep, root)
        if "files" in keep:
            keep["files"].sort(key=lambda f: f["path"])
    with open(case["name"] + ".json", "w") as fh:
        json.dump(keep, fh, indent=2, sort_keys=True)
        fh.write("\n")
    print(case["name"], keep.get("matched"), keep.get("msg"))
PY
