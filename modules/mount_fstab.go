package modules

import (
	"fmt"
	"strings"
)

// fstabEntry is the mount point a mount task describes, its fields
// escaped as they are written to fstab.
type fstabEntry struct {
	src, name, fstype, opts, dump, passno string
}

// escapeFstab escapes backslash, space and ampersand as ansible.posix's
// mount does in fstab fields.
func escapeFstab(v string) string {
	return strings.NewReplacer(`\`, `\134`, " ", `\040`, "&", `\046`).Replace(v)
}

// line is the entry as an fstab line.
func (e fstabEntry) line() string {
	return fmt.Sprintf("%s %s %s %s %s %s\n", e.src, e.name, e.fstype, e.opts, e.dump, e.passno)
}

// fstabLines splits fstab text into lines, each ending in a newline.
func fstabLines(text string) []string {
	if text == "" {
		return nil
	}
	lines := strings.SplitAfter(text, "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}

// fstabFields is a line's fields when it is an entry (4 to 6 fields),
// with dump and passno defaulting to 0, else nil.
func fstabFields(line string, counts ...int) []string {
	t := strings.TrimSpace(line)
	if t == "" || strings.HasPrefix(t, "#") {
		return nil
	}
	f := strings.Fields(line)
	for _, n := range counts {
		if len(f) == n {
			return append(f, []string{"0", "0"}[:6-len(f)]...)
		}
	}
	return nil
}

// setFstab returns fstab text with the entry for e.name added or
// brought in line (every entry for that mount point), and whether that
// changed anything; a swap entry with another source is left alone.
func setFstab(text string, e fstabEntry, hasSrc bool) (string, bool) {
	var out strings.Builder
	exists, changed := false, false
	for _, line := range fstabLines(text) {
		if !strings.HasSuffix(line, "\n") {
			line += "\n"
		}
		f := fstabFields(line, 4, 5, 6)
		if f == nil || f[1] != e.name || (hasSrc && f[1] == "none" && f[2] == "swap" && f[0] != e.src) {
			out.WriteString(line)
			continue
		}
		exists = true
		cur := fstabEntry{f[0], f[1], f[2], f[3], f[4], f[5]}
		want := fstabEntry{e.src, f[1], e.fstype, e.opts, e.dump, e.passno}
		if cur != want {
			changed = true
			out.WriteString(want.line())
			continue
		}
		out.WriteString(line)
	}
	if !exists {
		out.WriteString(e.line())
		changed = true
	}
	return out.String(), changed
}

// unsetFstab returns fstab text without the 6-field entries for name,
// and whether any was removed.
func unsetFstab(text, name string) (string, bool) {
	var out strings.Builder
	changed := false
	for _, line := range fstabLines(text) {
		if f := fstabFields(line, 6); f != nil && f[1] == name {
			changed = true
			continue
		}
		out.WriteString(line)
	}
	return out.String(), changed
}

// mountinfoHas reports whether path is a mount point in
// /proc/self/mountinfo text (its fifth field, octal-escaped).
func mountinfoHas(info, path string) bool {
	want := escapeMountinfo(path)
	for _, line := range strings.Split(info, "\n") {
		if f := strings.Fields(line); len(f) > 4 && f[4] == want {
			return true
		}
	}
	return false
}

// escapeMountinfo escapes a path as the kernel does in mountinfo.
func escapeMountinfo(p string) string {
	return strings.NewReplacer(`\`, `\134`, " ", `\040`, "\t", `\011`, "\n", `\012`).Replace(p)
}
