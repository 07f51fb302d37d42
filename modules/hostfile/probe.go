package hostfile

import (
	"context"
	"fmt"
	"strings"

	"github.com/edxplay/edxplay/internal/connection"
)

// StatCache is implemented by connections that keep file stats gathered
// ahead of time, in one round trip, for the files the next tasks will
// look at (the engine's probe cache). A connection drops its cache when
// anything may have changed on the host.
type StatCache interface {
	// CachedStat returns the cached Info of path for become (following
	// symlinks or not, with a sha1 checksum for readable regular files).
	// With checksum, an Info of a readable regular file without its sum is
	// a miss.
	CachedStat(ctx context.Context, become *connection.Become, path string, follow, checksum bool) (Info, bool)
}

// Key identifies a cached stat.
type Key struct {
	Path   string
	Follow bool
}

// BatchStat stats every path twice (the link itself and, followed, its
// target), with sha1 checksums of readable regular files up to 1 MiB, in
// ONE shell command that starts a fixed number of processes however many
// paths there are (two stat, find and sha1sum, readlink only for
// symlinks). Paths holding a newline, '|' or '\' are left out.
func BatchStat(ctx context.Context, conn connection.Conn, become *connection.Become, paths []string) (*Batch, error) {
	var words, asked []string
	for _, p := range paths {
		if p != "" && !strings.ContainsAny(p, "\n|\\") {
			words, asked = append(words, Quote(p)), append(asked, p)
		}
	}
	if len(words) == 0 {
		return &Batch{}, nil
	}
	res, err := conn.Run(ctx, connection.Command{Cmd: batchScript(strings.Join(words, " ")), Become: become, Inline: true})
	if err != nil {
		return nil, fmt.Errorf("batch stat: %w", err)
	}
	return newBatch(res.Stdout, asked)
}

// Batch is the output of one BatchStat. It keeps the command's output as
// it came and parses a path's lines when the path is looked up: a host's
// batch is looked up once or twice per path, and a thousand hosts each
// holding a parsed Info per path and mode (two per path) kept several
// times the memory of the text.
type Batch struct {
	out   string
	umask string
	paths map[string]bool
}

// newBatch checks batchScript's output line by line and keeps it.
func newBatch(out string, paths []string) (*Batch, error) {
	b := &Batch{out: out, paths: make(map[string]bool, len(paths))}
	for _, p := range paths {
		b.paths[p] = true
	}
	for line := range strings.Lines(out) {
		tag, val, _ := strings.Cut(strings.TrimSuffix(line, "\n"), " ")
		switch tag {
		case "U":
			b.umask = val
		case "S", "F":
			if nthPipe(val, statFieldsLen) < 0 {
				return nil, fmt.Errorf("batch stat: unexpected line %q", strings.TrimSuffix(line, "\n"))
			}
		}
	}
	return b, nil
}

// Lookup returns the Info of one of the batch's paths in one mode; false
// for a path the batch was not asked about or whose lines do not parse.
func (b *Batch) Lookup(k Key) (Info, bool) {
	if !b.paths[k.Path] {
		return Info{}, false
	}
	info, err := parseStat(blockFor(b.umask, b.linesOf(k.Path), k.Follow))
	if err != nil && info.Type != TypeAbsent {
		return Info{}, false
	}
	info.Path = k.Path
	return info, true
}

// linesOf returns the batch lines of path in parseStat's form ("S ...",
// "F ...", "A flags", "L target", ...).
func (b *Batch) linesOf(path string) []string {
	var lines []string
	for line := range strings.Lines(b.out) {
		tag, val, _ := strings.Cut(strings.TrimSuffix(line, "\n"), " ")
		switch tag {
		case "S", "F":
			if i := nthPipe(val, statFieldsLen); i >= 0 && val[i+1:] == path {
				lines = append(lines, tag+" "+val[:i])
			}
		case "A", "L", "R", "C":
			p, v, ok := strings.Cut(val, "|")
			if tag == "A" { // "A flags|path"; the others are "X path|value"
				p, v = v, p
			}
			if ok && p == path {
				lines = append(lines, tag+" "+v)
			}
		}
	}
	return lines
}

// batchScript prints, for the paths in set: the umask (U), lstat (S) and
// stat -L (F) lines ending in |name, access flags (A), link targets (L, R)
// and sha1 sums (C). It neither exits nor changes directory.
func batchScript(set string) string {
	var b strings.Builder
	b.WriteString("printf 'U '; umask\n")
	fmt.Fprintf(&b, "stat -c 'S %s|%%n' -- %s 2>/dev/null\n", statFields, set)
	fmt.Fprintf(&b, "stat -L -c 'F %s|%%n' -- %s 2>/dev/null\n", statFields, set)
	fmt.Fprintf(&b, "for p in %s; do a=; [ -r \"$p\" ] && a=${a}r; [ -w \"$p\" ] && a=${a}w; [ -x \"$p\" ] && a=${a}x; printf 'A %%s|%%s\\n' \"$a\" \"$p\"; done\n", set)
	fmt.Fprintf(&b, "for p in %s; do if [ -L \"$p\" ]; then printf 'L %%s|' \"$p\"; readlink -- \"$p\"; printf 'R %%s|' \"$p\"; readlink -f -- \"$p\"; fi; done\n", set)
	// checksums of readable regular files up to 1 MiB (larger ones are
	// checked one by one when a module needs their sum)
	fmt.Fprintf(&b, "find -L %s -maxdepth 0 -type f -readable -size -1025k -exec sha1sum -- {} + 2>/dev/null | while read -r s f; do printf 'C %%s|%%s\\n' \"$f\" \"$s\"; done; true\n", set)
	return b.String()
}

// blockFor builds the single-path Stat output of one mode from the batch
// lines of a path.
func blockFor(umask string, lines []string, follow bool) string {
	want := "S "
	if follow {
		want = "F "
	}
	var b strings.Builder
	b.WriteString("U " + umask + "\n")
	found := false
	for _, l := range lines {
		if strings.HasPrefix(l, want) {
			b.WriteString("S " + l[2:] + "\n")
			found = true
		}
	}
	if !found {
		return "U " + umask + "\nX\n"
	}
	for _, l := range lines {
		if !strings.HasPrefix(l, "S ") && !strings.HasPrefix(l, "F ") {
			b.WriteString(l + "\n")
		}
	}
	return b.String()
}

// nthPipe returns the index of the n-th '|' in s, or -1.
func nthPipe(s string, n int) int {
	for i, c := range s {
		if c == '|' {
			n--
			if n == 0 {
				return i
			}
		}
	}
	return -1
}
