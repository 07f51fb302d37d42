package ssh

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"strings"
	"time"

	"github.com/edxplay/edxplay/internal/connection"
	"github.com/pkg/sftp"
)

// defaultFileMode is the mode of new files written without an explicit mode.
const defaultFileMode fs.FileMode = 0o644

// needsBecome reports whether b switches to a user other than the login user.
func (c *Conn) needsBecome(b *connection.Become) bool {
	if b == nil {
		return false
	}
	user := b.User
	if user == "" {
		user = "root"
	}
	return user != c.target.user
}

// WriteFile replaces p atomically: without become it uploads over SFTP to
// a temporary file in p's directory, sets mode and owner, and renames it;
// with become the become shell does the same from data sent on stdin.
// Either way the temporary file is noted in a pending record first (see
// pendingPrelude), so that a later connection removes it when this one
// breaks before the rename. A connection lost on the way is reported as
// connection.ErrUnreachable, and p is never left half-written.
func (c *Conn) WriteFile(ctx context.Context, p string, data []byte, attrs connection.FileAttrs) error {
	if !path.IsAbs(p) {
		return fmt.Errorf("write %s: path must be absolute", p)
	}
	cli, err := c.connected(ctx)
	if err != nil {
		return err
	}
	if c.needsBecome(attrs.Become) {
		return c.writeWithBecome(ctx, cli, p, data, attrs)
	}
	// The SFTP calls do not watch ctx: on cancellation the write stops at
	// its next chunk and does not rename, while WriteFile returns at once.
	done := make(chan error, 1)
	go func() { done <- c.writeSFTP(ctx, cli, p, data, attrs) }()
	select {
	case err = <-done:
	case <-ctx.Done():
		err = ctx.Err()
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", p, err)
	}
	return nil
}

// tempPath is a new temporary name in p's directory (see connection.TempPrefix).
func tempPath(p string) string {
	base := path.Base(p)
	if len(base) > 64 {
		base = base[:64] // the name must stay within NAME_MAX
	}
	return path.Join(path.Dir(p), connection.TempPrefix+randomToken()+"-"+base)
}

// pendingPaths are the paths a write notes in the pending record: its
// temporary file, and p itself when it is a scratch file.
func pendingPaths(tmp, p string, attrs connection.FileAttrs) []string {
	if attrs.Scratch {
		return []string{tmp, p}
	}
	return []string{tmp}
}

// writeSFTP uploads data to a temporary file, gives it its attributes and
// renames it to p. The pending record is written while p is stat'ed.
func (c *Conn) writeSFTP(ctx context.Context, cli *client, p string, data []byte, attrs connection.FileAttrs) error {
	sc, err := c.sftpClient(ctx)
	if err != nil {
		return err
	}
	tmp := tempPath(p)
	recorded := make(chan error, 1)
	go func() { recorded <- c.recordPending(ctx, cli, nil, pendingPaths(tmp, p, attrs)...) }()
	old, statErr := sc.Stat(p)
	if err := <-recorded; err != nil {
		return c.sftpError(cli, err)
	}
	err = c.upload(ctx, sc, tmp, old, statErr, data, attrs.Mode)
	if err == nil && (attrs.Owner != "" || attrs.Group != "") {
		err = c.chown(ctx, tmp, attrs)
	}
	if err == nil {
		err = ctx.Err()
	}
	if err == nil {
		if err = sc.PosixRename(tmp, p); err != nil {
			err = fmt.Errorf("rename: %w", err)
		}
	}
	if err != nil {
		removeTemp(sc, tmp)
		return c.sftpError(cli, err)
	}
	return nil
}

// removeTemp removes an upload's temporary file, waiting a little at most:
// on a broken connection the pending record has it removed later.
func removeTemp(sc *sftp.Client, tmp string) {
	done := make(chan struct{})
	go func() {
		_ = sc.Remove(tmp)
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(2 * time.Second):
	}
}

// sftpError marks err unreachable when the connection broke under it; an
// SFTP status (permission denied, no such directory) is the host's answer.
func (c *Conn) sftpError(cli *client, err error) error {
	var status *sftp.StatusError
	if errors.As(err, &status) || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) ||
		errors.Is(err, connection.ErrUnreachable) || errors.Is(err, os.ErrNotExist) || errors.Is(err, os.ErrPermission) {
		return err
	}
	return c.brokenError(cli, err)
}

// uploadChunk is how much is written between checks for cancellation.
const uploadChunk = 1 << 20

// upload writes data to a new file tmp with the requested mode, or the mode
// of the existing file (old, when statErr is nil), or the default mode.
// The owner of an existing file is kept where allowed.
func (c *Conn) upload(ctx context.Context, sc *sftp.Client, tmp string, old os.FileInfo, statErr error, data []byte, mode fs.FileMode) error {
	if mode == 0 {
		mode = defaultFileMode
		if statErr == nil {
			mode = old.Mode().Perm()
		}
	}
	f, err := sc.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL)
	if err != nil {
		return fmt.Errorf("create temporary file: %w", err)
	}
	for off := 0; off < len(data); off += uploadChunk {
		if err := ctx.Err(); err != nil {
			f.Close()
			return err
		}
		if _, err := f.Write(data[off:min(off+uploadChunk, len(data))]); err != nil {
			f.Close()
			return fmt.Errorf("upload: %w", err)
		}
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("upload: %w", err)
	}
	if statErr == nil {
		if st, ok := old.Sys().(*sftp.FileStat); ok {
			_ = sc.Chown(tmp, int(st.UID), int(st.GID)) // only root may give files away
		}
	}
	if err := sc.Chmod(tmp, mode); err != nil {
		return fmt.Errorf("chmod: %w", err)
	}
	return nil
}

