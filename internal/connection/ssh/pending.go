package ssh

import (
	"context"
	"strings"

	"github.com/edxplay/edxplay/internal/connection"
)

// Temporary files of uploads that a broken connection interrupted would
// stay on the host forever. So every upload first notes its temporary
// path in a pending record of the shell that owns it,
// ~/.edxplay/pending/<pid>-<start time>, and every new shell (the first
// thing a run does on a host, for each user) removes the temporary files
// listed in records whose shell is gone, then the records. A record names
// its shell by process id and start time (as in /proc/PID/stat), so a
// shell of another run still connected is never mistaken for a dead one
// and its uploads are left alone (a zombie counts as dead). Finished uploads are not taken off the
// record: removing a listed path that no longer exists costs nothing.

// pendingPrelude runs in a new shell before it reports ready: it sets
// __edx_rec to the shell's own record (empty when there is no writable
// home or no /proc) and cleans up after shells that are gone. Paths are
// stored one a line with backslash and newline escaped (see pendingLine).
const pendingPrelude = `__edx_rec=; { d=$HOME/.edxplay/pending
if [ -n "$HOME" ] && { [ -d "$d" ] || mkdir -p -m 700 "$d"; } && read -r l < "/proc/$$/stat"; then l=${l##*) }; set -- $l; __edx_rec=$d/$$-${20}; fi
if [ -n "$__edx_rec" ]; then for f in "$d"/*-*; do
  [ -f "$f" ] || continue
  o=${f##*/}; p=${o%%-*}
  if read -r l < "/proc/$p/stat"; then l=${l##*) }; set -- $l; [ "$1" != Z ] && [ "$o" = "$p-${20}" ] && continue; fi
  while IFS= read -r l; do
    case $l in *\\*) l=$(printf '%bx' "$l"); l=${l%x};; esac
    case ${l##*/} in ` + connection.TempPrefix + `*) if [ -e "$l" ] || [ -L "$l" ]; then rm -f -- "$l"; fi;; esac
  done < "$f"
  rm -f -- "$f"
done; fi; } 2>/dev/null
`

// pendingLine escapes p for a record line, as printf %b reads it back.
func pendingLine(p string) string {
	return strings.NewReplacer(`\`, `\\`, "\n", `\n`).Replace(p)
}

// recordPending notes paths in the pending record of the shell of become
// before they are created. Without a record (no writable home) it does
// nothing: the upload goes ahead, only without the cleanup.
func (c *Conn) recordPending(ctx context.Context, cli *client, become *connection.Become, paths ...string) error {
	sh, err := c.shellFor(ctx, cli, become)
	if err != nil {
		return err
	}
	if sh.pending == "" {
		return nil
	}
	var b strings.Builder
	b.WriteString(`printf '%s\n'`)
	for _, p := range paths {
		b.WriteString(" " + shellQuote(pendingLine(p)))
	}
	b.WriteString(" >> " + shellQuote(sh.pending) + " 2>/dev/null")
	_, err = sh.run(ctx, connection.Command{Cmd: b.String(), Inline: true})
	return err
}
