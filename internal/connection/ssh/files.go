package ssh

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"strings"

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
func (c *Conn) WriteFile(ctx context.Context, p string, data []byte, attrs connection.FileAttrs) error {
	if !path.IsAbs(p) {
		return fmt.Errorf("write %s: path must be absolute", p)
	}
	if c.needsBecome(attrs.Become) {
		return c.writeWithBecome(ctx, p, data, attrs)
	}
	sc, err := c.sftpClient(ctx)
	if err != nil {
		return err
	}
	tmp := path.Join(path.Dir(p), ".edx-tmp-"+randomToken()+"-"+path.Base(p))
	if err := c.upload(sc, tmp, p, data, attrs.Mode); err != nil {
		_ = sc.Remove(tmp)
		return fmt.Errorf("write %s: %w", p, err)
	}
	if attrs.Owner != "" || attrs.Group != "" {
		if err := c.chown(ctx, tmp, attrs); err != nil {
			_ = sc.Remove(tmp)
			return fmt.Errorf("write %s: %w", p, err)
		}
	}
	if err := sc.PosixRename(tmp, p); err != nil {
		_ = sc.Remove(tmp)
		return fmt.Errorf("write %s: rename: %w", p, err)
	}
	return nil
}

// upload writes data to a new file tmp with the requested mode, or the mode
// of the existing file p, or the default mode. The owner of an existing p
// is kept where allowed.
func (c *Conn) upload(sc *sftp.Client, tmp, p string, data []byte, mode fs.FileMode) error {
	old, statErr := sc.Stat(p)
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
	if _, err := f.Write(data); err != nil {
		f.Close()
		return fmt.Errorf("upload: %w", err)
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

// writeBecomeScript writes stdin to a temporary file in the destination
// directory, applies mode and owner (those of the file it replaces unless
// given), and renames it over the target.
const writeBecomeScript = `p=%s; t=$(dirname "$p")/.edx-tmp-$$-$(basename "$p")
trap 'rm -f "$t"' EXIT
umask 077
cat > "$t" || exit 1
m=%s
if [ -z "$m" ]; then m=$(stat -c %%a "$p" 2>/dev/null) || m=644; fi
chmod "$m" "$t" || exit 1
o=%s
if [ -n "$o" ]; then chown "$o" "$t" || exit 1
elif [ -e "$p" ]; then chown "$(stat -c %%u:%%g "$p")" "$t" 2>/dev/null; fi
mv -f "$t" "$p"
`

func (c *Conn) writeWithBecome(ctx context.Context, p string, data []byte, attrs connection.FileAttrs) error {
	mode := ""
	if attrs.Mode != 0 {
		mode = fmt.Sprintf("%o", attrs.Mode.Perm())
	}
	script := fmt.Sprintf(writeBecomeScript, shellQuote(p), shellQuote(mode), shellQuote(ownerSpec(attrs)))
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
