#!/bin/sh
# Records ansible-playbook's (ansible-core 2.14) --syntax-check and
# --list-tasks of every case under listing/: expected.syntax-check and
# expected.list-tasks hold "rc=N" and stdout. An optional file `args` holds
# extra arguments, one a line. Usage: testdata/listing/regen.sh [case...]
set -eu
cd "$(dirname "$0")"
export ANSIBLE_NOCOLOR=1 ANSIBLE_DEPRECATION_WARNINGS=0 ANSIBLE_RETRY_FILES_ENABLED=0 LC_ALL=C.UTF-8
[ $# -gt 0 ] || set -- $(ls -d */ | tr -d /)
for c in "$@"; do
	for mode in syntax-check list-tasks; do
		args=""
		[ -f "$c/args" ] && args=$(cat "$c/args")
		# shellcheck disable=SC2086
		rc=0; (cd "$c" && ansible-playbook site.yml -i localhost, --$mode $args 2>/dev/null >../stdout.tmp) || rc=$?
		{ printf 'rc=%s\n' "$rc"; cat stdout.tmp; } > "$c/expected.$mode"
		rm -f stdout.tmp
	done
done
