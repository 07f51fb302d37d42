package hostfile

import (
	"fmt"
	"strings"
)

// StatExtrasScript prints, in one command, what Ansible's stat module adds
// to the portable fields: a "B" line with block size, blocks and device
// type (stat -c '%o|%b|%r'), with mime an "M" line from file(1) and with
// attrs a "T" line from lsattr -vd. A missing tool prints no line.
func StatExtrasScript(path string, follow, mime, attrs bool) string {
	var b strings.Builder
	fmt.Fprintf(&b, "p=%s\n", Quote(path))
	b.WriteString(statExtrasLines("", follow, mime, attrs))
	return b.String()
}

// statExtrasLines is StatExtrasScript's body for the path in $p, each
// line's tag prefixed with prefix (and followed by "$p|" when prefix is
// not empty: the lines of a batch name their path).
func statExtrasLines(prefix string, follow, mime, attrs bool) string {
	tag := func(t string) string {
		if prefix == "" {
			return fmt.Sprintf("printf '%s '", t)
		}
		return fmt.Sprintf("printf '%s%s %%s|' \"$p\"", prefix, t)
	}
	l := ""
	if follow {
		l = "-L "
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s; stat %s-c '%%o|%%b|%%r' -- \"$p\" 2>/dev/null || echo\n", tag("B"), l)
	if mime {
		fmt.Fprintf(&b, "if command -v file >/dev/null 2>&1; then %s; file --mime-type --mime-encoding -- \"$p\" 2>/dev/null || echo; fi\n", tag("M"))
	}
	if attrs {
		fmt.Fprintf(&b, "if command -v lsattr >/dev/null 2>&1; then %s; lsattr -vd -- \"$p\" 2>/dev/null || echo; fi\n", tag("T"))
	}
	return b.String()
}

// extrasPrefix marks a batch's stat-extras lines ("xB path|...").
const extrasPrefix = "x"

// batchExtrasScript prints the stat extras (not following links, mime
// and attributes) of each path in set, for the stat tasks a batch covers.
func batchExtrasScript(set string) string {
	return fmt.Sprintf("for p in %s; do\n%sdone\n", set, statExtrasLines(extrasPrefix, false, true, true))
}

// StatExtras returns the stat extras of path (not following links) in
// StatExtrasScript's output form; false when the batch did not gather
// them.
func (b *Batch) StatExtras(path string) (string, bool) {
	var out strings.Builder
	found := false
	for line := range strings.Lines(b.out) {
		if !strings.HasPrefix(line, extrasPrefix) {
			continue
		}
		tag, val, _ := strings.Cut(strings.TrimSuffix(line[len(extrasPrefix):], "\n"), " ")
		p, v, ok := strings.Cut(val, "|")
		if ok && p == path {
			found = found || tag == "B"
			out.WriteString(tag + " " + v + "\n")
		}
	}
	return out.String(), found
}
