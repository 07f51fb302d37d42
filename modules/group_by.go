package modules

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/edxplay/edxplay/internal/modspec"
)

// GroupBy describes a group to put the host in; the engine changes the
// run's in-memory inventory (as ansible-core's strategy does with the
// group_by result) and decides `changed`.
type GroupBy struct{}

// Spec describes group_by.
func (GroupBy) Spec() modspec.Spec {
	return modspec.Spec{
		Name:       "group_by",
		Controller: true,
		Short:      "Create Ansible groups based on facts",
		Args: []modspec.Arg{
			{Name: "key", Type: modspec.String, Doc: "The name of the group to put the host in (spaces become dashes)."},
			{Name: "parents", Type: modspec.Raw, Doc: "The parent groups of the group (a name or a list; default all)."},
		},
		Example: "- group_by:\n    key: os_{{ ansible_facts['distribution'] }}\n",
	}
}

// Run returns the add_group result ansible-core's action returns.
func (GroupBy) Run(_ context.Context, call *Call) (*Result, error) {
	key, ok := call.Args["key"]
	if !ok || key == nil {
		return nil, errors.New("the 'key' param is required when using group_by")
	}
	var parents []any
	switch p := call.Args["parents"].(type) {
	case nil:
		parents = []any{"all"}
	case string:
		parents = []any{p}
	case []any:
		parents = p
	default:
		parents = []any{fmt.Sprint(p)}
	}
	names := make([]any, len(parents))
	for i, p := range parents {
		names[i] = dashed(fmt.Sprint(p))
	}
	return &Result{Data: map[string]any{"add_group": dashed(fmt.Sprint(key)), "parent_groups": names}}, nil
}

func dashed(s string) string { return strings.ReplaceAll(s, " ", "-") }
