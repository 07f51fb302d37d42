package hostfile

import (
	"context"
	"crypto/sha1"
	"encoding/hex"
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

// StatExtrasCache is a StatCache whose batches also gather the stat
// module's extras (Batch.StatExtras) of the paths of stat tasks.
type StatExtrasCache interface {
	// CachedStatExtras returns path's extras (not following links) from
	// the current batch for become, without starting one.
	CachedStatExtras(become *connection.Become, path string) (string, bool)
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
	return BatchProbe(ctx, conn, become, paths, nil, nil)
}

// BatchProbe is BatchStat that also reads, with shell builtins in the
// same command, the text of those of reads (a subset of paths) that are
// readable regular files of at most contentLimit bytes: the files the
// next text-editing tasks will read (StatRead answers them from the
// batch), and the stat module's extras of extras (StatExtras).
func BatchProbe(ctx context.Context, conn connection.Conn, become *connection.Become, paths, reads, extras []string) (*Batch, error) {
	words, asked := batchWords(paths)
	if len(words) == 0 {
		return &Batch{}, nil
	}
	readWords, _ := batchWords(reads)
	script := batchScript(strings.Join(words, " "), strings.Join(readWords, "|"))
	if extraWords, _ := batchWords(extras); len(extraWords) > 0 {
		script = batchExtrasScript(strings.Join(extraWords, " ")) + script
	}
	res, err := conn.Run(ctx, connection.Command{Cmd: script, Become: become, Inline: true})
	if err != nil {
		return nil, fmt.Errorf("batch stat: %w", err)
	}
	return newBatch(res.Stdout, asked)
}

// batchWords quotes the paths a batch can ask about, each once.
func batchWords(paths []string) (words, asked []string) {
	seen := make(map[string]bool, len(paths))
	for _, p := range paths {
		if p != "" && !seen[p] && !strings.ContainsAny(p, "\n|\\") {
			seen[p] = true
			words, asked = append(words, Quote(p)), append(asked, p)
		}
	}
	return words, asked
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
	// contents are the texts read for BatchProbe's reads.
	contents map[string]string
}

// newBatch checks batchScript's output line by line and keeps it, the
// contents it read apart.
func newBatch(out string, paths []string) (*Batch, error) {
	b := &Batch{paths: make(map[string]bool, len(paths))}
	for _, p := range paths {
		b.paths[p] = true
	}
	var keep strings.Builder
	keep.Grow(len(out)) // the kept text is at most the output: no doubling slack kept per host
	var content *contentBlock
	for line := range strings.Lines(out) {
		text := strings.TrimSuffix(line, "\n")
		if content.add(text) {
			continue
		}
		b.keepContent(content)
		content = nil
		if sum, name, ok := sumLine(text); ok {
			keep.WriteString("C " + name + "|" + sum + "\n")
			continue
		}
		tag, val, _ := strings.Cut(text, " ")
		switch tag {
		case "U":
			b.umask = val
		case "S", "F":
			if nthPipe(val, statFieldsLen) < 0 {
				return nil, fmt.Errorf("batch stat: unexpected line %q", text)
			}
		case "B":
			content = &contentBlock{path: val}
			continue
		}
		keep.WriteString(line)
	}
	b.keepContent(content)
	b.out = keep.String()
	return b, nil
}

// sumLine splits a line of sha1sum's output ("sum  name", or " *name"
// in binary mode).
func sumLine(line string) (sum, name string, ok bool) {
	const n = 40
	if len(line) < n+3 || line[n] != ' ' || (line[n+1] != ' ' && line[n+1] != '*') {
		return "", "", false
	}
	for _, c := range line[:n] {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return "", "", false
		}
	}
	return line[:n], line[n+2:], true
}

// contentLimit bounds the text a batch reads of one file.
const contentLimit = 64 << 10

// contentBlock collects one file's text in a batch's output: "B path",
// then "D" and each line, "E" and a last line without its newline, or
// "T" when the file is longer than contentLimit (its text is dropped).
type contentBlock struct {
	path      string
	text      strings.Builder
	done, cut bool
}

// add takes line into the block; false when line is not part of it.
func (c *contentBlock) add(line string) bool {
	if c == nil || c.done || line == "" {
		return false
	}
	switch line[0] {
	case 'D':
		c.text.WriteString(line[1:])
		c.text.WriteByte('\n')
	case 'E':
		c.text.WriteString(line[1:])
		c.done = true
	case 'T':
		c.cut, c.done = true, true
	default:
		return false
	}
	return true
}

