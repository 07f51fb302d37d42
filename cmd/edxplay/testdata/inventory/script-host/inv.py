#!/usr/bin/env python3
# An inventory script without _meta: Ansible asks --host H per host.
import json, sys
if sys.argv[1] == "--list":
    print(json.dumps({"app": {"hosts": ["a1", "a2"], "vars": {"role": "app"}}}))
else:
    print(json.dumps({"who": sys.argv[2]}) if sys.argv[2] == "a1" else "{}")
