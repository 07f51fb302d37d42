package modules

import (
	"context"
	"strings"

	"github.com/edxplay/edxplay/internal/connection"
	"github.com/edxplay/edxplay/internal/modspec"
	"github.com/edxplay/edxplay/modules/hostfile"
)

// Debconf sets an answer in the debconf database through
// debconf-set-selections, comparing first with debconf-show.
type Debconf struct{}

// Spec describes debconf's arguments.
func (Debconf) Spec() modspec.Spec {
	return modspec.Spec{
		Name:  "debconf",
		Short: "Configure a .deb package",
		Args: []modspec.Arg{
			{Name: "name", Type: modspec.String, Required: true, Aliases: []string{"pkg"}, Doc: "Name of the package to configure."},
			{Name: "question", Type: modspec.String, Aliases: []string{"selection", "setting"}, Doc: "A debconf configuration setting."},
			{Name: "vtype", Type: modspec.String, Choices: []string{"boolean", "error", "multiselect", "note", "password", "seen", "select", "string", "text", "title"}, Doc: "The type of the value supplied."},
			{Name: "value", Type: modspec.String, Aliases: []string{"answer"}, Doc: "Value to set the configuration to."},
			{Name: "unseen", Type: modspec.Bool, Default: false, Doc: "Do not set the seen flag when pre-seeding."},
		},
		Example: "- debconf:\n    name: tzdata\n    question: tzdata/Areas\n    value: Europe\n    vtype: select\n",
	}
}

// Run reads the package's answers and sets the question when it differs.
func (m Debconf) Run(ctx context.Context, call *Call) (*Result, error) {
	return runDescribed(ctx, m, call)
}

// Describe reads the package's answers and describes setting the question
// when it differs, changing nothing.
func (Debconf) Describe(ctx context.Context, call *Call) (*Planned, error) {
	a := args(call.Args)
	pkg, question, vtype, value := a.str("name"), a.str("question"), a.str("vtype"), a.str("value")
	given := 0
	for _, k := range []string{"question", "vtype", "value"} {
		if a.has(k) {
			given++
		}
	}
	if given != 0 && given != 3 {
		return reported(&Result{Failed: true, Msg: "parameters are required together: question, vtype, value"}), nil
	}
	fs := hostfile.New(call.Conn, call.Become)
	prev, failure, err := debconfSelections(ctx, fs, pkg)
	if err != nil {
		return nil, err
	}
	if failure != nil {
		return reported(failure), nil
	}
	changed := false
	if given == 3 {
		existing, known := prev[question]
		if known && vtype == "boolean" {
			value, existing = strings.ToLower(value), strings.ToLower(existing)
		}
		changed = !known || value != existing
	}
	if !changed {
		return reported(&Result{Data: map[string]any{"msg": "", "current": prev}}), nil
	}
	return planned(debconfChanged(prev, question, value, ""), func(ctx context.Context, call *Call) (*Result, error) {
		out, failed, err := debconfSet(ctx, call, pkg, question, vtype, value)
		if err != nil || failed != nil {
			return failed, err
		}
		return debconfChanged(prev, question, value, out), nil
	}), nil
}

// debconfChanged is Ansible's changed result: the previous answer (all of
// the package's answers when the question was new, as Ansible reports),
// the current one and their diff.
func debconfChanged(prev map[string]string, question, value, msg string) *Result {
	before := map[string]any{}
	if old, ok := prev[question]; ok {
		before[question] = old
	} else {
		for k, v := range prev {
			before[k] = v
		}
		before[question] = ""
	}
	after := map[string]any{}
	for k, v := range before {
		after[k] = v
	}
	after[question] = value
	return &Result{Changed: true, Msg: msg, Diffs: []modspec.Diff{{Before: jsonDiff(before), After: jsonDiff(after)}},
		Data: map[string]any{"msg": msg, "current": map[string]any{question: value}, "previous": before,
			"diff": map[string]any{"before": before, "after": after}}}
}

// debconfSelections parses debconf-show's "* question: value" lines.
func debconfSelections(ctx context.Context, fs *hostfile.FS, pkg string) (map[string]string, *Result, error) {
	res, err := fs.Run(ctx, "debconf-show "+hostfile.Quote(pkg))
	if err != nil {
		return nil, nil, err
	}
	if res.RC != 0 {
		return nil, &Result{Failed: true, Msg: res.Stderr}, nil
	}
	sel := map[string]string{}
	for _, line := range splitLines(res.Stdout) {
		key, val, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		sel[strings.TrimSpace(strings.Trim(key, "*"))] = strings.TrimSpace(val)
	}
	return sel, nil, nil
}

// debconfSet feeds one answer to debconf-set-selections on stdin.
func debconfSet(ctx context.Context, call *Call, pkg, question, vtype, value string) (string, *Result, error) {
	if vtype == "boolean" && (value == "True" || value == "False") {
		value = strings.ToLower(value)
	}
	line := "debconf-set-selections"
	if args(call.Args).boolean("unseen") {
		line += " -u"
	}
	data := strings.Join([]string{pkg, question, vtype, value}, " ")
	res, err := call.Conn.Run(ctx, connection.Command{Cmd: line, Stdin: []byte(data), Become: call.Become})
	if err != nil {
		return "", nil, err
	}
	if res.RC != 0 {
		return "", &Result{Failed: true, Msg: res.Stderr}, nil
	}
	return res.Stdout, nil, nil
}
