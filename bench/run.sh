#!/bin/bash
# Issue 3 benchmark (items 11-12): the 20-task playbook of bench/workload on
# 1, 10 and 50 loopback test hosts (real sshd, see test/testhosts/README.md).
# For each size it measures
#   - edxplay, first run (fresh hosts) and second run (nothing to change),
#     wall time and peak RSS (/usr/bin/time), median of REPEAT runs;
#   - the floor: bench/floor, 20 commands per host over one persistent shell
#     per host with x/crypto/ssh (a builtin "test -d /srv", and a forked
#     "stat" per command), median of REPEAT runs;
#   - ansible-playbook on the same playbook and hosts, forks = hosts,
#     pipelining on (bench/workload/ansible-pipelining.cfg), once, when
#     ansible-core is installed.
# It prints a Markdown table (also written to $OUT) and the targets:
# second run at 50 hosts within 2x of the floor, >= 100x faster than
# ansible-playbook, edxplay peak RSS < 100 MB at 50 hosts.
#
# With more than one size it also prints the scale table: per size, the
# second run, both floors, the ratios and edxplay's peak RSS, and the
# targets at 1,000 hosts (peak RSS < 250 MB, second run <= 1.5x the floor).
# The scale run: SIZES="50 250 500 1000" REPEAT=1 ANSIBLE=no bench/run.sh
# (1,000 sshd processes; each fleet is torn down before the next starts).
#
# Needs root. Usage: bench/run.sh   (env: SIZES="1 10 50" REPEAT=3
# ANSIBLE=auto|no OUT=/tmp/edxbench-results.md EDXPLAY=prebuilt binary to
# measure instead of building cmd/edxplay)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
SIZES=${SIZES:-"1 10 50"}
REPEAT=${REPEAT:-3}
ANSIBLE=${ANSIBLE:-auto}
OUT=${OUT:-/tmp/edxbench-results.md}
if [ "$ANSIBLE" = auto ]; then
	if command -v ansible-playbook >/dev/null; then ANSIBLE=yes; else ANSIBLE=no; fi
fi
[ -x /usr/bin/time ] || { echo "bench: /usr/bin/time missing (apt-get install -y time)" >&2; exit 1; }

work=$(mktemp -d /tmp/edxbench-XXXXXX)
fleets=()
cleanup() {
	for f in "${fleets[@]}"; do "$work/bin/testhosts" down --dir "$f" >/dev/null 2>&1 || true; done
	rm -rf "$work"
}
trap cleanup EXIT

echo "building edxplay, testhosts and floor ..." >&2
(cd "$repo" && go build -o "$work/bin/edxplay" ./cmd/edxplay && go build -o "$work/bin/testhosts" ./test/testhosts/cmd/testhosts &&
	go build -o "$work/bin/floor" ./bench/floor)
[ -z "${EDXPLAY:-}" ] || cp "$EDXPLAY" "$work/bin/edxplay"

