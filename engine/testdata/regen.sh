#!/usr/bin/env bash
# Regenerates the engine golden files by running real ansible-playbook
# (ansible-core 2.14) on every case under cases/. For each case it records:
#   expected/       the files the playbook wrote under {{ out }}
#   expected.rc     ansible-playbook's exit code
#   expected.recap  the PLAY RECAP lines, normalised to
#                   "<host> ok=N changed=N unreachable=N failed=N skipped=N rescued=N ignored=N"
# The optional file `args` holds extra ansible-playbook arguments, one per line
# (the engine test understands --check, --diff, --tags, --skip-tags, --limit,
# --forks, --start-at-task and -e key=value / -e @file / -e {json}).
# Usage: testdata/regen.sh [case-name...]   (default: all cases)
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
export ANSIBLE_NOCOLOR=1 ANSIBLE_RETRY_FILES_ENABLED=0 ANSIBLE_LOCALHOST_WARNING=0 \
  ANSIBLE_INVENTORY_UNPARSED_WARNING=0 ANSIBLE_PYTHON_INTERPRETER=/usr/bin/python3 \
  ANSIBLE_DEPRECATION_WARNINGS=0 LC_ALL=C.UTF-8
unset ANSIBLE_CONFIG
umask 022

if [[ $(ansible-playbook --version 2>&1) != *'config file = None'* ]]; then
  echo "regen: an ansible.cfg is in effect; run from a clean environment" >&2
  exit 1
fi
if [[ $(ansible-playbook --version 2>&1 | head -1) != *'core 2.14'* ]]; then
  echo "regen: needs ansible-core 2.14" >&2
  exit 1
fi

regen_case() {
  local dir=$1 tmp out rc
  tmp=$(mktemp -d)
  out=$tmp/out
  mkdir "$out"
  local -a args=()
  if [[ -f $dir/args ]]; then
    mapfile -t args < <(grep -v '^[[:space:]]*$' "$dir/args")
  fi
  (cd "$dir" && ansible-playbook -i inventory.ini site.yml -e "out=$out" "${args[@]}") >"$tmp/log" 2>&1
  rc=$?
  rm -rf "$dir/expected"
  mkdir -p "$dir/expected"
  (cd "$out" && find . -type f -print0 | xargs -0 -r cp --parents -t "$dir/expected")
  echo "$rc" >"$dir/expected.rc"
  sed -n '/^PLAY RECAP/,$p' "$tmp/log" |
    sed -nE 's/^([^ ]+) +: +(.*[^ ]) *$/\1 \2/p' | tr -s ' ' | LC_ALL=C sort >"$dir/expected.recap"
  if grep -rqF "$tmp" "$out" 2>/dev/null; then
    echo "regen: $(basename "$dir"): output mentions the temporary out path" >&2
  fi
  printf '%-40s rc=%s\n' "$(basename "$dir")" "$rc"
  if [[ -n ${VERBOSE:-} ]]; then cat "$tmp/log"; fi
  rm -rf "$tmp"
}

cd "$here/cases"
if [[ $# -gt 0 ]]; then cases=("$@"); else cases=(*/); fi
for c in "${cases[@]}"; do
  regen_case "$here/cases/${c%/}"
done
