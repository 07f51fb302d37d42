package modules

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/edxplay/edxplay/internal/connection"
)

// commandWithStdin is a command run as the call's become user fed with data.
func commandWithStdin(cmd string, data []byte, call *Call) connection.Command {
	return connection.Command{Cmd: cmd, Stdin: data, Become: call.Become}
}

// jobLine renders the crontab line for the arguments.
func (t *crontab) jobLine(a args) string {
	prefix := ""
	if a.boolean("disabled") {
		prefix = "#"
	}
	job := strings.Trim(a.str("job"), "\r\n")
	userField := ""
	if t.file != "" {
		userField = t.user + " "
	}
	if s := a.str("special_time"); s != "" {
		return fmt.Sprintf("%s@%s %s%s", prefix, s, userField, job)
	}
	return fmt.Sprintf("%s%s %s %s %s %s %s%s", prefix, a.str("minute"), a.str("hour"), a.str("day"), a.str("month"), a.str("weekday"), userField, job)
}

// findJob returns the index of the job line for name (-1: none) and
// whether a marker had to be inserted before an exact-match job line.
func (t *crontab) findJob(name, job string) (int, bool) {
	marker := cronMarker + name
	for i, l := range t.lines {
		if l == marker && i+1 < len(t.lines) {
			return i + 1, false
		}
	}
	if job == "" {
		return -1, false
	}
	for i, l := range t.lines {
		if l != job {
			continue
		}
		if i == 0 || !strings.HasPrefix(t.lines[i-1], cronMarker) {
			t.lines = append(t.lines[:i], append([]string{marker}, t.lines[i:]...)...)
			return i + 1, true
		}
		if name != "" && t.lines[i-1] == cronMarker+"None" {
			t.lines[i-1] = marker
			return i, true
		}
	}
	return -1, false
}

// setJob adds, updates or removes the named job; it reports a change.
func (t *crontab) setJob(a args, install bool) bool {
	name := a.str("name")
	if name == "" {
		name = "None"
	}
	if !install {
		at, _ := t.findJob(name, "")
		if at < 0 {
			return false
		}
		t.lines = append(t.lines[:at-1], t.lines[at+1:]...)
		return true
	}
	job := t.jobLine(a)
	at, inserted := t.findJob(name, job)
	switch {
	case at < 0:
		t.lines = append(t.lines, cronMarker+name, job)
		return true
	case t.lines[at] != job:
		t.lines[at] = job
		return true
	}
	return inserted
}

// setEnv adds, updates or removes the NAME="value" declaration.
func (t *crontab) setEnv(a args, install bool) bool {
	name := a.str("name")
	decl := fmt.Sprintf("%s=\"%s\"", name, a.str("job"))
	at := t.findEnv(name)
	switch {
	case !install && at >= 0:
		t.lines = append(t.lines[:at], t.lines[at+1:]...)
		return true
	case !install:
		return false
	case at >= 0 && t.lines[at] != decl:
		t.lines[at] = decl
		return true
	case at >= 0:
		return false
	}
	pos := 0
	if after := a.str("insertafter"); after != "" {
		if i := t.findEnv(after); i >= 0 {
			pos = i + 1
		}
	} else if before := a.str("insertbefore"); before != "" {
		if i := t.findEnv(before); i >= 0 {
			pos = i
		}
	}
	t.lines = append(t.lines[:pos], append([]string{decl}, t.lines[pos:]...)...)
	return true
}

func (t *crontab) findEnv(name string) int {
	re := regexp.MustCompile("^" + regexp.QuoteMeta(name) + "=")
	for i, l := range t.lines {
		if re.MatchString(l) {
			return i
		}
	}
	return -1
}

var envLine = regexp.MustCompile(`^\S+=`)

func (t *crontab) jobNames() []any {
	out := []any{}
	for _, l := range t.lines {
		if strings.HasPrefix(l, cronMarker) {
			out = append(out, strings.TrimPrefix(l, cronMarker))
		}
	}
	return out
}

func (t *crontab) envNames() []any {
	out := []any{}
	for _, l := range t.lines {
		if envLine.MatchString(l) {
			out = append(out, strings.SplitN(l, "=", 2)[0])
		}
	}
	return out
}
