#!/bin/sh
# An inventory script with _meta.hostvars, groups with vars and children.
cat <<'JSON'
{
    "web": {"hosts": ["w1", "w2"], "vars": {"http_port": 80, "tags": ["a", "b"]}, "children": ["edge"]},
    "edge": ["e1"],
    "db": {"hosts": ["d1"]},
    "solo": {"x": 1},
    "_meta": {"hostvars": {"w1": {"ansible_host": "10.0.0.1", "n": null, "nested": {"k": [1, 2.5, true]}}, "e1": {"u": "ünï"}}}
}
JSON
