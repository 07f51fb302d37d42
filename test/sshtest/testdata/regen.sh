#!/bin/sh
# Regenerates the golden PLAY RECAPs and exit codes in testdata/failure-limits
# by running ansible-core (the behavioural oracle) on 4 real sshd test hosts.
# Needs root. Run from anywhere: sshtest/testdata/regen.sh
set -eu
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../.." && pwd)
fleet=$(mktemp -d /tmp/sshtest-golden-XXXXXX)
trap 'go run "$repo/test/testhosts/cmd/testhosts" down --dir "$fleet" >/dev/null 2>&1 || true; rm -rf "$fleet"' EXIT
(cd "$repo" && go run ./test/testhosts/cmd/testhosts up 4 --dir "$fleet" --prefix sshtgold >/dev/null)
for pb in "$here"/failure-limits/*.yml; do
	golden=${pb%.yml}.golden
	set +e
	out=$(ANSIBLE_NOCOLOR=1 ansible-playbook -i "$fleet/inventory.ini" "$pb")
	code=$?
	set -e
	{
		echo "exit $code"
		printf '%s\n' "$out" | sed -n '/^PLAY RECAP/,$p' | grep -E '^h[0-9]+ ' | tr -s ' '
	} >"$golden"
	echo "wrote $golden"
done
