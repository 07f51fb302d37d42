#!/usr/bin/env bash
# Regenerates the golden files of the inventory package from real
# ansible-core (2.14). Only stdout of the ansible commands is recorded.
#
#   ini/*.ini, ini/*/hosts, yaml/*.{yml,yaml}, yaml/*/hosts.yml, yaml/*/inventory.json
#       NAME.list.json        ansible-inventory -i SRC --list
#       NAME.graph.txt        ansible-inventory -i SRC --graph
#       NAME.graph-vars.txt   ansible-inventory -i SRC --graph --vars
#       NAME.host.txt         "=== HOST" blocks of ansible-inventory -i SRC --host HOST
#   sources/NAME.args         extra ansible-inventory arguments (-i ..., --playbook-dir ...)
#       NAME.list.json
#   patterns/NAME.ini + NAME.patterns (lines "PATTERN" or "PATTERN<TAB>LIMIT")
#       NAME.patterns.golden  "=== PATTERN<TAB>LIMIT<TAB>RC" blocks of ansible --list-hosts
#   malformed/NAME.*          NAME.err: the message of the plugin's parse error
#
# Note: ansible orders hosts of groups two or more levels below a group by
# iterating a Python set, which differs between runs; keep such inventories
# out of the pattern cases or the goldens become flaky.
set -euo pipefail
cd "$(dirname "$0")"

export ANSIBLE_INVENTORY_UNPARSED_WARNING=False ANSIBLE_LOCALHOST_WARNING=False
export ANSIBLE_NOCOLOR=1 ANSIBLE_DEPRECATION_WARNINGS=False ANSIBLE_HOST_PATTERN_MISMATCH=ignore
# An empty config file keeps any ansible.cfg around from changing results.
cfg_dir=$(mktemp -d)
trap 'rm -rf "$cfg_dir"' EXIT
: >"$cfg_dir/ansible.cfg"
export ANSIBLE_CONFIG="$cfg_dir/ansible.cfg"
# The python that runs ansible (not necessarily the first python3 on PATH).
PYTHON=$(head -1 "$(command -v ansible)" | sed 's/^#! *//')

golden_base() { # source path -> golden base name
	case "$1" in
	*/hosts | */hosts.yml | */inventory.json) dirname "$1" ;;
	*) echo "${1%.*}" ;;
	esac
}

inventory_goldens() {
	local src=$1 base
	base=$(golden_base "$src")
	ansible-inventory -i "$src" --list >"$base.list.json"
	ansible-inventory -i "$src" --graph >"$base.graph.txt"
	ansible-inventory -i "$src" --graph --vars >"$base.graph-vars.txt"
	: >"$base.host.txt"
	"$PYTHON" -c 'import json,sys; print("\n".join(json.load(open(sys.argv[1]))["_meta"]["hostvars"]))' \
		"$base.list.json" | while read -r host; do
		[ -n "$host" ] || continue
		printf '=== %s\n' "$host" >>"$base.host.txt"
		ansible-inventory -i "$src" --host "$host" >>"$base.host.txt"
	done
}

for src in ini/*.ini ini/*/hosts yaml/*.yml yaml/*.yaml yaml/*/inventory.json yaml/*/hosts.yml; do
	[ -e "$src" ] || continue
	inventory_goldens "$src"
done

(
	cd sources
	for args in *.args; do
		# shellcheck disable=SC2046 # the args file holds several words
		ansible-inventory $(cat "$args") --list >"${args%.args}.list.json"
	done
)

(
	cd patterns
	for plist in *.patterns; do
		name=${plist%.patterns}
		out="$name.patterns.golden"
		: >"$out"
		while IFS=$'\t' read -r pattern limit; do
			[ -n "$pattern" ] || continue
			rc=0
			if [ -n "$limit" ]; then
				text=$(ansible -i "$name.ini" "$pattern" --limit "$limit" --list-hosts 2>/dev/null) || rc=$?
			else
				text=$(ansible -i "$name.ini" "$pattern" --list-hosts 2>/dev/null) || rc=$?
			fi
			printf '=== %s\t%s\t%s\n' "$pattern" "$limit" "$rc" >>"$out"
			[ -z "$text" ] || printf '%s\n' "$text" >>"$out"
		done <"$plist"
	done
)

(
	cd malformed
	for src in *.ini *.yml; do
		plugin=ini
		case "$src" in *.yml) plugin=yaml ;; esac
		"$PYTHON" - "$plugin" "$src" >"${src%.*}.err" <<'EOF'
import sys
from ansible.inventory.data import InventoryData
from ansible.parsing.dataloader import DataLoader
from ansible.plugins.loader import inventory_loader

plugin = inventory_loader.get(sys.argv[1])
try:
    plugin.parse(InventoryData(), DataLoader(), sys.argv[2])
except Exception as e:  # the message ansible shows in its warning
    print(e)
else:
    print("NO ERROR")
EOF
	done
)