func (c *Conn) chown(ctx context.Context, file string, attrs connection.FileAttrs) error {
	res, err := c.Run(ctx, connection.Command{Cmd: "chown " + shellQuote(ownerSpec(attrs)) + " " + shellQuote(file)})
	if err != nil {
		return err
	}
	if res.RC != 0 {
		return fmt.Errorf("chown %s: %s", ownerSpec(attrs), strings.TrimSpace(res.Stderr))
	}
	return nil
}

func ownerSpec(attrs connection.FileAttrs) string {
	if attrs.Group == "" {
		return attrs.Owner
	}
	return attrs.Owner + ":" + attrs.Group
}

// writeBecomeScript writes stdin to the temporary file %[2]s in the
// destination's directory, after noting it (and a scratch target) in the
// pending record %[3]s (if any), checks that all %[4]d bytes arrived (stdin ends early when the
// connection breaks), applies mode and owner (those of the file it
// replaces unless given), and renames it over the target %[1]s. It removes
// the temporary file when it fails or is killed.
const writeBecomeScript = `p=%[1]s; t=%[2]s; r=%[3]s
[ -z "$r" ] || printf '%%s\n' %[5]s >> "$r" 2>/dev/null
trap 'rm -f -- "$t"' EXIT
trap 'exit 1' HUP INT TERM PIPE
umask 077
cat > "$t" || exit 1
n=$(wc -c < "$t") && [ $n -eq %[4]d ] || { echo "incomplete upload: $n of %[4]d bytes arrived" >&2; exit 1; }
m=%[6]s
if [ -z "$m" ]; then m=$(stat -c %%a "$p" 2>/dev/null) || m=644; fi
chmod "$m" "$t" || exit 1
o=%[7]s
if [ -n "$o" ]; then chown "$o" "$t" || exit 1
elif [ -e "$p" ]; then chown "$(stat -c %%u:%%g "$p")" "$t" 2>/dev/null; fi
mv -f -- "$t" "$p"
`

// writeWithBecome writes p with writeBecomeScript in a session of the
// become user; the pending record is that of the user's shell.
func (c *Conn) writeWithBecome(ctx context.Context, cli *client, p string, data []byte, attrs connection.FileAttrs) error {
	sh, err := c.shellFor(ctx, cli, attrs.Become)
	if err != nil {
		return fmt.Errorf("write %s: %w", p, err)
	}
	mode := ""
	if attrs.Mode != 0 {
		mode = fmt.Sprintf("%o", attrs.Mode.Perm())
	}
	tmp := tempPath(p)
	var lines []string
	for _, l := range pendingPaths(tmp, p, attrs) {
		lines = append(lines, shellQuote(pendingLine(l)))
	}
	script := fmt.Sprintf(writeBecomeScript, shellQuote(p), shellQuote(tmp), shellQuote(sh.pending), len(data),
		strings.Join(lines, " "), shellQuote(mode), shellQuote(ownerSpec(attrs)))
	if data == nil {
		data = []byte{}
	}
	res, err := c.Run(ctx, connection.Command{Cmd: script, Stdin: data, Become: attrs.Become})
	if err != nil {
		return fmt.Errorf("write %s: %w", p, err)
	}
	if res.RC != 0 {
		return fmt.Errorf("write %s: %s", p, strings.TrimSpace(res.Stderr))
	}
	return nil
}

// ReadFile reads p with cat in the persistent shell (of the become user,
// if any): one round trip, where SFTP would take several (open, stat,
// reads, close) through sshd. Modules read small files (text edits,
// diffs), and with many hosts on one machine every round trip costs the
// hosts' sshd CPU. Writes go over SFTP.
func (c *Conn) ReadFile(ctx context.Context, p string, become *connection.Become) ([]byte, error) {
	res, err := c.Run(ctx, connection.Command{Cmd: "cat -- " + shellQuote(p), Become: become})
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", p, err)
	}
	if res.RC != 0 {
		err := errors.New(strings.TrimSpace(res.Stderr))
		if strings.Contains(res.Stderr, "No such file") {
			err = fs.ErrNotExist
		}
		return nil, fmt.Errorf("read %s: %w", p, err)
	}
	return []byte(res.Stdout), nil
}

// sftpClient returns the connection's SFTP client, starting it if needed.
func (c *Conn) sftpClient(ctx context.Context) (*sftp.Client, error) {
	cli, err := c.connected(ctx)
	if err != nil {
		return nil, err
	}
	c.sftpStart.Lock()
	defer c.sftpStart.Unlock()
	c.mu.Lock()
	sc := c.sftp
	c.mu.Unlock()
	if sc != nil {
		return sc, nil
	}
	sc, err = sftp.NewClient(cli.Client, sftp.UseConcurrentWrites(true))
	if err != nil {
		return nil, c.brokenError(cli, fmt.Errorf("start sftp: %w", err))
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.cli != cli {
		_ = sc.Close()
		return nil, fmt.Errorf("%w: ssh %s: connection lost", connection.ErrUnreachable, c.target.addr())
	}
	c.sftp = sc
	return sc, nil
}
