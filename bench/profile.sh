#!/bin/bash
# Where does edxplay's second run of the benchmark playbook spend its time?
# On N (default 50) loopback test hosts, after a first run, it measures
#   1. the second run's wall and CPU time (edxplay itself, and the whole
#      machine from /proc/stat: the hosts' sshd and shells run here too);
#   2. the same run with --strategy free (no per-task barrier), to show
#      what waiting for the slowest host of each task costs;
#   3. the processes host h1 starts per run, from strace -f on its sshd:
#      forks and execs, and execs by program;
#   4. perf record -a: CPU by program name, and edxplay's hottest
#      functions.
# Needs root, strace and perf. Usage: bench/profile.sh  (env: N=50)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
N=${N:-50}
work=$(mktemp -d /tmp/edxprofile-XXXXXX)
fleet="$work/fleet"
trap '"$work/bin/testhosts" down --dir "$fleet" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
(cd "$repo" && go build -o "$work/bin/edxplay" ./cmd/edxplay && go build -o "$work/bin/testhosts" ./test/testhosts/cmd/testhosts)
"$work/bin/testhosts" up "$N" --dir "$fleet" --prefix edxprof >/dev/null
inv="$work/inventory.ini"
sed -E 's|^(h[0-9]+ .*)$|\1 bench_root=/srv/edxbench|' "$fleet/inventory.ini" >"$inv"
cmd=("$work/bin/edxplay" run "$here/workload/site.yml" -i "$inv")
"${cmd[@]}" >/dev/null # first run

cpu_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 }' /proc/stat; }
hz=$(getconf CLK_TCK)
echo "== 1. second run, $N hosts"
before=$(cpu_ticks)
/usr/bin/time -f "edxplay: wall %e s, user %U s, sys %S s, peak RSS %M kB" "${cmd[@]}" >/dev/null
after=$(cpu_ticks)
echo "machine CPU during the run: $(awk -v t=$((after - before)) -v hz="$hz" 'BEGIN { printf "%.2f", t / hz }') s (all processes, $(nproc) CPUs)"

echo "== 2. second run with --strategy free"
/usr/bin/time -f "edxplay --strategy free: wall %e s" "${cmd[@]}" --strategy free >/dev/null

echo "== 3. processes started on host h1 during one second run"
pid=$(pgrep -f "sshd -D -e -f $fleet/hosts/h1/sshd_config" | head -1)
strace -f -qq -e trace=execve,clone,clone3,fork,vfork -o "$work/strace.txt" -p "$pid" &
st=$!
sleep 1
"${cmd[@]}" >/dev/null
sleep 0.5
kill "$st" 2>/dev/null || true
wait "$st" 2>/dev/null || true
echo "execve calls: $(grep -c 'execve(' "$work/strace.txt"), process creations (fork/clone): $(grep -cE '(clone3?|v?fork)\(' "$work/strace.txt")"
grep -o 'execve("[^"]*"' "$work/strace.txt" | sed 's/execve("//; s/"$//' | sort | uniq -c | sort -rn | head -15

echo "== 4. perf record -a during one second run"
perf record -q -a -g -F 499 -o "$work/perf.data" -- "${cmd[@]}" >/dev/null 2>"$work/perf.err"
echo "-- CPU samples by program"
perf report -i "$work/perf.data" --stdio --sort comm --no-children -g none 2>/dev/null | grep -E '^ +[0-9]' | head -15
echo "-- edxplay's hottest functions (self)"
perf report -i "$work/perf.data" --stdio --comm edxplay --sort sym --no-children -g none 2>/dev/null | grep -E '^ +[0-9]' | head -25
