package modules

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/edxplay/edxplay/internal/modspec"
	"github.com/edxplay/edxplay/modules/hostfile"
)

// Group manages groups with groupadd, groupmod and groupdel.
type Group struct{}

// Spec describes group's arguments.
func (Group) Spec() modspec.Spec {
	return modspec.Spec{
		Name:  "group",
		Short: "Add or remove groups",
		Args: []modspec.Arg{
			{Name: "name", Type: modspec.String, Required: true, Doc: "Name of the group."},
			{Name: "gid", Type: modspec.Int, Doc: "Group id."},
			{Name: "system", Type: modspec.Bool, Default: false, Doc: "Create a system group."},
			{Name: "state", Type: modspec.String, Default: "present", Choices: []string{"absent", "present"}, Doc: "Whether the group exists."},
			{Name: "non_unique", Type: modspec.Bool, Default: false, Doc: "Allow a non-unique gid (-o)."},
			{Name: "local", Type: modspec.Bool, Default: false, Doc: "Accepted for compatibility; the shadow tools are used."},
		},
		Example: "- group:\n    name: www\n    gid: 1050\n    state: present\n",
	}
}

// Run creates, updates or removes the group.
func (g Group) Run(ctx context.Context, call *Call) (*Result, error) {
	return runDescribed(ctx, g, call)
}

// Describe reads the group and describes the change, changing nothing.
func (Group) Describe(ctx context.Context, call *Call) (*Planned, error) {
	a := args(call.Args)
	if a.boolean("non_unique") && !a.has("gid") {
		return reported(&Result{Failed: true, Msg: "non_unique is True but all of the following are missing: gid"}), nil
	}
	fs := hostfile.New(call.Conn, call.Become)
	name := a.str("name")
	out, err := fs.Exec(ctx, "getent group "+hostfile.Quote(name)+" | cut -d: -f3; true")
	if err != nil {
		return nil, fmt.Errorf("look up group %s: %w", name, err)
	}
	gid, lookErr := strconv.Atoi(strings.TrimSpace(out))
	exists := lookErr == nil
	data := map[string]any{"name": name, "state": a.str("state")}
	before := "state: absent\n"
	if exists {
		before = fmt.Sprintf("state: present\ngid: %d\n", gid)
	}
	var cmd, after string
	switch {
	case a.str("state") == "absent" && exists:
		cmd, after = "groupdel "+hostfile.Quote(name), "state: absent\n"
	case a.str("state") == "present" && !exists:
		cmd = "groupadd " + groupFlags(a) + hostfile.Quote(name)
		after = "state: present\ngid: (assigned)\n"
		if a.has("gid") {
			after = fmt.Sprintf("state: present\ngid: %d\n", a.integer("gid"))
		}
	case a.str("state") == "present" && a.has("gid") && a.integer("gid") != gid:
		cmd = fmt.Sprintf("groupmod -g %d %s", a.integer("gid"), hostfile.Quote(name))
		if a.boolean("non_unique") {
			cmd = fmt.Sprintf("groupmod -g %d -o %s", a.integer("gid"), hostfile.Quote(name))
		}
		after = fmt.Sprintf("state: present\ngid: %d\n", a.integer("gid"))
	}
	if exists && a.str("state") == "present" {
		data["gid"], data["system"] = gid, a.boolean("system")
	}
	if cmd == "" {
		return reported(&Result{Data: data}), nil
	}
	res := &Result{Changed: true, Data: data}
	if call.Diff {
		res.Diffs = []modspec.Diff{{Before: before, After: after}}
	}
	return planned(res, func(ctx context.Context, call *Call) (*Result, error) {
		run, err := fs.Run(ctx, cmd)
		if err != nil {
			return nil, err
		}
		if run.RC != 0 {
			return &Result{Failed: true, Msg: strings.TrimSpace(run.Stderr), Data: map[string]any{"name": name}}, nil
		}
		made := reportedTo(res, call)
		if a.str("state") == "present" {
			if out, err := fs.Exec(ctx, "getent group "+hostfile.Quote(name)+" | cut -d: -f3"); err == nil {
				made.Data["gid"], _ = strconv.Atoi(strings.TrimSpace(out))
				made.Data["system"] = a.boolean("system")
			}
		}
		return made, nil
	}), nil
}

// groupFlags returns groupadd's options with a trailing space.
func groupFlags(a args) string {
	var f string
	if a.has("gid") {
		f += fmt.Sprintf("-g %d ", a.integer("gid"))
		if a.boolean("non_unique") {
			f += "-o "
		}
	}
	if a.boolean("system") {
		f += "-r "
	}
	return f
}
