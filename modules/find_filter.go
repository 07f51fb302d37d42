package modules

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/edxplay/edxplay/internal/connection"
	"github.com/edxplay/edxplay/internal/pyregex"
	"github.com/edxplay/edxplay/modules/hostfile"
)

// filter keeps the walked entries that pass Ansible's find filters, in
// walk order, and returns their result dicts; contains and get_checksum
// read the remaining candidates' content on the host in one command.
func (q *findQuery) filter(ctx context.Context, call *Call, walked []*findEntry, root string) ([]any, error) {
	depth := q.a.integer("depth")
	var kept []*findEntry
	for _, e := range walked {
		if depth != 0 && e.depth > depth {
			continue
		}
		if strings.HasPrefix(e.name, ".") && !q.a.boolean("hidden") {
			continue
		}
		if q.selects(e) {
			kept = append(kept, e)
		}
	}
	if q.contains != nil {
		var err error
		if kept, err = q.containing(ctx, call, kept); err != nil {
			return nil, err
		}
	}
	sums := map[string]string{}
	if q.a.boolean("get_checksum") {
		var err error
		if sums, err = findChecksums(ctx, call, kept); err != nil {
			return nil, err
		}
	}
	out := make([]any, 0, len(kept))
	for _, e := range kept {
		r := findStatInfo(e)
		if sum, ok := sums[e.path]; ok {
			r["checksum"] = sum
		}
		out = append(out, r)
	}
	return out, nil
}

// selects applies the name, age, size and type filters of file_type.
func (q *findQuery) selects(e *findEntry) bool {
	if !q.nameMatches(e.name) || !q.ageMatches(e) {
		return false
	}
	switch q.a.str("file_type") {
	case "any":
		return e.typ != 'f' || q.sizeMatches(e)
	case "directory":
		return e.typ == 'd'
	case "link":
		return e.typ == 'l'
	default:
		return e.typ == 'f' && q.sizeMatches(e)
	}
}

// nameMatches is Ansible's pfilter: some pattern matches and, if so, no exclude.
func (q *findQuery) nameMatches(name string) bool {
	for _, p := range q.patterns {
		if !matchStart(p, name) {
			continue
		}
		for _, ex := range q.excludes {
			if matchStart(ex, name) {
				return false
			}
		}
		return true
	}
	return false
}

// matchStart is Python's re.match: a match that begins at the start.
func matchStart(re *pyregex.Regexp, s string) bool {
	return pyregex.Match(re, s)
}

func (q *findQuery) ageMatches(e *findEntry) bool {
	if q.age == nil {
		return true
	}
	stamp := map[string]float64{"atime": e.atime, "ctime": e.ctime, "mtime": e.mtime}[q.a.str("age_stamp")]
	age, elapsed := float64(*q.age), q.now-stamp
	if age >= 0 {
		return elapsed >= age
	}
	return elapsed <= -age
}

func (q *findQuery) sizeMatches(e *findEntry) bool {
	if q.size == nil {
		return true
	}
	if *q.size >= 0 {
		return e.size >= *q.size
	}
	return e.size <= -*q.size
}

// compileFindPatterns compiles globs (Python's fnmatch) or Python regexes.
func compileFindPatterns(pats []string, useRegex bool) ([]*pyregex.Regexp, error) {
	out := make([]*pyregex.Regexp, 0, len(pats))
	for _, p := range pats {
		var re *pyregex.Regexp
		var err error
		if useRegex {
			re, err = compilePyPattern(p)
		} else {
			re, err = pyregex.Wrap(regexp.Compile(`(?s)^(?:` + fnmatchRegexp(p) + `)$`))
		}
		if err != nil {
			return nil, err
		}
		out = append(out, re)
	}
	return out, nil
}

func compilePyPattern(p string) (*pyregex.Regexp, error) {
	re, err := pyregex.Compile(p, 0)
	if err != nil {
		return nil, fmt.Errorf("invalid regular expression: %w", err)
	}
	return re, nil
}

