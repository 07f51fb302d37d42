package modules

import (
	"context"
	"strings"

	"github.com/edxplay/edxplay/internal/connection"
	"github.com/edxplay/edxplay/internal/modspec"
	"github.com/edxplay/edxplay/internal/shellwords"
)

// Getent reads a name service database with the host's getent(1) and sets
// the fact getent_<database>: each entry's first field maps to the list of
// its other fields (a list of such lists when the key repeats).
type Getent struct{}

// Spec describes getent's arguments.
func (Getent) Spec() modspec.Spec {
	return modspec.Spec{
		Name:  "getent",
		Short: "A wrapper to the unix getent utility",
		Args: []modspec.Arg{
			{Name: "database", Type: modspec.String, Required: true, Doc: "The name of a getent database (passwd, group, hosts, services, ...)."},
			{Name: "key", Type: modspec.String, Doc: "Key to look up in the database (unset: the whole database)."},
			{Name: "service", Type: modspec.String, Doc: "Override the NSS service to use (getent -s)."},
			{Name: "split", Type: modspec.String, Doc: "Field separator (default ':' for passwd, shadow, group and gshadow, else whitespace)."},
			{Name: "fail_key", Type: modspec.Bool, Default: true, Doc: "Fail when the key is not found."},
		},
		Example: "- getent:\n    database: passwd\n    key: root\n- debug:\n    var: ansible_facts.getent_passwd\n",
	}
}

// colonDatabases are split on ':' by default.
var colonDatabases = map[string]bool{"passwd": true, "shadow": true, "group": true, "gshadow": true}

// Run runs getent and parses its output into facts.
func (Getent) Run(ctx context.Context, call *Call) (*Result, error) {
	a := args(call.Args)
	db := a.str("database")
	argv := []string{"getent", db}
	if a.has("key") {
		argv = append(argv, a.str("key"))
	}
	if a.has("service") {
		argv = append(argv, "-s", a.str("service"))
	}
	split, fields := a.str("split"), a.has("split")
	if !fields && colonDatabases[db] {
		split, fields = ":", true
	}
	res, err := call.Conn.Run(ctx, connection.Command{Cmd: shellwords.Join(argv), Become: call.Become, ReadOnly: true})
	if err != nil {
		return nil, err
	}
	tree := "getent_" + db
	switch res.RC {
	case 0:
		return &Result{Facts: map[string]any{tree: parseGetent(res.Stdout, split, fields)}, CacheableFacts: true}, nil
	case 1:
		return &Result{Failed: true, Msg: "Missing arguments, or database unknown."}, nil
	case 2:
		msg := "One or more supplied key could not be found in the database."
		if !a.boolean("fail_key") {
			return &Result{Msg: msg, Data: map[string]any{"msg": msg}, CacheableFacts: true,
				Facts: map[string]any{tree: map[string]any{a.str("key"): nil}}}, nil
		}
		return &Result{Failed: true, Msg: msg}, nil
	case 3:
		return &Result{Failed: true, Msg: "Enumeration not supported on this database."}, nil
	}
	return &Result{Failed: true, Msg: "Unexpected failure!"}, nil
}

// parseGetent splits each line on sep (on whitespace runs when !useSep,
// as Python's str.split(None)).
func parseGetent(out, sep string, useSep bool) map[string]any {
	tree := map[string]any{}
	seen := map[string]int{}
	for _, line := range splitLines(out) {
		var rec []string
		if useSep && sep != "" {
			rec = strings.Split(line, sep)
		} else {
			rec = strings.Fields(line)
		}
		if len(rec) == 0 {
			continue
		}
		rest := toAnyList(rec[1:])
		key := rec[0]
		switch seen[key] {
		case 0:
			tree[key] = rest
		case 1:
			tree[key] = []any{tree[key], rest}
		default:
			tree[key] = append(tree[key].([]any), rest)
		}
		seen[key]++
	}
	return tree
}

func toAnyList(s []string) []any {
	out := make([]any, len(s))
	for i, v := range s {
		out[i] = v
	}
	return out
}
