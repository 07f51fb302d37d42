#!/bin/bash
# CPU time of edxplay's converged (second) run of the benchmark playbook
# against the floor's, on N loopback test hosts: measures that hold when
# other work shares the machine and wall times do not.
#
# For each tool and round it prints the wall time, the tool's own CPU
# (user + sys, /usr/bin/time) and the hosts' CPU: what the fleet's sshd
# listeners reaped from the connections' processes during the run
# (utime, stime, cutime + cstime in /proc/PID/stat: the sshd of each connection, the
# shell it started and every command the shell ran), per host in ms.
# It ends with the means and the ratios edxplay / floor (own, hosts,
# total). Rounds interleave the tools, so both see about the same load.
#
# Needs root. Usage: bench/cpu.sh   (env: N=200 ROUNDS=3 EDXPLAY=prebuilt
# binary instead of building cmd/edxplay; FLEET=an existing testhosts
# fleet directory to use instead of starting one)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
N=${N:-200}
ROUNDS=${ROUNDS:-3}
work=$(mktemp -d /tmp/edxcpu-XXXXXX)
own_fleet=
cleanup() {
	[ -z "$own_fleet" ] || "$work/bin/testhosts" down --dir "$own_fleet" >/dev/null 2>&1 || true
	rm -rf "$work"
}
trap cleanup EXIT
mkdir -p "$work/bin"
(cd "$repo" && go build -o "$work/bin/edxplay" ./cmd/edxplay && go build -o "$work/bin/testhosts" ./test/testhosts/cmd/testhosts &&
	go build -o "$work/bin/floor" ./bench/floor)
[ -z "${EDXPLAY:-}" ] || cp "$EDXPLAY" "$work/bin/edxplay"
fleet=${FLEET:-}
if [ -z "$fleet" ]; then
	fleet="$work/fleet"
	"$work/bin/testhosts" up "$N" --dir "$fleet" --prefix edxcpu >/dev/null
	own_fleet=$fleet
fi
n=$(wc -l <"$fleet/hosts.txt")
inv="$work/inventory.ini"
sed -E 's|^(h[0-9]+ .*)$|\1 bench_root=/srv/edxbench|' "$fleet/inventory.ini" >"$inv"
pids=$(pgrep -f "sshd -D -e -f $fleet/hosts/" | tr '\n' ' ')
hz=$(getconf CLK_TCK)
# hosts_ticks: CPU ticks of the fleet's listeners so far, their own and
# what they reaped from their connections
hosts_ticks() { for p in $pids; do cut -d' ' -f14-17 "/proc/$p/stat"; done | awk '{ s += $1 + $2 + $3 + $4 } END { print s }'; }
edx=("$work/bin/edxplay" run "$here/workload/site.yml" -i "$inv")
floor=("$work/bin/floor" -fleet "$fleet" -commands 20 -command "test -d /srv")
"${edx[@]}" >"$work/first.log" 2>&1 || { tail -20 "$work/first.log" >&2; exit 1; }

# measure LABEL CMD...: one run; appends "label wall own hosts" to $work/rows
measure() {
	local label=$1 before after
	shift
	before=$(hosts_ticks)
	/usr/bin/time -f "%e %U %S" -o "$work/time" "$@" >"$work/$label.log" 2>&1 || { tail -20 "$work/$label.log" >&2; exit 1; }
	after=$(hosts_ticks)
	read -r wall user sys <"$work/time"
	echo "$label $wall $(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }') $(awk -v t=$((after - before)) -v hz="$hz" 'BEGIN { print t / hz }')" >>"$work/rows"
	tail -1 "$work/rows"
}
for r in $(seq "$ROUNDS"); do
	measure floor "${floor[@]}"
	measure edxplay "${edx[@]}"
	if grep -E '^h[0-9]+ +: ok=' "$work/edxplay.log" | grep -qv 'changed=0 '; then
		echo "cpu: edxplay's converged run changed something" >&2
		exit 1
	fi
done
echo "$n hosts, $ROUNDS rounds, load at end $(cut -d' ' -f1-3 /proc/loadavg)"
awk -v n="$n" '{ w[$1] += $2; o[$1] += $3; h[$1] += $4; c[$1]++ }
END {
	printf "| tool | wall s | own CPU s | hosts CPU s | own ms/host | hosts ms/host | total ms/host |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n"
	for (t in c) printf "| %s | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f |\n", t, w[t]/c[t], o[t]/c[t], h[t]/c[t], 1000*o[t]/c[t]/n, 1000*h[t]/c[t]/n, 1000*(o[t]+h[t])/c[t]/n
	printf "edxplay / floor: wall %.2fx, own CPU %.2fx, hosts CPU %.2fx, total CPU %.2fx\n", w["edxplay"]/w["floor"], o["edxplay"]/o["floor"], h["edxplay"]/h["floor"], (o["edxplay"]+h["edxplay"])/(o["floor"]+h["floor"])
}' "$work/rows"
