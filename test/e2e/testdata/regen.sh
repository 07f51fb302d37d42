#!/usr/bin/env bash
# Regenerates the e2e golden files by running real ansible-playbook (ansible-core 2.14)
# on every case under cases/ and blocks/ (the generated block/rescue/always failure
# matrix: run blocks/gen.py first when its cases change). For each case it records:
#   expected/       the out tree's file contents (what the playbook wrote under {{ out }})
#   expected.tree   one line per entry: "f <mode> <path>", "d <mode> <path>" or "l <mode> <path> -> <target>"
#                   (keeps empty directories, modes and symlinks, which git cannot hold)
#   expected.rc     ansible-playbook's exit code
#   expected.recap  the PLAY RECAP lines, normalised to "<host> ok=N changed=N ..."
#   expected.output for a case with a `probes` file (one string per line): "shown <probe>" or
#                   "hidden <probe>", whether ansible-playbook's output contains it
#   expected.trace  (blocks/ only) every task result per host, in the order run:
#                   "<host> TASK [<name>] <ok|changed|skipped|failed|ignored|unreachable|included>"
#                   ("HANDLER" for handlers), grouped by host
# The optional file `args` holds extra command-line arguments, one argument per line,
# and `env` extra environment variables, one NAME=VALUE per line (a case may
# also carry an ansible.cfg: both tools run in the case directory).
# Usage: testdata/regen.sh [case...]   (a name under cases/, or blocks/<name>; default: all)
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

# tree_manifest DIR prints the manifest of DIR in byte order.
tree_manifest() {
  (cd "$1" && find . -mindepth 1 \( -type l -printf 'l %#m %P -> %l\n' \) -o \( -printf '%y %#m %P\n' \)) |
    LC_ALL=C sort -k3
}

# trace_of LOG prints the task results of ansible's default output per host
# (see expected.trace above); test/e2e/trace_test.go reads edxplay's output the same way.
trace_of() {
  awk '
    /^PLAY \[/ { banner = ""; next }
    /^(TASK|RUNNING HANDLER) \[.*\] \*+$/ {
      kind = ($1 == "TASK") ? "TASK" : "HANDLER"
      name = $0; sub(/^[^[]*\[/, "", name); sub(/\] \*+$/, "", name)
      banner = kind " [" name "]"; next
    }
    banner == "" { next }
    /^\.\.\.ignoring$/ { if (n > 0) sub(/ failed$/, " ignored", line[n]); next }
    /\(item=/ { next }
    /^included: .* for / {
      hosts = $0; sub(/^.* for /, "", hosts); k = split(hosts, hs, /, /)
      for (i = 1; i <= k; i++) line[++n] = hs[i] " " banner " included"
      next
    }
    /^(ok|changed|skipping|fatal|failed): \[[^]]*\]/ {
      host = $2; sub(/^\[/, "", host); sub(/\]:?$/, "", host)
      st = $1; sub(/:$/, "", st)
      if (st == "skipping") st = "skipped"
      else if (st == "fatal" || st == "failed") st = ($0 ~ /UNREACHABLE!/) ? "unreachable" : "failed"
      line[++n] = host " " banner " " st
    }
    END { for (i = 1; i <= n; i++) print line[i] }
  ' "$1" | sort -s -k1,1
}

regen_case() {
  local dir=$1 tmp out rc
  tmp=$(mktemp -d)
  out=$tmp/out
  mkdir "$out"
  local -a args=()
  if [[ -f $dir/args ]]; then
    mapfile -t args < <(grep -v '^[[:space:]]*$' "$dir/args")
  fi
  local -a envs=()
  if [[ -f $dir/env ]]; then
    mapfile -t envs < <(grep -v '^[[:space:]]*$' "$dir/env")
  fi
  (cd "$dir" && env "${envs[@]}" ansible-playbook -i inventory.ini site.yml -e "out=$out" "${args[@]}") >"$tmp/log" 2>&1
  rc=$?
  rm -rf "$dir/expected"
  mkdir -p "$dir/expected"
  (cd "$out" && find . -type f -print0 | xargs -0 -r cp --parents -t "$dir/expected")
  tree_manifest "$out" >"$dir/expected.tree"
  echo "$rc" >"$dir/expected.rc"
  if [[ $(basename "$(dirname "$dir")") == blocks ]]; then
    trace_of "$tmp/log" >"$dir/expected.trace"
  fi
  sed -n '/^PLAY RECAP/,$p' "$tmp/log" |
    sed -nE 's/^([^ ]+) +: +(.*[^ ]) *$/\1 \2/p' | tr -s ' ' >"$dir/expected.recap"
  rm -f "$dir/expected.output"
  if [[ -f $dir/probes ]]; then
    local probe
    while IFS= read -r probe; do
      [[ -z $probe ]] && continue
      if grep -qF -- "$probe" "$tmp/log"; then echo "shown $probe"; else echo "hidden $probe"; fi
    done <"$dir/probes" >"$dir/expected.output"
  fi
  if grep -rqF "$tmp" "$out" 2>/dev/null; then
    echo "regen: $(basename "$dir"): output mentions the temporary out path" >&2
  fi
  printf '%-40s rc=%s\n' "$(basename "$dir")" "$rc"
  [[ -n ${VERBOSE:-} ]] && cat "$tmp/log"
  rm -rf "$tmp"
}

# check_bad runs a negative case through ansible for information only: its
# expected.err is written by hand (ansible's wording and rc need not match).
check_bad() {
  local dir=$1 tmp rc
  tmp=$(mktemp -d)
  mkdir "$tmp/out"
  (cd "$dir" && ansible-playbook -i inventory.ini site.yml -e "out=$tmp/out") >"$tmp/log" 2>&1
  rc=$?
  printf 'bad/%-36s ansible rc=%s files=[%s]\n' "$(basename "$dir")" "$rc" "$(ls "$tmp/out" | tr '\n' ' ')"
  [[ -n ${VERBOSE:-} ]] && cat "$tmp/log"
  rm -rf "$tmp"
}

cd "$here"
if [[ $# -gt 0 ]]; then cases=("$@"); else cases=(cases/*/ blocks/*/); fi
for c in "${cases[@]}"; do
  c=${c%/}
  [[ $c == */* ]] || c=cases/$c
  if [[ ! -f $here/$c/site.yml ]]; then
    echo "regen: no case $c" >&2
    exit 1
  fi
  regen_case "$here/$c"
done
if [[ $# -eq 0 ]]; then
  for c in "$here"/bad/*/; do
    check_bad "${c%/}"
  done
fi
