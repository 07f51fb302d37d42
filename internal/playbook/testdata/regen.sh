#!/bin/sh
# Regenerates the --list-tasks/--list-tags goldens from real ansible-core
# (2.14). Run from the playbook/ directory: sh testdata/regen.sh
set -eu
cd "$(dirname "$0")"
out=golden
mkdir -p "$out"
# name|playbook|ansible-playbook flags (list_test.go reads this block)
while IFS='|' read -r name pb flags; do
	[ -n "$name" ] || continue
	# shellcheck disable=SC2086
	ansible-playbook -i localhost, "$pb" $flags 2>/dev/null >"$out/$name.txt"
done <<'CASES'
tasks|list/site.yml|--list-tasks
tags|list/site.yml|--list-tags
tasks_t1|list/site.yml|--list-tasks --tags t1
tasks_never|list/site.yml|--list-tasks --tags never
tasks_tagged|list/site.yml|--list-tasks --tags tagged
tasks_untagged|list/site.yml|--list-tasks --tags untagged
tasks_all_skip_always|list/site.yml|--list-tasks --skip-tags always
tasks_skip_all|list/site.yml|--list-tasks --skip-tags all
tasks_skip_webtag|list/site.yml|--list-tasks --skip-tags webtag,imported
tasks_role_tag|list/site.yml|--list-tasks --tags webtag,e2
tags_role_tag|list/site.yml|--list-tags --tags webtag
tasks_skip_tagged|list/site.yml|--list-tasks --skip-tags tagged
tasks_play_tag|list/site.yml|--list-tasks --tags play1
tasks_import|list/import.yml|--list-tasks
CASES
/usr/bin/python3 kv_regen.py > golden/kv.json
