#!/usr/bin/env bash
# Records what ansible-inventory (ansible-core 2.14) prints for each case
# directory, for TestInventoryGolden (cmd_inventory_golden_test.go):
#
#   CASE/args          ansible-inventory's arguments, one per line
#   CASE/env           optional KEY=VALUE lines set for the run
#   CASE/expected.out  its stdout (byte for byte)
#   CASE/expected.rc   its exit code
#   CASE/outfile       optional: the name given to --output; the file it
#                      wrote is kept as CASE/expected.file
#
# Usage: bash cmd/edxplay/testdata/inventory/regen.sh [CASE...]
set -eu
cd "$(dirname "$0")"
cfg_dir=$(mktemp -d)
trap 'rm -rf "$cfg_dir"' EXIT
: >"$cfg_dir/ansible.cfg"
if [ $# -eq 0 ]; then
	set -- */
fi
for c in "$@"; do
	c=${c%/}
	[ -f "$c/args" ] || continue
	(
		cd "$c"
		env_args=""
		[ -f env ] && env_args=$(cat env)
		mapfile -t args <args
		rc=0
		# shellcheck disable=SC2086 # env holds one KEY=VALUE word a line
		env -i PATH="$PATH" HOME="$HOME" LC_ALL=C.UTF-8 ANSIBLE_CONFIG="$cfg_dir/ansible.cfg" \
			ANSIBLE_NOCOLOR=1 ANSIBLE_INVENTORY_UNPARSED_WARNING=False $env_args \
			ansible-inventory "${args[@]}" >expected.out 2>/dev/null || rc=$?
		echo "$rc" >expected.rc
		if [ -f outfile ]; then
			mv "$(cat outfile)" expected.file
		fi
	)
	echo "recorded $c"
done
