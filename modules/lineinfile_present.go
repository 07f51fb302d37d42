package modules

import (
	"bytes"
	"context"

	"github.com/edxplay/edxplay/internal/pyregex"
)

// lineSearch is the outcome of scanning the file for state=present:
// where the regexp/search_string/exact line matched and where an
// insertafter/insertbefore anchor matched.
type lineSearch struct {
	matchAt, insertAt int
	exact             bool
	// groups of the regexp match, for backrefs.
	matchSrc string
	match    []int
}

// scanLines reproduces lineinfile's search: regexp or search_string
// first; only without such a match the exact line and the anchor.
func scanLines(lines [][]byte, a args, re, ins *pyregex.Regexp) lineSearch {
	s := lineSearch{matchAt: -1, insertAt: -1}
	first := a.boolean("firstmatch")
	for i, l := range lines {
		if re == nil {
			break
		}
		if src, m := searchLine(re, l); m != nil {
			s.matchAt, s.matchSrc, s.match = i, src, m
			if first {
				break
			}
		}
	}
	if a.has("search_string") {
		for i, l := range lines {
			if bytes.Contains(l, []byte(a.str("search_string"))) {
				s.matchAt, s.match = i, []int{0, 0}
				if first {
					break
				}
			}
		}
	}
	if s.match != nil {
		return s
	}
	line := []byte(a.str("line"))
	for i, l := range lines {
		if bytes.Equal(line, trimEOL(l)) {
			s.matchAt, s.exact = i, true
		} else if _, m := matchAnchor(ins, l); m {
			s.insertAt = i
			if a.has("insertafter") {
				s.insertAt = i + 1
			}
			if first {
				break
			}
		}
	}
	return s
}

func matchAnchor(ins *pyregex.Regexp, l []byte) (string, bool) {
	if ins == nil {
		return "", false
	}
	src, m := searchLine(ins, l)
	return src, m != nil
}

// anchorRegexp compiles insertafter/insertbefore unless it is BOF/EOF.
func anchorRegexp(after, before string) (*pyregex.Regexp, error) {
	switch {
	case after != "" && after != "BOF" && after != "EOF":
		return pyregex.Compile(after, 0)
	case before != "" && before != "BOF":
		return pyregex.Compile(before, 0)
	}
	return nil, nil
}

// linePresent describes inserting or replacing the line as Ansible's
// lineinfile does.
func linePresent(ctx context.Context, t *textFile, a args, re *pyregex.Regexp) (*Planned, error) {
	after, before := a.str("insertafter"), a.str("insertbefore")
	if after == "" && before == "" {
		after = "EOF"
	}
	ins, err := anchorRegexp(after, before)
	if err != nil {
		return nil, err
	}
	lines := splitKeepNL(t.content)
	s := scanLines(lines, a, re, ins)
	line := []byte(a.str("line"))
	msg, changed := "line added", false
	switch {
	case s.matchAt != -1:
		msg = "line replaced"
		if lines, changed, err = replaceMatched(lines, a, re, s); err != nil {
			return nil, err
		}
	case a.boolean("backrefs"):
		// without a regexp match there is nothing safe to expand
	case before == "BOF" || after == "BOF":
		lines = insertAt(lines, 0, withNL(line))
		changed = true
	case after == "EOF" || s.insertAt == -1:
		if len(lines) > 0 && !endsWithEOL(lines[len(lines)-1]) {
			lines = append(lines, []byte("\n"))
		}
		lines = append(lines, withNL(line))
		changed = true
	case after != "":
		lines, changed = insertAfterAnchor(lines, s.insertAt, line)
	default:
		lines = insertAt(lines, s.insertAt, withNL(line))
		changed = true
	}
	if !changed {
		msg = ""
	}
	return describeEdit(ctx, t, a, edit{before: t.content, after: bytes.Join(lines, nil), changed: changed, msg: msg, data: withEmptyPatternWarning(a, map[string]any{})})
}

// replaceMatched replaces the matched line (expanding backrefs) when it
// differs from the wanted one.
func replaceMatched(lines [][]byte, a args, re *pyregex.Regexp, s lineSearch) ([][]byte, bool, error) {
	newLine := []byte(a.str("line"))
	if a.boolean("backrefs") && s.match != nil && re != nil {
		expanded, err := pyregex.Expand(re, string(newLine), s.matchSrc, s.match)
		if err != nil {
			return nil, false, err
		}
		newLine = []byte(expanded)
	}
	newLine = withNL(newLine)
	if bytes.Equal(lines[s.matchAt], newLine) {
		return lines, false, nil
	}
	lines[s.matchAt] = newLine
	return lines, true, nil
}

// insertAfterAnchor inserts line at index at unless the line already
// sits there (or, at the end of the file, just before).
func insertAfterAnchor(lines [][]byte, at int, line []byte) ([][]byte, bool) {
	if at == len(lines) {
		if at > 0 && bytes.Equal(trimEOL(lines[at-1]), line) {
			return lines, false
		}
		return append(lines, withNL(line)), true
	}
	if bytes.Equal(trimEOL(lines[at]), line) {
		return lines, false
	}
	return insertAt(lines, at, withNL(line)), true
}

func insertAt(lines [][]byte, i int, l []byte) [][]byte {
	lines = append(lines, nil)
	copy(lines[i+1:], lines[i:])
	lines[i] = l
	return lines
}

func withNL(b []byte) []byte {
	if bytes.HasSuffix(b, []byte("\n")) {
		return b
	}
	return append(append([]byte{}, b...), '\n')
}

func endsWithEOL(b []byte) bool {
	return len(b) > 0 && (b[len(b)-1] == '\n' || b[len(b)-1] == '\r')
}
