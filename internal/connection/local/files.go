package local

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"

	"github.com/edxplay/edxplay/internal/connection"
)

// defaultMode is the mode of a new file written without an explicit mode.
const defaultMode fs.FileMode = 0o644

// WriteFile replaces path atomically with data: a temporary file in the same
// directory is written, given its mode and ownership, then renamed over path.
// Without an explicit mode or owner, an existing file's are kept.
func (c *Conn) WriteFile(ctx context.Context, path string, data []byte, attrs connection.FileAttrs) error {
	if c.needsSwitch(attrs.Become) {
		return c.writeAsUser(ctx, path, data, attrs)
	}
	if err := writeDirect(path, data, attrs); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

func writeDirect(path string, data []byte, attrs connection.FileAttrs) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), connection.TempPrefix+"*")
	if err != nil {
		return err
	}
	name := tmp.Name()
	defer os.Remove(name) // no-op once renamed
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := applyAttrs(name, path, attrs); err != nil {
		return err
	}
	return os.Rename(name, path)
}

// applyAttrs gives the temporary file name the attributes the final file
// at path must have.
func applyAttrs(name, path string, attrs connection.FileAttrs) error {
	mode, uid, gid := defaultMode, -1, -1
	if st, err := os.Stat(path); err == nil {
		mode = st.Mode().Perm() | st.Mode()&(fs.ModeSetuid|fs.ModeSetgid|fs.ModeSticky)
		if sys, ok := st.Sys().(*syscall.Stat_t); ok && os.Geteuid() == 0 {
			uid, gid = int(sys.Uid), int(sys.Gid)
		}
	}
	if attrs.Mode != 0 {
		mode = attrs.Mode
	}
	var err error
	if attrs.Owner != "" {
		if uid, err = lookupUID(attrs.Owner); err != nil {
			return err
		}
	}
	if attrs.Group != "" {
		if gid, err = lookupGID(attrs.Group); err != nil {
			return err
		}
	}
	if uid != -1 || gid != -1 {
		if err := os.Lchown(name, uid, gid); err != nil {
			return err
		}
	}
	return os.Chmod(name, mode)
}

func lookupUID(name string) (int, error) {
	if n, err := strconv.Atoi(name); err == nil {
		return n, nil
	}
	u, err := user.Lookup(name)
	if err != nil {
		return 0, fmt.Errorf("look up user: %w", err)
	}
	return strconv.Atoi(u.Uid)
}

func lookupGID(name string) (int, error) {
	if n, err := strconv.Atoi(name); err == nil {
		return n, nil
	}
	g, err := user.LookupGroup(name)
	if err != nil {
		return 0, fmt.Errorf("look up group: %w", err)
	}
	return strconv.Atoi(g.Gid)
}

// writeAsUser writes path as the become user with one shell command that
// reads the content from standard input.
func (c *Conn) writeAsUser(ctx context.Context, path string, data []byte, attrs connection.FileAttrs) error {
	p := quote(path)
	var b strings.Builder
	fmt.Fprintf(&b, "t=$(mktemp %s) || exit 1\n", quote(filepath.Join(filepath.Dir(path), connection.TempPrefix+"XXXXXXXX")))
	b.WriteString(`trap 'rm -f -- "$t"' EXIT` + "\n")
	b.WriteString(`trap 'exit 1' HUP INT TERM PIPE` + "\n")
	b.WriteString(`cat > "$t" || exit 1` + "\n")
	// stdin ends early when edxplay dies: never rename a partial file.
	fmt.Fprintf(&b, "n=$(wc -c < \"$t\") && [ $n -eq %d ] || { echo \"incomplete write: $n of %d bytes\" >&2; exit 1; }\n", len(data), len(data))
	if attrs.Mode != 0 {
		fmt.Fprintf(&b, "chmod %04o \"$t\" || exit 1\n", uint32(attrs.Mode.Perm())|specialBits(attrs.Mode))
	} else {
		fmt.Fprintf(&b, "if [ -e %s ]; then chmod --reference=%s \"$t\"; chown --reference=%s \"$t\" 2>/dev/null; else chmod 0644 \"$t\"; fi || exit 1\n", p, p, p)
	}
	if owner := ownerSpec(attrs.Owner, attrs.Group); owner != "" {
		fmt.Fprintf(&b, "chown %s \"$t\" || exit 1\n", quote(owner))
	}
	fmt.Fprintf(&b, "mv -f -- \"$t\" %s\n", p)
	res, err := c.Run(ctx, connection.Command{Cmd: b.String(), Stdin: data, Become: attrs.Become})
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if res.RC != 0 {
		return fmt.Errorf("write %s: rc %d: %s", path, res.RC, strings.TrimSpace(res.Stderr))
	}
	return nil
}

// specialBits converts Go's setuid/setgid/sticky flags to their octal bits.
func specialBits(m fs.FileMode) uint32 {
	var bits uint32
	if m&fs.ModeSetuid != 0 {
		bits |= 0o4000
	}
	if m&fs.ModeSetgid != 0 {
		bits |= 0o2000
	}
	if m&fs.ModeSticky != 0 {
		bits |= 0o1000
	}
	return bits
}

// ownerSpec is chown's OWNER[:GROUP] / :GROUP argument, or "".
func ownerSpec(owner, group string) string {
	if group == "" {
		return owner
	}
	return owner + ":" + group
}

// ReadFile returns the content of path, read as the become user when one is given.
func (c *Conn) ReadFile(ctx context.Context, path string, become *connection.Become) ([]byte, error) {
	if !c.needsSwitch(become) {
		data, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", path, err)
		}
		return data, nil
	}
	res, err := c.Run(ctx, connection.Command{Cmd: "cat -- " + quote(path), Become: become})
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	if res.RC != 0 {
		if strings.Contains(res.Stderr, "No such file") {
			return nil, fmt.Errorf("read %s: %w", path, fs.ErrNotExist)
		}
		return nil, fmt.Errorf("read %s: %w", path, errors.New(strings.TrimSpace(res.Stderr)))
	}
	return []byte(res.Stdout), nil
}