// keepContent keeps a complete block's text.
func (b *Batch) keepContent(c *contentBlock) {
	if c == nil || c.cut || !b.paths[c.path] {
		return
	}
	if b.contents == nil {
		b.contents = map[string]string{}
	}
	b.contents[c.path] = c.text.String()
}

// Lookup returns the Info of one of the batch's paths in one mode; false
// for a path the batch was not asked about or whose lines do not parse.
// Followed, a file whose text the batch read carries it for StatRead.
func (b *Batch) Lookup(k Key) (Info, bool) {
	if !b.paths[k.Path] {
		return Info{}, false
	}
	info, err := parseStat(blockFor(b.umask, b.linesOf(k.Path), k.Follow))
	if err != nil && info.Type != TypeAbsent {
		return Info{}, false
	}
	info.Path = k.Path
	if text, ok := b.contents[k.Path]; ok && k.Follow && info.IsFile() && info.Readable && sameSHA1(text, info.Checksum) {
		info.content, info.hasContent = text, true
	}
	return info, true
}

// sameSHA1 reports whether text is what sha1sum read: the shell loop
// that reads a batch's texts drops NUL bytes, and the file may change
// between the read and the sum; a text that is not the file's is not used.
func sameSHA1(text, sum string) bool {
	if sum == "" {
		return false
	}
	got := sha1.Sum([]byte(text))
	return hex.EncodeToString(got[:]) == sum
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

// batchScript prints, for the paths in set: the umask (U), stat -L (F)
// lines ending in |name, lstat (S) lines of the symlinks only (a path
// that is no symlink has an S line equal to its F line), access flags
// (A), link targets (L, R), the sha1 sums of readable regular files up to
// 1 MiB (sha1sum's own "sum  name" lines; larger files are checked one by
// one when a module needs their sum), and before the sums the text of
// those files that match reads, a case pattern ("" for none; see
// contentBlock). It starts stat, sha1sum and one subshell, plus a stat
// and two readlink for symlinks; it neither exits nor changes directory.
func batchScript(set, reads string) string {
	var b strings.Builder
	b.WriteString("printf 'U '; umask\n")
	fmt.Fprintf(&b, "o=$(stat -L -c 'F %s|%%n' -- %s 2>/dev/null); [ -z \"$o\" ] || printf '%%s\\n' \"$o\"\n", statFields, set)
	fmt.Fprintf(&b, "set --; for p in %s; do if [ -L \"$p\" ]; then set -- \"$@\" \"$p\"; fi; done\n", set)
	fmt.Fprintf(&b, "if [ $# -gt 0 ]; then stat -c 'S %s|%%n' -- \"$@\" 2>/dev/null; for p; do printf 'L %%s|' \"$p\"; readlink -- \"$p\"; printf 'R %%s|' \"$p\"; readlink -f -- \"$p\" || echo; done; fi\n", statFields)
	fmt.Fprintf(&b, "for p in %s; do a=; [ -r \"$p\" ] && a=${a}r; [ -w \"$p\" ] && a=${a}w; [ -x \"$p\" ] && a=${a}x; printf 'A %%s|%%s\\n' \"$a\" \"$p\"; done\n", set)
	// the regular files (type bits 0100000) up to 1 MiB that are readable,
	// from the F lines split at '|' (a subshell keeps IFS and set -f)
	b.WriteString("( set -f; nl='\n'; q=; IFS=$nl; for l in $o; do IFS='|'; set -- $l; IFS=$nl; " +
		"if [ $((0x${1#F } & 61440)) -eq 32768 ] && [ \"$6\" -le 1048576 ] && [ -r \"${13}\" ]; then q=$q${13}$nl; fi; done; " +
		"set -- $q; unset IFS; [ $# -gt 0 ] || exit 0\n")
	if reads != "" {
		fmt.Fprintf(&b, "for f; do case $f in %s) printf 'B %%s\\n' \"$f\"; n=0; l=; while IFS= read -r l; do n=$((n+${#l}+1)); "+
			"if [ \"$n\" -gt %d ]; then break; fi; printf 'D%%s\\n' \"$l\"; l=; done < \"$f\"; "+
			"if [ \"$n\" -gt %d ]; then echo T; elif [ -n \"$l\" ]; then printf 'E%%s\\n' \"$l\"; fi;; esac; done\n", reads, contentLimit, contentLimit)
	}
	b.WriteString("exec sha1sum -- \"$@\" ) 2>/dev/null; unset -v o; true\n")
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
	if !found && !follow {
		// no lstat line: no symlink, so lstat is what stat -L found
		for _, l := range lines {
			if strings.HasPrefix(l, "F ") {
				b.WriteString("S " + l[2:] + "\n")
				found = true
			}
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
