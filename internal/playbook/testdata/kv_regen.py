# Records Ansible's parse_kv results for kv_inputs.txt (one input per line,
# "\n" in an input written as a literal "\n" is not supported; inputs are
# taken verbatim). Usage: /usr/bin/python3 kv_regen.py > golden/kv.json
import json, sys
from ansible.parsing.splitter import parse_kv as _parse_kv
out = []


def parse_kv(s, check_raw):
    try:
        return _parse_kv(s, check_raw=check_raw)
    except Exception:
        return None


for line in open(sys.path[0] + '/kv_inputs.txt').read().split('\n'):
    if not line:
        continue
    for check_raw in (False, True):
        out.append({'input': line, 'check_raw': check_raw, 'result': parse_kv(line, check_raw=check_raw)})
# inputs with embedded newlines
for s in ['echo a\necho b chdir=/x', 'a=1\nb=2']:
    for check_raw in (False, True):
        out.append({'input': s, 'check_raw': check_raw, 'result': parse_kv(s, check_raw=check_raw)})
json.dump(out, sys.stdout, indent=1, ensure_ascii=False)
print()
