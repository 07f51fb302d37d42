#!/usr/bin/env bash
# Records dump/<case>/expected with the real `ansible-config dump --only-changed`
# (ansible-core 2.14), run in the case directory with only the environment of
# the case's optional `env` file (NAME=VALUE lines) and an empty HOME.
# The case directory's path is written as CASE and HOME's as HOME.
# Usage: testdata/regen.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
for dir in "$here"/dump/*/; do
  dir=${dir%/}
  home=$(mktemp -d)
  envs=()
  [[ -f $dir/env ]] && mapfile -t envs < <(grep -v '^[[:space:]]*$' "$dir/env")
  if [[ $dir == */no-file ]] && [[ -e $dir/ansible.cfg ]]; then echo "no-file has an ansible.cfg" >&2; exit 1; fi
  (cd "$dir" && env -i PATH="$PATH" HOME="$home" LC_ALL=C.UTF-8 "${envs[@]}" ansible-config dump --only-changed 2>/dev/null) |
    sed -e "s#$dir#CASE#g" -e "s#$home#HOME#g" >"$dir/expected"
  rm -rf "$home"
  echo "$(basename "$dir"): $(wc -l <"$dir/expected") lines"
done
