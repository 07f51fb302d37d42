#!/bin/sh
# Group names with characters Ansible replaces under
# TRANSFORM_INVALID_GROUP_CHARS=always.
echo '{"web-servers": {"hosts": ["w1"], "children": ["edge.nodes"]}, "edge.nodes": ["e1"], "_meta": {"hostvars": {}}}'
