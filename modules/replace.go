package modules

import (
	"context"
	"fmt"

	"github.com/edxplay/edxplay/internal/modspec"
	"github.com/edxplay/edxplay/internal/pyregex"
)

// Replace replaces all matches of a regular expression in a file.
type Replace struct{}

// Spec describes replace's arguments.
func (Replace) Spec() modspec.Spec {
	return modspec.Spec{
		Name:  "replace",
		Short: "Replace all instances of a particular string in a file using a back-referenced regular expression",
		Args: append([]modspec.Arg{
			{Name: "path", Type: modspec.Path, Required: true, Aliases: []string{"dest", "destfile", "name"}, Doc: "The file to modify."},
			{Name: "regexp", Type: modspec.String, Required: true, Doc: "Python regular expression (MULTILINE) to replace."},
			{Name: "replace", Type: modspec.String, Default: "", Doc: "Replacement; \\1 and \\g<name> insert groups."},
			{Name: "after", Type: modspec.String, Doc: "Only replace in the text after the first match of this expression."},
			{Name: "before", Type: modspec.String, Doc: "Only replace in the text before the first match of this expression."},
			{Name: "backup", Type: modspec.Bool, Default: false, Doc: "Keep a timestamped backup."},
			{Name: "validate", Type: modspec.String, Doc: "Command validating the new file (%s is its path)."},
			{Name: "encoding", Type: modspec.String, Default: "utf-8", Doc: "File encoding; only utf-8 (and ASCII) is supported."},
		}, fileAttrArgs()...),
		Example: "- replace:\n    path: /etc/hosts\n    regexp: '(\\s+)old\\.host\\.name(\\s+.*)?$'\n    replace: '\\1new.host.name\\2'\n",
	}
}

// Run substitutes every match inside the selected section.
func (r Replace) Run(ctx context.Context, call *Call) (*Result, error) {
	return runDescribed(ctx, r, call)
}

// Describe reads the file and describes the substitution, changing nothing.
func (Replace) Describe(ctx context.Context, call *Call) (*Planned, error) {
	a := args(call.Args)
	p := a.str("path")
	t, failed, err := loadEditable(ctx, call, p)
	if err != nil || failed != nil {
		return reported(failed), err
	}
	switch {
	case !t.info.Exists:
		return reported(failedResult(257, "Path %s does not exist !", p)), nil
	}
	contents := string(t.content)
	start, end, pattern, err := replaceSection(a, contents)
	if err != nil {
		return nil, err
	}
	if start < 0 {
		msg := "Pattern for before/after params did not match the given file: " + pattern
		return reported(&Result{Msg: msg, Data: map[string]any{"rc": 0, "msg": msg}}), nil
	}
	re, err := pyregex.Compile(a.str("regexp"), pyregex.Multiline)
	if err != nil {
		return nil, err
	}
	section := contents[start:end]
	replaced, n, err := pyregex.ReplaceAll(re, section, a.str("replace"))
	if err != nil {
		return nil, err
	}
	changed := n > 0 && replaced != section
	msg, result := "", contents
	if changed {
		msg = fmt.Sprintf("%d replacements made", n)
		result = contents[:start] + replaced + contents[end:]
	}
	adapt := func(res *Result) *Result { return replaceResult(res, p, changed, contents, result) }
	return describeEdit(ctx, t, a, edit{before: t.content, after: []byte(result), changed: changed, msg: msg, data: map[string]any{"rc": 0}, adapt: adapt})
}

// replaceResult adapts the shared edit result to replace's keys and diff.
func replaceResult(res *Result, p string, changed bool, before, after string) *Result {
	res = backupFileKey(res)
	var diffs []modspec.Diff
	for _, d := range res.Diffs {
		if d.BeforeHeader == p+" (content)" {
			if !changed {
				continue
			}
			d = modspec.Diff{BeforeHeader: p, AfterHeader: p, Before: before, After: after}
		}
		diffs = append(diffs, d)
	}
	res.Diffs = diffs
	return res
}

// replaceSection returns the byte range replace works on: everything, or
// the part between the after and before expressions. start is -1 when
// after/before did not match; pattern is the combined expression.
func replaceSection(a args, contents string) (start, end int, pattern string, err error) {
	after, before := a.str("after"), a.str("before")
	switch {
	case after != "" && before != "":
		pattern = after + "(?P<subsection>.*?)" + before
	case after != "":
		pattern = after + "(?P<subsection>.*)"
	case before != "":
		pattern = "(?P<subsection>.*)" + before
	default:
		return 0, len(contents), "", nil
	}
	re, err := pyregex.Compile("(?s)"+pattern, 0)
	if err != nil {
		return 0, 0, pattern, err
	}
	m := re.FindStringSubmatchIndex(contents)
	if m == nil {
		return -1, -1, pattern, nil
	}
	i := re.SubexpIndex("subsection")
	return m[2*i], m[2*i+1], pattern, nil
}
