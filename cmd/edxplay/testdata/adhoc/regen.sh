#!/usr/bin/env bash
# Records NAME.stdout, NAME.rc (and NAME.tree/ for cases with @TREE@) of each
# case in `cases` with the real `ansible` (ansible-core 2.14), run from
# cmd/edxplay with no ansible.cfg and an empty HOME; a usage error (exit 5)
# records no stdout (Ansible prints its usage there).
# Usage: cmd/edxplay/testdata/adhoc/regen.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cd "$here/../.."
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
while IFS=$'\t' read -r name args; do
  [[ -z $name || $name == \#* ]] && continue
  tree="$home/tree-$name"
  rm -rf "$here/$name.tree"
  eval "set -- ${args//@TREE@/$tree}"
  rc=0
  env -i PATH="$PATH" HOME="$home" LC_ALL=C.UTF-8 ANSIBLE_NOCOLOR=1 ansible "$@" >"$here/$name.stdout" 2>/dev/null || rc=$?
  echo "$rc" >"$here/$name.rc"
  if [[ $rc == 5 ]]; then rm "$here/$name.stdout"; fi
  if [[ -d $tree ]]; then cp -r "$tree" "$here/$name.tree"; fi
  echo "$name: rc=$rc"
done <"$here/cases"