rows=() scale=()
# measure LABEL LOG CMD...: runs CMD under /usr/bin/time, sets $wall (s) and $rss (MB).
measure() {
	local log=$1
	shift
	/usr/bin/time -f "%e %M" -o "$work/time" "$@" >"$log" 2>&1 || { echo "bench: failed: $*" >&2; tail -20 "$log" >&2; exit 1; }
	read -r wall rss_kb <"$work/time"
	rss=$(awk -v k="$rss_kb" 'BEGIN { printf "%.1f", k / 1024 }')
}
# median of the arguments
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
# check_recap LOG N CHANGED: every one of N hosts has failed=0 unreachable=0, and changed=0 when CHANGED=none.
check_recap() {
	local hosts bad
	hosts=$(grep -cE '^h[0-9]+ +: ok=' "$1" || true)
	bad=$(grep -E '^h[0-9]+ +: ok=' "$1" | grep -cvE 'unreachable=0 +failed=0' || true)
	[ "$hosts" = "$2" ] && [ "$bad" = 0 ] || { echo "bench: $1: $hosts hosts in recap, $bad failed" >&2; exit 1; }
	if [ "$3" = none ] && grep -E '^h[0-9]+ +: ok=' "$1" | grep -qv 'changed=0 '; then
		echo "bench: $1: second run changed something" >&2
		exit 1
	fi
}
clean_hosts() { rm -rf "$1"/hosts/*/srv/edxbench; }

for n in $SIZES; do
	fleet="$work/fleet$n"
	"$work/bin/testhosts" up "$n" --dir "$fleet" --prefix "edxbench$n" >/dev/null
	fleets+=("$fleet")
	inv="$work/inventory$n.ini"
	sed -E 's|^(h[0-9]+ .*)$|\1 bench_root=/srv/edxbench|' "$fleet/inventory.ini" >"$inv"
	echo "== $n hosts" >&2

	first=() second=() rss1=() rss2=()
	for r in $(seq "$REPEAT"); do
		clean_hosts "$fleet"
		measure "$work/edx-$n-1.log" "$work/bin/edxplay" run "$here/workload/site.yml" -i "$inv"
		check_recap "$work/edx-$n-1.log" "$n" any
		first+=("$wall") rss1+=("$rss")
		measure "$work/edx-$n-2.log" "$work/bin/edxplay" run "$here/workload/site.yml" -i "$inv"
		check_recap "$work/edx-$n-2.log" "$n" none
		second+=("$wall") rss2+=("$rss")
		load2=$(cut -d' ' -f1-3 /proc/loadavg) # the machine's load as the second run ended
	done
	rows+=("| $n | edxplay | first | $(median "${first[@]}") | $(median "${rss1[@]}") |")
	rows+=("| $n | edxplay | second | $(median "${second[@]}") | $(median "${rss2[@]}") |")
	eval "edx2_$n=$(median "${second[@]}") edxrss_$n=$(median "${rss2[@]}" "${rss1[@]}")"
	eval "edxpeak_$n=$(printf '%s\n' "${rss1[@]}" "${rss2[@]}" | sort -g | tail -1)"

	for variant in builtin exec; do
		cmd="test -d /srv"
		[ $variant = exec ] && cmd="stat -c %a /srv >/dev/null"
		walls=() rsss=()
		for r in $(seq "$REPEAT"); do
			measure "$work/floor-$n.log" "$work/bin/floor" -fleet "$fleet" -commands 20 -command "$cmd"
			walls+=("$wall") rsss+=("$rss")
		done
		rows+=("| $n | floor ($variant: \`$cmd\`) | - | $(median "${walls[@]}") | $(median "${rsss[@]}") |")
		eval "floor_${variant}_$n=$(median "${walls[@]}")"
	done

	if [ "$ANSIBLE" = yes ]; then
		clean_hosts "$fleet"
		for run in first second; do
			ANSIBLE_CONFIG="$here/workload/ansible-pipelining.cfg" ANSIBLE_NOCOLOR=1 \
				measure "$work/ansible-$n-$run.log" ansible-playbook -f "$n" -i "$inv" "$here/workload/site.yml"
			check_recap "$work/ansible-$n-$run.log" "$n" "$([ $run = second ] && echo none || echo any)"
			rows+=("| $n | ansible-playbook (pipelining, forks=$n) | $run | $wall | $rss |")
			[ $run = second ] && eval "ans2_$n=$wall"
		done
	fi
	"$work/bin/testhosts" down --dir "$fleet" >/dev/null
	unset 'fleets[${#fleets[@]}-1]'
	eval "e=\$edx2_$n fb=\$floor_builtin_$n fe=\$floor_exec_$n p=\$edxpeak_$n"
	scale+=("$(awk -v n="$n" -v e="$e" -v fb="$fb" -v fe="$fe" -v p="$p" -v l="$load2" 'BEGIN {
		printf "| %d | %.2f | %.2f | %.2f | %.2fx | %.2fx | %.1f | %.1f | %.1f | %s |", n, e, fb, fe, e / fb, e / fe, p, 1000 * e / n, 1000 * fe / n, l }')")
done

{
	echo "Measured $(date -u '+%Y-%m-%d %H:%M UTC') on $(nproc) CPUs (load average at end: $(cut -d' ' -f1-3 /proc/loadavg)); median of $REPEAT runs, ansible once."
	echo
	echo "| hosts | tool | run | wall s | peak RSS MB |"
	echo "| ---: | --- | --- | ---: | ---: |"
	printf '%s\n' "${rows[@]}"
	echo
	echo "Peak RSS is the largest single process (/usr/bin/time %M); for ansible-playbook that is one of its worker processes, not their sum."
	if [ "${#scale[@]}" -gt 1 ]; then
		echo
		echo "Scale: edxplay's second run (nothing to change) against the floor, and edxplay's peak RSS (first or second run)."
		echo
		echo "Cost per host is the wall time divided by the hosts (ms); load is the machine's load average (1, 5, 15 min) as edxplay's second run ended."
		echo
		echo "| hosts | edxplay second s | floor builtin s | floor exec s | ratio (builtin) | ratio (exec) | edxplay peak RSS MB | edxplay ms/host | floor exec ms/host | load |"
		echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"
		printf '%s\n' "${scale[@]}"
	fi
	if [[ " $SIZES " == *" 1000 "* ]]; then
		echo
		echo "Targets at 1,000 hosts:"
		awk -v e="$edx2_1000" -v fb="$floor_builtin_1000" -v fe="$floor_exec_1000" -v r="$edxpeak_1000" 'BEGIN {
			printf "- peak RSS %.1f MB: target < 250 MB: %s\n", r, (r < 250 ? "met" : "MISSED")
			printf "- second run %.2f s = %.2fx the builtin floor, %.2fx the exec floor: target <= 1.5x: %s\n", e, e / fb, e / fe, (e <= 1.5 * fb ? "met (builtin floor)" : (e <= 1.5 * fe ? "met (exec floor only)" : "MISSED"))
		}'
	fi
	if [[ " $SIZES " == *" 50 "* ]]; then
		echo
		echo "Targets at 50 hosts:"
		awk -v e="$edx2_50" -v fb="$floor_builtin_50" -v fe="$floor_exec_50" -v r="$edxrss_50" -v a="${ans2_50:-}" 'BEGIN {
			printf "- second run %.2f s = %.1fx the builtin floor (%.2f s), %.1fx the exec floor (%.2f s): target <= 2x: %s\n", e, e / fb, fb, e / fe, fe, (e <= 2 * fe ? "met (exec floor)" : "MISSED")
			if (a != "") printf "- ansible-playbook second run %.2f s = %.0fx slower than edxplay: target >= 100x: %s\n", a, a / e, (a >= 100 * e ? "met" : "MISSED")
			printf "- edxplay peak RSS %.1f MB: target < 100 MB: %s\n", r, (r < 100 ? "met" : "MISSED")
		}'
	fi
} | tee "$OUT"
