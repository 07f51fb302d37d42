package ssh

import (
	"context"
	"fmt"
	"strconv"

	"github.com/edxplay/edxplay/internal/connection"
)

// killGroupScript kills the process group of process %[1]s: TERM, up to
// two seconds for the group to go, then KILL. A session sshd starts is a
// process group of its own (sshd calls setsid for it), and so is a
// command sudo runs on a pty: the group holds the shell or command of
// that session and everything it started, so one group signal stops a
// running "sleep 30; echo done > f" as a whole, where killing processes
// one by one lets the parent shell go on to its next command. It needs
// only a POSIX sh and /proc, and never signals its own group. Zombies
// do not count as running: where init does not reap, they stay. Where
// /proc hides other processes, the process is taken to lead its group,
// as a login shell does.
const killGroupScript = `pg() { read -r l < "/proc/$1/stat" || return 1; l=${l##*) }; set -- $l; g=$3; }
live() { for d in /proc/[0-9]*; do read -r l < "$d/stat" || continue; l=${l##*) }; set -- $l; [ "$3" = "$t" ] && [ "$1" != Z ] && return 0; done; return 1; } 2>/dev/null
pg %[1]s 2>/dev/null || g=%[1]s
t=$g; pg $$ || exit 0
[ "$t" -gt 1 ] && [ "$t" != "$g" ] || exit 0
kill -TERM -"$t" 2>/dev/null || exit 0
i=0
while [ $i -lt 20 ] && kill -0 -"$t" 2>/dev/null && live; do sleep 0.1 2>/dev/null || sleep 1; i=$((i+1)); done
kill -KILL -"$t" 2>/dev/null; true`

// killGroup kills the process group of the remote process pid as the
// become user (who owns it), from a fresh session on cli: the shell that
// runs the command is busy with it. It is bounded by cancelGrace.
func (c *Conn) killGroup(cli *client, pid string, become *connection.Become) {
	if _, err := strconv.Atoi(pid); err != nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), cancelGrace)
	defer cancel()
	_, _ = c.runSessionKill(ctx, cli, connection.Command{Cmd: fmt.Sprintf(killGroupScript, pid), Become: become}, false)
}
