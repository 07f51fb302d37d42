package modules

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/edxplay/edxplay/internal/modspec"
	"github.com/edxplay/edxplay/internal/odict"
)

// AddHost describes a host to add to the run's in-memory inventory; the
// engine makes the change (as ansible-core's strategy does with the
// add_host result) and decides `changed`. It runs once per task, not per
// host (ansible-core's BYPASS_HOST_LOOP).
type AddHost struct{}

// Spec describes add_host; arguments other than the name and groups are
// variables of the host.
func (AddHost) Spec() modspec.Spec {
	return modspec.Spec{
		Name:       "add_host",
		Controller: true,
		Short:      "Add a host (and alternatively a group) to the ansible-playbook in-memory inventory",
		AnyArgs:    true,
		Args: []modspec.Arg{
			{Name: "name", Type: modspec.Raw, Doc: "The hostname/ip of the host to add (host:port sets ansible_ssh_port); also hostname or host."},
			{Name: "groups", Type: modspec.Raw, Doc: "The groups to add the host to (a list or comma-separated string); also groupname or group."},
		},
		Example: "- add_host:\n    name: web1.example.com\n    groups: [web]\n    app_port: 8080\n",
	}
}

// addHostSpecial are the arguments that are not host variables (group,
// host and hostname are, as in ansible-core).
var addHostSpecial = map[string]bool{"name": true, "hostname": true, "groupname": true, "groups": true}

// Run returns the add_host result ansible-core's action returns.
func (AddHost) Run(_ context.Context, call *Call) (*Result, error) {
	a, err := addHostArgs(call.Args)
	if err != nil {
		return nil, err
	}
	newName := firstArg(a, "name", "hostname", "host")
	if newName == nil {
		return nil, errors.New("name, host or hostname needs to be provided")
	}
	name, port := splitHostPort(fmt.Sprint(newName))
	if port != nil {
		a["ansible_ssh_port"] = *port
	}
	groups, err := addHostGroups(firstArg(a, "groupname", "groups", "group"))
	if err != nil {
		return nil, err
	}
	vars := map[string]any{}
	for k, v := range a {
		if !addHostSpecial[k] {
			vars[k] = v
		}
	}
	info := map[string]any{"host_name": name, "groups": groups, "host_vars": vars}
	return &Result{Data: map[string]any{"add_host": info}}, nil
}

// addHostArgs merges a mapping given as free-form parameters
// (`add_host: "{{ host_info }}"`) under the named arguments.
func addHostArgs(in map[string]any) (map[string]any, error) {
	out := map[string]any{}
	if raw, ok := in["_raw_params"]; ok {
		m, isMap := odict.Plain(raw)
		if !isMap {
			return nil, fmt.Errorf("Invalid raw parameters passed, requires a dictonary/mapping got a  %s", pyTypeName(raw))
		}
		for k, v := range m {
			out[k] = v
		}
	}
	for k, v := range in {
		if k != "_raw_params" {
			out[k] = v
		}
	}
	return out, nil
}

// firstArg is the first of the names that is set, in ansible-core's
// order of lookup.
func firstArg(a map[string]any, names ...string) any {
	for _, n := range names {
		if v, ok := a[n]; ok && v != nil {
			return v
		}
	}
	return nil
}

// addHostGroups reads groups as a list or a comma-separated string,
// without repeats.
func addHostGroups(v any) ([]any, error) {
	var list []any
	switch g := v.(type) {
	case nil:
		return []any{}, nil
	case string:
		if g == "" {
			return []any{}, nil
		}
		for _, s := range strings.Split(g, ",") {
			list = append(list, s)
		}
	case []any:
		list = g
	default:
		return nil, errors.New("Groups must be specified as a list.")
	}
	out := []any{}
	seen := map[string]bool{}
	for _, x := range list {
		s := fmt.Sprint(x)
		if !seen[s] {
			out = append(out, strings.TrimSpace(s))
		}
		seen[strings.TrimSpace(s)] = true
	}
	return out, nil
}

var (
	bracketHostPort = regexp.MustCompile(`^\[([^\]]+)\](?::(\d+))?$`)
	namePort        = regexp.MustCompile(`^([^:\[\]]+):(\d+)$`)
)

// splitHostPort splits host:port and [ipv6]:port as ansible-core's
// parse_address does; anything else is the name as given.
func splitHostPort(s string) (string, *int) {
	m := bracketHostPort.FindStringSubmatch(s)
	if m == nil {
		m = namePort.FindStringSubmatch(s)
	}
	if m == nil {
		return s, nil
	}
	if m[2] == "" {
		return m[1], nil
	}
	port, err := strconv.Atoi(m[2])
	if err != nil {
		return s, nil
	}
	return m[1], &port
}

// pyTypeName is the Python type a value of a task argument stands for.
func pyTypeName(v any) string {
	switch v.(type) {
	case string:
		return "<class 'ansible.parsing.yaml.objects.AnsibleUnicode'>"
	case []any:
		return "<class 'list'>"
	case bool:
		return "<class 'bool'>"
	case int, int64:
		return "<class 'int'>"
	case float64:
		return "<class 'float'>"
	}
	return fmt.Sprintf("%T", v)
}
