package modules

import (
	"bytes"
	"context"
	"fmt"

	"github.com/edxplay/edxplay/internal/modspec"
	"github.com/edxplay/edxplay/internal/pyregex"
)

// LineInFile ensures a particular line is in a file, or replaces an
// existing line matched by a regular expression.
type LineInFile struct{}

// Spec describes lineinfile's arguments.
func (LineInFile) Spec() modspec.Spec {
	return modspec.Spec{
		Name:  "lineinfile",
		Short: "Manage lines in text files",
		Args: append([]modspec.Arg{
			{Name: "path", Type: modspec.Path, Required: true, Aliases: []string{"dest", "destfile", "name"}, Doc: "The file to modify."},
			{Name: "state", Type: modspec.String, Default: "present", Choices: []string{"absent", "present"}, Doc: "Whether the line should be there."},
			{Name: "regexp", Type: modspec.String, Aliases: []string{"regex"}, Doc: "Python regular expression selecting the line to replace or remove."},
			{Name: "search_string", Type: modspec.String, Doc: "Literal string selecting the line to replace or remove."},
			{Name: "line", Type: modspec.String, Aliases: []string{"value"}, Doc: "The line to insert or replace with."},
			{Name: "insertafter", Type: modspec.String, Doc: "Insert after the last line matching this regexp, or EOF/BOF."},
			{Name: "insertbefore", Type: modspec.String, Doc: "Insert before the last line matching this regexp, or BOF."},
			{Name: "backrefs", Type: modspec.Bool, Default: false, Doc: "Expand regexp groups in line; do nothing when regexp matches no line."},
			{Name: "create", Type: modspec.Bool, Default: false, Doc: "Create the file when missing."},
			{Name: "backup", Type: modspec.Bool, Default: false, Doc: "Keep a timestamped backup."},
			{Name: "firstmatch", Type: modspec.Bool, Default: false, Doc: "Use the first matching line for insertafter/insertbefore."},
			{Name: "validate", Type: modspec.String, Doc: "Command validating the new file (%s is its path)."},
		}, fileAttrArgs()...),
		MutuallyExclusive: [][]string{{"insertbefore", "insertafter"}, {"regexp", "search_string"}, {"backrefs", "search_string"}},
		Example:           "- lineinfile:\n    path: /etc/selinux/config\n    regexp: '^SELINUX='\n    line: SELINUX=enforcing\n",
	}
}

// Run adds, replaces or removes the line.
func (l LineInFile) Run(ctx context.Context, call *Call) (*Result, error) {
	return runDescribed(ctx, l, call)
}

// Describe reads the file and describes the edit, changing nothing.
func (LineInFile) Describe(ctx context.Context, call *Call) (*Planned, error) {
	a := args(call.Args)
	p := a.str("path")
	t, failed, err := loadEditable(ctx, call, p)
	if err != nil || failed != nil {
		return reported(failed), err
	}
	var re *pyregex.Regexp
	if a.has("regexp") {
		if re, err = pyregex.Compile(a.str("regexp"), 0); err != nil {
			return nil, err
		}
	}
	if a.str("state") == "absent" {
		if !a.has("regexp") && !a.has("search_string") && !a.has("line") {
			return reported(&Result{Failed: true, Msg: "one of line, search_string, or regexp is required with state=absent"}), nil
		}
		return lineAbsent(ctx, t, a, re)
	}
	if a.boolean("backrefs") && re == nil {
		return reported(&Result{Failed: true, Msg: "regexp is required with backrefs=true"}), nil
	}
	if !a.has("line") {
		return reported(&Result{Failed: true, Msg: "line is required with state=present"}), nil
	}
	if !t.info.Exists && !a.boolean("create") {
		return reported(failedResult(257, "Destination %s does not exist !", p)), nil
	}
	return linePresent(ctx, t, a, re)
}

// splitKeepNL splits like Python's bytes.readlines: on \n, keeping it.
func splitKeepNL(data []byte) [][]byte {
	var lines [][]byte
	for len(data) > 0 {
		i := bytes.IndexByte(data, '\n')
		if i < 0 {
			lines = append(lines, data)
			break
		}
		lines = append(lines, data[:i+1])
		data = data[i+1:]
	}
	return lines
}

// searchLine runs a Python re.search on a line read with its newline:
// the final \n is left out so that $ matches before it, as in Python.
func searchLine(re *pyregex.Regexp, line []byte) (string, []int) {
	s := string(bytes.TrimSuffix(line, []byte("\n")))
	return s, re.FindStringSubmatchIndex(s)
}

func trimEOL(b []byte) []byte { return bytes.TrimRight(b, "\r\n") }

// withEmptyPatternWarning adds Ansible's warning to data when regexp or
// search_string is the empty string (it matches every line).
func withEmptyPatternWarning(a args, data map[string]any) map[string]any {
	name, extra := "search string", ""
	switch {
	case a.has("regexp") && a.str("regexp") == "":
		name, extra = "regular expression", " If this is desired, use '^' to match every line in the file and avoid this warning."
	case !a.has("search_string") || a.str("search_string") != "":
		return data
	}
	data["warnings"] = []any{"The " + name + " is an empty string, which will match every line in the file. " +
		"This may have unintended consequences, such as replacing the last line in the file rather than appending." + extra}
	return data
}

// lineAbsent describes removing every matching line.
func lineAbsent(ctx context.Context, t *textFile, a args, re *pyregex.Regexp) (*Planned, error) {
	if !t.info.Exists {
		return reported(&Result{Msg: "file not present", Data: map[string]any{"msg": "file not present"}}), nil
	}
	line, search := []byte(a.str("line")), []byte(a.str("search_string"))
	var kept []byte
	found := 0
	for _, l := range splitKeepNL(t.content) {
		var match bool
		switch {
		case re != nil:
			_, m := searchLine(re, l)
			match = m != nil
		case a.has("search_string"):
			match = bytes.Contains(l, search)
		default:
			match = bytes.Equal(trimEOL(l), line)
		}
		if match {
			found++
			continue
		}
		kept = append(kept, l...)
	}
	msg := ""
	if found > 0 {
		msg = fmt.Sprintf("%d line(s) removed", found)
	}
	return describeEdit(ctx, t, a, edit{before: t.content, after: kept, changed: found > 0, msg: msg, data: withEmptyPatternWarning(a, map[string]any{"found": found})})
}
