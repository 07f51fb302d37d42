#!/bin/sh
# Records ansible.golden.json: what ansible-playbook gives for each
# expression of cases.txt with the plugins of this directory (each result
# as its to_json, or the failed task's msg).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$here/filter_plugins" "$here/test_plugins" "$work/"
{
  echo '- hosts: localhost'
  echo '  gather_facts: no'
  echo '  tasks:'
  n=0
  while IFS= read -r expr; do
    printf '    - set_fact:\n        out: "{{ (%s) | to_json }}"\n      ignore_errors: true\n      register: r%d\n' "$expr" "$n"
    n=$((n + 1))
  done < "$here/cases.txt"
  printf '    - copy:\n        dest: %s/out.json\n        content: "{{ [' "$work"
  i=0
  while [ $i -lt $n ]; do
    [ $i -gt 0 ] && printf ', '
    printf "{'out': r%d.ansible_facts.out | default(none), 'msg': r%d.msg | default(none)}" $i $i
    i=$((i + 1))
  done
  printf '] | to_nice_json }}"\n'
} > "$work/pb.yml"
(cd "$work" && ansible-playbook pb.yml >/dev/null)
cp "$work/out.json" "$here/ansible.golden.json"