// fnmatchRegexp translates a shell glob as Python's fnmatch.translate
// does: * and ? match any character, [!...] negates a class, and an
// unclosed [ is a literal.
func fnmatchRegexp(glob string) string {
	var b strings.Builder
	for i := 0; i < len(glob); i++ {
		switch c := glob[i]; c {
		case '*':
			b.WriteString(".*")
		case '?':
			b.WriteString(".")
		case '[':
			end := classEnd(glob, i+1)
			if end < 0 {
				b.WriteString(`\[`)
				continue
			}
			class := strings.ReplaceAll(glob[i+1:end], `\`, `\\`)
			if strings.HasPrefix(class, "!") {
				class = "^" + class[1:]
			} else if strings.HasPrefix(class, "^") {
				class = `\` + class
			}
			b.WriteString("[" + class + "]")
			i = end
		default:
			b.WriteString(regexp.QuoteMeta(string(c)))
		}
	}
	return b.String()
}

// classEnd returns the index of the ] closing a class opened before j, or -1.
func classEnd(glob string, j int) int {
	if j < len(glob) && glob[j] == '!' {
		j++
	}
	if j < len(glob) && glob[j] == ']' {
		j++
	}
	for j < len(glob) && glob[j] != ']' {
		j++
	}
	if j >= len(glob) {
		return -1
	}
	return j
}

// findStatInfo is Ansible's statinfo() for an entry, with its path.
func findStatInfo(e *findEntry) map[string]any {
	m := e.mode
	bit := func(b uint32) bool { return m&b != 0 }
	return map[string]any{
		"path": e.path, "mode": fmt.Sprintf("%04o", m&0o7777),
		"isdir": e.typ == 'd', "ischr": e.typ == 'c', "isblk": e.typ == 'b', "isreg": e.typ == 'f',
		"isfifo": e.typ == 'p', "islnk": e.typ == 'l', "issock": e.typ == 's',
		"uid": e.uid, "gid": e.gid, "size": e.size, "inode": e.inode, "dev": e.dev, "nlink": e.nlink,
		"atime": e.atime, "mtime": e.mtime, "ctime": e.ctime, "gr_name": e.group, "pw_name": e.owner,
		"wusr": bit(0o200), "rusr": bit(0o400), "xusr": bit(0o100),
		"wgrp": bit(0o020), "rgrp": bit(0o040), "xgrp": bit(0o010),
		"woth": bit(0o002), "roth": bit(0o004), "xoth": bit(0o001),
		"isuid": bit(0o4000), "isgid": bit(0o2000),
	}
}

// findContentLimit bounds the bytes read per file for contains.
const findContentLimit = 64 << 20

// containing keeps the entries whose content matches contains, reading
// them on the host in one command (each file framed by its byte count).
func (q *findQuery) containing(ctx context.Context, call *Call, kept []*findEntry) ([]*findEntry, error) {
	if len(kept) == 0 {
		return kept, nil
	}
	var script strings.Builder
	for _, e := range kept {
		fmt.Fprintf(&script, "f=%s; if [ -r \"$f\" ]; then n=$(head -c %d \"$f\" | wc -c); echo $n; head -c %d \"$f\"; else echo -1; fi; ", hostfile.Quote(e.path), findContentLimit, findContentLimit)
	}
	res, err := call.Conn.Run(ctx, connection.Command{Cmd: script.String(), Become: call.Become, ReadOnly: true})
	if err != nil {
		return nil, err
	}
	out := res.Stdout
	var matched []*findEntry
	for _, e := range kept {
		var n int
		line, rest, _ := strings.Cut(out, "\n")
		if _, err := fmt.Sscan(line, &n); err != nil || n > len(rest) {
			return nil, fmt.Errorf("read %s for contains: unexpected output", e.path)
		}
		if n < 0 {
			out = rest
			continue
		}
		content := rest[:n]
		out = rest[n:]
		if q.contentMatches(content) {
			matched = append(matched, e)
		}
	}
	return matched, nil
}

// contentMatches is Ansible's contentfilter: search the whole file, or
// re.match each line (with its newline).
func (q *findQuery) contentMatches(content string) bool {
	if q.a.boolean("read_whole_file") {
		return pyregex.Search(q.contains, content)
	}
	for len(content) > 0 {
		line, rest, found := strings.Cut(content, "\n")
		if found {
			line += "\n"
		}
		if matchStart(q.contains, line) {
			return true
		}
		content = rest
	}
	return false
}

// findChecksums returns the sha1 of each regular file among entries.
func findChecksums(ctx context.Context, call *Call, entries []*findEntry) (map[string]string, error) {
	sums := map[string]string{}
	var quoted []string
	for _, e := range entries {
		if e.typ == 'f' {
			quoted = append(quoted, hostfile.Quote(e.path))
		}
	}
	if len(quoted) == 0 {
		return sums, nil
	}
	res, err := call.Conn.Run(ctx, connection.Command{Cmd: "for f in " + strings.Join(quoted, " ") + `; do s=$(sha1sum < "$f" 2>/dev/null) && printf '%s %s\0' "${s%% *}" "$f"; done`, Become: call.Become, ReadOnly: true})
	if err != nil {
		return nil, err
	}
	for _, rec := range strings.Split(res.Stdout, "\x00") {
		if sum, p, ok := strings.Cut(rec, " "); ok {
			sums[p] = sum
		}
	}
	return sums, nil
}
