# Records how Ansible's YAML loader decodes values.yml, as JSON.
# Usage: /usr/bin/python3 testdata/regen.py > testdata/values.json (from yaml11/)
import json, sys
from ansible.parsing.dataloader import DataLoader
from ansible.module_utils.common.text.converters import to_text
data = DataLoader().load_from_file(sys.path[0] + '/values.yml')


def norm(v):
    if isinstance(v, dict):
        return {str(k): norm(x) for k, x in v.items()}
    if isinstance(v, list):
        return [norm(x) for x in v]
    if isinstance(v, float) and v == float('inf'):
        return "+Inf"
    if isinstance(v, (str, bool, int, float)) or v is None:
        return v
    return to_text(v)


json.dump(norm(data), sys.stdout, indent=1, sort_keys=True)
print()
