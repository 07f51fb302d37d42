package modules

import (
	"context"
	"reflect"
	"testing"
)

// TestAddHostResult checks the add_host result for the argument forms
// ansible-core's action accepts.
func TestAddHostResult(t *testing.T) {
	cases := []struct {
		name string
		args map[string]any
		want map[string]any
		err  string
	}{
		{"name and groups string", map[string]any{"name": "h", "groups": "a, b,a", "x": 1},
			map[string]any{"host_name": "h", "groups": []any{"a", "b"}, "host_vars": map[string]any{"x": 1}}, ""},
		{"host:port", map[string]any{"hostname": "10.0.0.1:2222"},
			map[string]any{"host_name": "10.0.0.1", "groups": []any{}, "host_vars": map[string]any{"ansible_ssh_port": 2222}}, ""},
		{"ipv6 in brackets", map[string]any{"name": "[::1]:22", "groups": []any{"g"}},
			map[string]any{"host_name": "::1", "groups": []any{"g"}, "host_vars": map[string]any{"ansible_ssh_port": 22}}, ""},
		{"host and group stay vars", map[string]any{"host": "h", "group": "g"},
			map[string]any{"host_name": "h", "groups": []any{"g"}, "host_vars": map[string]any{"host": "h", "group": "g"}}, ""},
		{"free-form mapping", map[string]any{"_raw_params": map[string]any{"name": "h", "v": 1}, "v": 2},
			map[string]any{"host_name": "h", "groups": []any{}, "host_vars": map[string]any{"v": 2}}, ""},
		{"free-form string", map[string]any{"_raw_params": "name=h"}, nil,
			"Invalid raw parameters passed, requires a dictonary/mapping got a  <class 'ansible.parsing.yaml.objects.AnsibleUnicode'>"},
		{"no name", map[string]any{"groups": "g"}, nil, "name, host or hostname needs to be provided"},
		{"bad groups", map[string]any{"name": "h", "groups": 3}, nil, "Groups must be specified as a list."},
	}
	for _, c := range cases {
		res, err := AddHost{}.Run(context.Background(), &Call{Args: c.args})
		if c.err != "" {
			if err == nil || err.Error() != c.err {
				t.Errorf("%s: err = %v, want %q", c.name, err, c.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if got := res.Data["add_host"]; !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: add_host = %#v, want %#v", c.name, got, c.want)
		}
	}
}

// TestGroupByResult checks group_by's result: spaces become dashes, the
// parents default to all.
func TestGroupByResult(t *testing.T) {
	cases := []struct {
		args          map[string]any
		group         string
		parents       []any
		wantErrString string
	}{
		{map[string]any{"key": "a b"}, "a-b", []any{"all"}, ""},
		{map[string]any{"key": "k", "parents": "p q"}, "k", []any{"p-q"}, ""},
		{map[string]any{"key": "k", "parents": []any{"x", "y"}}, "k", []any{"x", "y"}, ""},
		{map[string]any{}, "", nil, "the 'key' param is required when using group_by"},
	}
	for _, c := range cases {
		res, err := GroupBy{}.Run(context.Background(), &Call{Args: c.args})
		if c.wantErrString != "" {
			if err == nil || err.Error() != c.wantErrString {
				t.Errorf("%v: err = %v", c.args, err)
			}
			continue
		}
		if err != nil || res.Data["add_group"] != c.group || !reflect.DeepEqual(res.Data["parent_groups"], c.parents) {
			t.Errorf("%v: %v %v", c.args, res, err)
		}
	}
}
