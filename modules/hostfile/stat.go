package hostfile

import (
	"context"
	"fmt"
	"strconv"
	"strings"
)

// File types reported by Info.Type.
const (
	TypeFile      = "file"
	TypeDir       = "directory"
	TypeLink      = "link"
	TypeFIFO      = "fifo"
	TypeSocket    = "socket"
	TypeCharDev   = "chardev"
	TypeBlockDev  = "blockdev"
	TypeAbsent    = "absent"
	fileTypeMask  = 0o170000
	statFields    = "%f|%u|%g|%U|%G|%s|%.9X|%.9Y|%.9Z|%i|%d|%h"
	statFieldsLen = 12
)

var typeBits = map[uint32]string{
	0o100000: TypeFile, 0o040000: TypeDir, 0o120000: TypeLink, 0o010000: TypeFIFO,
	0o140000: TypeSocket, 0o020000: TypeCharDev, 0o060000: TypeBlockDev,
}

// Info describes a path on the target.
type Info struct {
	Path   string
	Exists bool
	// Type is one of the Type* constants.
	Type string
	// Mode holds the permission bits (including setuid, setgid, sticky).
	Mode               uint32
	UID, GID           int
	Owner, Group       string
	Size               int64
	ATime, MTime       float64
	CTime              float64
	Inode, Dev, NLink  uint64
	Readable, Writable bool
	Executable         bool
	// LinkTarget is the symlink's target as written, when path is a symlink
	// (also with Follow).
	LinkTarget string
	// LinkSource is the absolute, fully resolved path of a symlink.
	LinkSource string
	// Checksum is the hex digest asked for in StatOptions, for readable regular files.
	Checksum string
	// Umask is the target shell's umask.
	Umask uint32
	// content is the file's text when a probe batch read it ahead of
	// time (see BatchProbe); StatRead then needs no round trip.
	content    string
	hasContent bool
}

// StatOptions select what Stat gathers.
type StatOptions struct {
	// Follow stats the symlink's target instead of the link.
	Follow bool
	// Checksum names a digest (sha1, md5, sha256, ...) to compute; "" skips it.
	Checksum string
}

// Stat describes path with a single command.
func (f *FS) Stat(ctx context.Context, path string, opts StatOptions) (Info, error) {
	if c, ok := f.Conn.(StatCache); ok && (opts.Checksum == "" || opts.Checksum == "sha1") {
		if info, hit := c.CachedStat(ctx, f.Become, path, opts.Follow, opts.Checksum != ""); hit {
			if opts.Checksum == "" {
				info.Checksum = ""
			}
			return info, nil
		}
	}
	out, err := f.execInline(ctx, statScript(path, opts))
	if err != nil {
		return Info{}, fmt.Errorf("stat %s: %w", path, err)
	}
	info, err := parseStat(out)
	if err != nil {
		return Info{}, fmt.Errorf("stat %s: %w", path, err)
	}
	info.Path = path
	return info, nil
}

var checksumTools = map[string]string{
	"md5": "md5sum", "sha1": "sha1sum", "sha224": "sha224sum",
	"sha256": "sha256sum", "sha384": "sha384sum", "sha512": "sha512sum",
}

func statScript(path string, opts StatOptions) string {
	var b strings.Builder
	fmt.Fprintf(&b, "p=%s\nprintf 'U '; umask\n", Quote(path))
	exists, follow := `[ -e "$p" ] || [ -L "$p" ]`, ""
	if opts.Follow {
		exists, follow = `[ -e "$p" ]`, "-L "
	}
	// No exit and no exec: the script may run inline in the persistent shell.
	fmt.Fprintf(&b, "if ! { %s; }; then echo X; else\n", exists)
	fmt.Fprintf(&b, "stat %s-c 'S %s' -- \"$p\" && {\n", follow, statFields)
	b.WriteString(`a=; [ -r "$p" ] && a=${a}r; [ -w "$p" ] && a=${a}w; [ -x "$p" ] && a=${a}x; echo "A $a"` + "\n")
	b.WriteString(`if [ -L "$p" ]; then printf 'L '; readlink -- "$p"; printf 'R '; readlink -f -- "$p"; fi` + "\n")
	if tool, ok := checksumTools[opts.Checksum]; ok {
		fmt.Fprintf(&b, "if [ -f \"$p\" ] && [ -r \"$p\" ]; then printf 'C '; %s < \"$p\"; fi\n", tool)
	}
	b.WriteString("}\nfi\n")
	return b.String()
}

