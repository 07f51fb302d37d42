package lookups

import (
	"context"
	"strings"

	"github.com/edxplay/edxplay/internal/jinja2"
	"github.com/edxplay/edxplay/internal/pyregex"
)

// notString is the message of the lookups that take setting or variable
// names: `"x" is not a string, its a <class 'int'>`.
func notString(term jinja2.Value, its string) string {
	return "Invalid setting identifier, \"" + pyStr(term) + "\" is not a string, " + its + " <class '" + jinja2.TypeName(term) + "'>"
}

func lookupVars(ctx context.Context, r *runner, terms jinja2.Value, kw *jinja2.Dict) ([]jinja2.Value, error) {
	opts, err := options("vars", []option{{name: "default", typ: optRaw}}, kw)
	if err != nil {
		return nil, err
	}
	def := opts["default"]
	list, err := items(terms)
	if err != nil {
		return nil, err
	}
	var out []jinja2.Value
	for _, term := range list {
		if term.Kind() != jinja2.StrKind {
			return nil, errorf("%s", notString(term, "its a"))
		}
		v, err := varValue(ctx, r.ctrl, term.StrValue())
		if err != nil {
			c := jinja2.ErrorClass(err)
			if (c == "AnsibleUndefinedVariable" || c == "UndefinedError") && !def.IsNone() {
				out = append(out, def)
				continue
			}
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

// varValue is a variable's value templated, or AnsibleUndefinedVariable.
func varValue(ctx context.Context, ctrl Controller, name string) (jinja2.Value, error) {
	v, ok, err := ctrl.Var(ctx, name)
	if err != nil {
		return jinja2.None, err
	}
	if !ok {
		return jinja2.None, ansibleError("AnsibleUndefinedVariable", "No variable found with this name: %s", name)
	}
	return ctrl.Template(ctx, v, true)
}

func lookupVarnames(ctx context.Context, r *runner, terms jinja2.Value, _ *jinja2.Dict) ([]jinja2.Value, error) {
	list, err := items(terms)
	if err != nil {
		return nil, err
	}
	names := r.ctrl.VarNames(ctx)
	var out []jinja2.Value
	for _, term := range list {
		if term.Kind() != jinja2.StrKind {
			return nil, errorf("%s", notString(term, "it is a"))
		}
		re, err := pyregex.Compile(term.StrValue(), 0)
		if err != nil {
			return nil, errorf("Unable to use \"%s\" as a search parameter: %s", term.StrValue(), err)
		}
		for _, n := range names {
			if re.MatchString(n) {
				out = append(out, jinja2.Str(n))
			}
		}
	}
	return out, nil
}

func lookupEnv(_ context.Context, r *runner, terms jinja2.Value, kw *jinja2.Dict) ([]jinja2.Value, error) {
	opts, err := options("env", []option{{name: "default", typ: optRaw, def: jinja2.Str("")}}, kw)
	if err != nil {
		return nil, err
	}
	list, err := items(terms)
	if err != nil {
		return nil, err
	}
	var out []jinja2.Value
	for _, term := range list {
		if term.Kind() != jinja2.StrKind {
			return nil, jinja2.NewError("AttributeError", "'%s' object has no attribute 'split'", jinja2.TypeName(term))
		}
		fields := strings.Fields(term.StrValue())
		if len(fields) == 0 {
			return nil, jinja2.NewError("IndexError", "list index out of range")
		}
		if v, ok := r.ctrl.Getenv(fields[0]); ok {
			out = append(out, jinja2.Str(v))
			continue
		}
		if opts["default"].IsUndefined() {
			return nil, ansibleError("AnsibleUndefinedVariable", "The \"env\" lookup, found an undefined variable: %s", fields[0])
		}
		out = append(out, opts["default"])
	}
	return out, nil
}

var configOptions = []option{
	{name: "on_missing", typ: optStr, def: jinja2.Str("error"), choices: []string{"error", "skip", "warn"}},
	{name: "plugin_type", typ: optStr, choices: []string{"become", "cache", "callback", "cliconf", "connection", "httpapi", "inventory", "lookup", "netconf", "shell", "vars"}},
	{name: "plugin_name", typ: optStr},
}

func lookupConfig(ctx context.Context, r *runner, terms jinja2.Value, kw *jinja2.Dict) ([]jinja2.Value, error) {
	opts, err := options("config", configOptions, kw)
	if err != nil {
		return nil, err
	}
	missing, ptype, pname := opts["on_missing"], strOpt(opts, "plugin_type"), strOpt(opts, "plugin_name")
	if (ptype != "") != (pname != "") {
		return nil, ansibleError("AnsibleOptionsError", "Both plugin_type and plugin_name are required, cannot use one without the other")
	}
	if !isStr(missing, "error") && !isStr(missing, "warn") && !isStr(missing, "skip") {
		return nil, ansibleError("AnsibleOptionsError", "\"on_missing\" must be a string and one of \"error\", \"warn\" or \"skip\", not %s", pyStr(missing))
	}
	list, err := items(terms)
	if err != nil {
		return nil, err
	}
	var out []jinja2.Value
	for _, term := range list {
		if term.Kind() != jinja2.StrKind {
			return nil, ansibleError("AnsibleOptionsError", "%s", notString(term, "its a"))
		}
		v, ok, err := r.ctrl.Config(ctx, ptype, pname, term.StrValue())
		if err != nil {
			return nil, err
		}
		if ok {
			out = append(out, v)
			continue
		}
		switch missing.StrValue() {
		case "error":
			orig := "module 'ansible.constants' has no attribute '" + term.StrValue() + "'"
			if pname != "" {
				orig = "No setting was provided for required configuration plugin_type: " + ptype + " plugin: " + pname + " setting: " + term.StrValue()
			}
			return nil, ansibleError("AnsibleLookupError", "Unable to find setting %s. %s. %s", term.StrValue(), orig, orig)
		case "warn":
			r.ctrl.Warn("Skipping, did not find setting " + term.StrValue())
		}
	}
	return out, nil
}
