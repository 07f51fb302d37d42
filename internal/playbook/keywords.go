package playbook

import (
	"strings"

	"gopkg.in/yaml.v3"
)

// setter stores one keyword's value on a task or block.
type setter func(d *doc, n *yaml.Node, t *Task) error

func setString(field func(*Task) *string) setter {
	return func(d *doc, n *yaml.Node, t *Task) (err error) {
		*field(t), err = d.str(n)
		return err
	}
}

func setBoolPtr(field func(*Task) **bool) setter {
	return func(d *doc, n *yaml.Node, t *Task) (err error) {
		*field(t), err = d.boolPtr(n)
		return err
	}
}

func setRaw(field func(*Task) *any) setter {
	return func(d *doc, n *yaml.Node, t *Task) (err error) {
		*field(t), err = d.value(n)
		return err
	}
}

func setList(field func(*Task) *[]string) setter {
	return func(d *doc, n *yaml.Node, t *Task) (err error) {
		*field(t), err = d.conditions(n)
		return err
	}
}

// commonKeywords are accepted on tasks and blocks alike.
var commonKeywords = map[string]setter{
	"name":          setString(func(t *Task) *string { return &t.Name }),
	"when":          setList(func(t *Task) *[]string { return &t.When }),
	"ignore_errors": setRaw(func(t *Task) *any { return &t.IgnoreErrors }),
	"environment":   setRaw(func(t *Task) *any { return &t.Environment }),
	"no_log":        setRaw(func(t *Task) *any { return &t.NoLog }),
	"timeout":       setRaw(func(t *Task) *any { return &t.Timeout }),
	"delegate_to":   setString(func(t *Task) *string { return &t.DelegateTo }),
	"become_user":   setString(func(t *Task) *string { return &t.BecomeUser }),
	"become_method": setString(func(t *Task) *string { return &t.BecomeMethod }),
	"become_flags":  setString(func(t *Task) *string { return &t.BecomeFlags }),
	"remote_user":   setString(func(t *Task) *string { return &t.RemoteUser }),
	"connection":    setString(func(t *Task) *string { return &t.Connection }),
	"become": func(d *doc, n *yaml.Node, t *Task) (err error) {
		t.Become, t.BecomeExpr, err = d.becomeValue(n)
		return err
	},
	"check_mode":         setBoolPtr(func(t *Task) **bool { return &t.CheckMode }),
	"diff":               setBoolPtr(func(t *Task) **bool { return &t.Diff }),
	"any_errors_fatal":   setBoolPtr(func(t *Task) **bool { return &t.AnyErrorsFatal }),
	"delegate_facts":     setBoolPtr(func(t *Task) **bool { return &t.DelegateFacts }),
	"ignore_unreachable": setBoolPtr(func(t *Task) **bool { return &t.IgnoreUnreachable }),
	"notify":             setList(func(t *Task) *[]string { return &t.Notify }),
	"tags": func(d *doc, n *yaml.Node, t *Task) (err error) {
		t.Tags, err = d.tags(n)
		return err
	},
	"vars": func(d *doc, n *yaml.Node, t *Task) (err error) {
		t.Vars, err = d.varsMap(n)
		return err
	},
	"run_once": func(d *doc, n *yaml.Node, t *Task) (err error) {
		t.RunOnce, err = d.boolean(n)
		return err
	},
}

// taskOnlyKeywords are accepted on tasks but not on blocks.
var taskOnlyKeywords = map[string]setter{
	"register":     setString(func(t *Task) *string { return &t.Register }),
	"listen":       setList(func(t *Task) *[]string { return &t.Listen }),
	"changed_when": setList(func(t *Task) *[]string { return &t.ChangedWhen }),
	"failed_when":  setList(func(t *Task) *[]string { return &t.FailedWhen }),
	"retries":      setRaw(func(t *Task) *any { return &t.Retries }),
	"delay":        setRaw(func(t *Task) *any { return &t.Delay }),
	"until": func(d *doc, n *yaml.Node, t *Task) error {
		conds, err := d.conditions(n)
		if err != nil {
			return err
		}
		t.Until = joinConditions(conds)
		return nil
	},
}

// unsupportedKeywords are valid Ansible keywords edxplay does not implement.
var unsupportedKeywords = map[string]bool{
	"async": true, "poll": true, "module_defaults": true, "debugger": true, "throttle": true,
	"port": true, "become_exe": true, "collections": true, "include": true, "static": true,
}

// joinConditions ANDs several conditions into one expression.
func joinConditions(conds []string) string {
	if len(conds) <= 1 {
		return strings.Join(conds, "")
	}
	parts := make([]string, len(conds))
	for i, c := range conds {
		parts[i] = "(" + c + ")"
	}
	return strings.Join(parts, " and ")
}