func parseStat(out string) (Info, error) {
	var info Info
	for _, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		tag, val, _ := strings.Cut(line, " ")
		switch tag {
		case "U":
			u, err := strconv.ParseUint(val, 8, 32)
			if err != nil {
				return info, fmt.Errorf("parse umask %q: %w", val, err)
			}
			info.Umask = uint32(u)
		case "X":
			info.Type = TypeAbsent
			return info, nil
		case "S":
			if err := parseStatFields(&info, val); err != nil {
				return info, err
			}
		case "A":
			info.Readable = strings.Contains(val, "r")
			info.Writable = strings.Contains(val, "w")
			info.Executable = strings.Contains(val, "x")
		case "L":
			info.LinkTarget = val
		case "R":
			info.LinkSource = val
		case "C":
			info.Checksum, _, _ = strings.Cut(val, " ")
		}
	}
	if !info.Exists {
		return info, fmt.Errorf("unexpected stat output %q", out)
	}
	return info, nil
}

func parseStatFields(info *Info, line string) error {
	f := strings.Split(line, "|")
	if len(f) != statFieldsLen {
		return fmt.Errorf("unexpected stat output %q", line)
	}
	raw, err := strconv.ParseUint(f[0], 16, 32)
	if err != nil {
		return fmt.Errorf("parse mode %q: %w", f[0], err)
	}
	info.Exists = true
	info.Type = typeBits[uint32(raw)&fileTypeMask]
	info.Mode = uint32(raw) & permBits
	info.UID, _ = strconv.Atoi(f[1])
	info.GID, _ = strconv.Atoi(f[2])
	info.Owner, info.Group = f[3], f[4]
	info.Size, _ = strconv.ParseInt(f[5], 10, 64)
	info.ATime, _ = strconv.ParseFloat(f[6], 64)
	info.MTime, _ = strconv.ParseFloat(f[7], 64)
	info.CTime, _ = strconv.ParseFloat(f[8], 64)
	info.Inode, _ = strconv.ParseUint(f[9], 10, 64)
	info.Dev, _ = strconv.ParseUint(f[10], 10, 64)
	info.NLink, _ = strconv.ParseUint(f[11], 10, 64)
	return nil
}

// IsDir reports whether the path exists and is a directory.
func (i Info) IsDir() bool { return i.Type == TypeDir }

// IsFile reports whether the path exists and is a regular file.
func (i Info) IsFile() bool { return i.Type == TypeFile }

// IsLink reports whether the path is a symbolic link.
func (i Info) IsLink() bool { return i.Type == TypeLink }

// RealPath is the path with symlinks resolved: where a write must go to
// change the file a symlink points to.
func (i Info) RealPath() string {
	if i.LinkSource != "" {
		return i.LinkSource
	}
	return i.Path
}

// contentMark separates the stat lines from the file's content in
// StatRead's output.
const contentMark = "__EDXPLAY_CONTENT__"

// readLoop prints the text file $p with shell builtins only (no cat
// process): every line, and a last line without its newline as it is.
// NUL bytes are not kept: StatRead serves text editing modules.
const readLoop = `l=; while IFS= read -r l; do printf '%s\n' "$l"; l=; done < "$p"; [ -z "$l" ] || printf '%s' "$l"`

// StatRead stats path (following symlinks) and, when it is a readable
// regular file, returns its content too: one round trip where Stat then
// Read take two.
func (f *FS) StatRead(ctx context.Context, path string) (Info, []byte, error) {
	if c, ok := f.Conn.(StatCache); ok {
		if info, hit := c.CachedStat(ctx, f.Become, path, true, false); hit {
			info.Checksum = ""
			return f.readCached(ctx, info)
		}
	}
	script := statScript(path, StatOptions{Follow: true}) +
		"if [ -f \"$p\" ] && [ -r \"$p\" ]; then echo " + contentMark + "; " + readLoop + "; fi\n"
	out, err := f.execInline(ctx, script)
	if err != nil {
		return Info{}, nil, fmt.Errorf("stat %s: %w", path, err)
	}
	head, content, found := strings.Cut(out, contentMark+"\n")
	info, err := parseStat(head)
	if err != nil {
		return Info{}, nil, fmt.Errorf("stat %s: %w", path, err)
	}
	info.Path = path
	if !found {
		return info, nil, nil
	}
	return info, []byte(content), nil
}

// readCached completes StatRead from a cached stat: the text the batch
// read with it, or else only the content is read (shell builtins, no
// process started).
func (f *FS) readCached(ctx context.Context, info Info) (Info, []byte, error) {
	if !info.Exists || !info.IsFile() || !info.Readable {
		return info, nil, nil
	}
	if info.hasContent {
		text := info.content
		info.content, info.hasContent = "", false
		return info, []byte(text), nil
	}
	out, err := f.execInline(ctx, "p="+Quote(info.Path)+"\n"+readLoop+"\n")
	if err != nil {
		return Info{}, nil, fmt.Errorf("read %s: %w", info.Path, err)
	}
	return info, []byte(out), nil
}
