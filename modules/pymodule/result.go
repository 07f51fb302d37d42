package pymodule

import (
	"errors"
	"regexp"
	"strings"

	"github.com/edxplay/edxplay/internal/connection"
	"github.com/edxplay/edxplay/internal/odict"
	"github.com/edxplay/edxplay/internal/pyvalue"
	"github.com/edxplay/edxplay/modules"
)

// runResult is what running a module on the target gave.
type runResult struct {
	res    connection.Result
	interp interpreter
}

// FilterNonJSON is Ansible's _filter_non_json_lines with objects_only:
// the lines from the first one starting with "{" to the last one ending
// with "}", and a warning when non-blank lines follow.
func FilterNonJSON(data string) (string, []string, error) {
	lines := splitLines(data)
	start := -1
	for i, l := range lines {
		if strings.HasPrefix(strings.TrimSpace(l), "{") {
			start = i
			break
		}
	}
	if start < 0 {
		return "", nil, errors.New("No start of json char found")
	}
	lines = lines[start:]
	end := -1
	for i := len(lines) - 1; i >= 0; i-- {
		if strings.HasSuffix(strings.TrimSpace(lines[i]), "}") {
			end = i
			break
		}
	}
	if end < 0 {
		return "", nil, errors.New("No end of json char found")
	}
	var warnings []string
	if trailing := lines[end+1:]; strings.TrimSpace(strings.Join(trailing, "")) != "" {
		warnings = append(warnings, "Module invocation had junk after the JSON data: "+strings.Join(trailing, "\n"))
	}
	return strings.Join(lines[:end+1], "\n"), warnings, nil
}

// splitLines is Python's str.splitlines for \n, \r\n and \r.
func splitLines(s string) []string {
	s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
	lines := strings.Split(s, "\n")
	if len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}

// parse is _parse_returned_data: the module's JSON object, or a MODULE
// FAILURE result holding what it printed.
func (r *runResult) parse() map[string]any {
	text, warnings, err := FilterNonJSON(r.res.Stdout)
	if err == nil {
		v, perr := pyvalue.ParseJSON(text)
		if m, ok := v.(*odict.Map); ok && perr == nil {
			data := m.Plain()
			if len(warnings) > 0 {
				data["warnings"] = append(asList(data["warnings"]), toAny(warnings)...)
			}
			return data
		}
	}
	data := map[string]any{"failed": true, "module_stdout": r.res.Stdout, "module_stderr": r.res.Stderr, "rc": r.res.RC}
	if strings.HasPrefix(r.res.Stderr, "Traceback") {
		data["exception"] = r.res.Stderr
	} else if strings.HasPrefix(r.res.Stdout, "Traceback") {
		data["exception"] = r.res.Stdout
	}
	msg := "MODULE FAILURE"
	if r.interp.path != "" {
		missing := regexp.MustCompile(regexp.QuoteMeta(r.interp.path) + `: (?:No such file or directory|not found)`)
		if missing.MatchString(r.res.Stderr) || missing.MatchString(r.res.Stdout) {
			msg = "The module failed to execute correctly, you probably need to set the interpreter."
		}
	}
	data["msg"] = msg + "\nSee stdout/stderr for the exact error"
	return data
}

// result shapes the parsed data as the task's result, as ActionBase and
// TaskExecutor do: internal keys dropped, stdout_lines/stderr_lines
// added, failed from rc when the module did not say, ansible_facts set on
// the host, the discovered interpreter returned as a fact.
func (r *runResult) result(verbosity int) *modules.Result {
	data := r.parse()
	for k := range data {
		if strings.HasPrefix(k, "_ansible_") && k != "_ansible_no_log" {
			delete(data, k)
		}
	}
	for _, k := range []string{"warnings", "deprecations"} {
		if v, ok := data[k]; ok && !pyvalue.Truthy(v) {
			delete(data, k)
		}
	}
	if res, ok := data["results"]; ok {
		if _, isList := res.([]any); !isList {
			data["ansible_module_results"] = res
			delete(data, "results")
		}
	}
	for _, k := range []string{"stdout", "stderr"} {
		if v, ok := data[k]; ok {
			if _, has := data[k+"_lines"]; !has {
				s, _ := v.(string)
				data[k+"_lines"] = toAny(splitLines(s))
			}
		}
	}
	out := &modules.Result{Data: data}
	out.Changed = pyvalue.Truthy(data["changed"])
	data["changed"] = out.Changed
	out.Skipped = pyvalue.Truthy(data["skipped"])
	if f, ok := data["failed"]; ok {
		out.Failed = pyvalue.Truthy(f)
	} else if rc, ok := data["rc"]; ok && rc != 0 && rc != "0" {
		out.Failed = true
	}
	if msg, ok := data["msg"].(string); ok {
		out.Msg = msg
	}
	out.Facts = moduleFacts(data, r.interp)
	out.CacheableFacts = len(out.Facts) > 0
	if verbosity < 3 {
		delete(data, "invocation")
	}
	return out
}

// moduleFacts are the module's ansible_facts (without the
// discovered_interpreter_* keys only discovery may set) plus the
// interpreter discovery found.
func moduleFacts(data map[string]any, interp interpreter) map[string]any {
	facts := map[string]any{}
	if f, ok := odict.Plain(data["ansible_facts"]); ok {
		for k, v := range f {
			if !strings.HasPrefix(k, "discovered_interpreter_") && !strings.HasPrefix(k, "ansible_discovered_interpreter_") {
				facts[k] = v
			}
		}
	}
	if interp.discovered {
		facts["discovered_interpreter_python"] = interp.path
	}
	if len(facts) == 0 {
		delete(data, "ansible_facts")
		return nil
	}
	data["ansible_facts"] = facts
	return facts
}

func asList(v any) []any {
	l, _ := v.([]any)
	return l
}

func toAny(s []string) []any {
	out := make([]any, len(s))
	for i, x := range s {
		out[i] = x
	}
	return out
}
