package modules

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/edxplay/edxplay/internal/modspec"
	"github.com/edxplay/edxplay/modules/hostfile"
)

// useraddCommand builds the useradd command for a new account.
func useraddCommand(a args, acct account) string {
	cmd := []string{"useradd"}
	if a.has("uid") {
		cmd = append(cmd, "-u", strconv.Itoa(a.integer("uid")))
		if a.boolean("non_unique") {
			cmd = append(cmd, "-o")
		}
	}
	switch {
	case a.has("group"):
		cmd = append(cmd, "-g", hostfile.Quote(a.str("group")))
	case acct.nameGroupExists:
		cmd = append(cmd, "-N")
	}
	if groups := wantedGroups(a); len(groups) > 0 {
		cmd = append(cmd, "-G", hostfile.Quote(strings.Join(groups, ",")))
	}
	for _, f := range []struct{ arg, flag string }{{"comment", "-c"}, {"home", "-d"}, {"shell", "-s"}, {"password", "-p"}} {
		if a.has(f.arg) {
			cmd = append(cmd, f.flag, hostfile.Quote(a.str(f.arg)))
		}
	}
	if a.boolean("system") {
		cmd = append(cmd, "-r")
	}
	if a.boolean("create_home") {
		cmd = append(cmd, "-m")
		if a.has("skeleton") {
			cmd = append(cmd, "-k", hostfile.Quote(a.str("skeleton")))
		}
	} else {
		cmd = append(cmd, "-M")
	}
	return strings.Join(append(cmd, hostfile.Quote(a.str("name"))), " ")
}

// usermodCommand builds the usermod command bringing acct to the
// arguments, or "" when nothing differs.
func usermodCommand(a args, acct account) string {
	var cmd []string
	if a.has("uid") && a.integer("uid") != acct.uid {
		cmd = append(cmd, "-u", strconv.Itoa(a.integer("uid")))
		if a.boolean("non_unique") {
			cmd = append(cmd, "-o")
		}
	}
	if a.has("group") && acct.groupGID != acct.gid {
		cmd = append(cmd, "-g", hostfile.Quote(a.str("group")))
	}
	if groups, change := groupChange(a, acct); change {
		if a.boolean("append") {
			cmd = append(cmd, "-a")
		}
		cmd = append(cmd, "-G", hostfile.Quote(strings.Join(groups, ",")))
	}
	if a.has("comment") && a.str("comment") != acct.comment {
		cmd = append(cmd, "-c", hostfile.Quote(a.str("comment")))
	}
	if a.has("home") && a.str("home") != acct.home {
		cmd = append(cmd, "-d", hostfile.Quote(a.str("home")))
		if a.boolean("move_home") {
			cmd = append(cmd, "-m")
		}
	}
	if a.has("shell") && a.str("shell") != acct.shell {
		cmd = append(cmd, "-s", hostfile.Quote(a.str("shell")))
	}
	if a.has("password") && a.str("update_password") == "always" && a.str("password") != acct.hash {
		cmd = append(cmd, "-p", hostfile.Quote(a.str("password")))
	}
	if len(cmd) == 0 {
		return ""
	}
	return "usermod " + strings.Join(cmd, " ") + " " + hostfile.Quote(a.str("name"))
}

// groupChange returns the -G list and whether supplementary groups change.
func groupChange(a args, acct account) ([]string, bool) {
	if !a.has("groups") {
		return nil, false
	}
	want := wantedGroups(a)
	have := map[string]bool{}
	for _, g := range acct.groups {
		have[g] = true
	}
	if a.boolean("append") {
		for _, g := range want {
			if !have[g] {
				return want, true
			}
		}
		return nil, false
	}
	sorted := append([]string(nil), want...)
	sort.Strings(sorted)
	sorted = dedupe(sorted)
	return want, strings.Join(sorted, ",") != strings.Join(acct.groups, ",")
}

func dedupe(sorted []string) []string {
	var out []string
	for i, s := range sorted {
		if i == 0 || s != sorted[i-1] {
			out = append(out, s)
		}
	}
	return out
}

// removeUser describes deleting an existing account.
func removeUser(call *Call, fs *hostfile.FS, name string, acct account) (*Planned, error) {
	a := args(call.Args)
	data := map[string]any{"name": name, "state": "absent"}
	if !acct.exists {
		return reported(&Result{Data: data}), nil
	}
	out := &Result{Changed: true, Data: data}
	if call.Diff {
		out.Diffs = []modspec.Diff{{Before: acct.describe(), After: "state: absent\n"}}
	}
	cmd := "userdel"
	if a.boolean("force") {
		cmd += " -f"
	}
	if a.boolean("remove") {
		cmd += " -r"
	}
	return planned(out, func(ctx context.Context, call *Call) (*Result, error) {
		res, err := fs.Run(ctx, cmd+" "+hostfile.Quote(name))
		if err != nil {
			return nil, err
		}
		if res.RC != 0 {
			return &Result{Failed: true, Msg: strings.TrimSpace(res.Stderr), Data: map[string]any{"name": name, "rc": res.RC}}, nil
		}
		made := reportedTo(out, call)
		made.Data["force"], made.Data["remove"] = a.boolean("force"), a.boolean("remove")
		return made, nil
	}), nil
}

// describe renders the account for a diff.
func (acct account) describe() string {
	if !acct.exists {
		return "state: absent\n"
	}
	pw := "unset"
	if acct.hash != "" && acct.hash != "*" && acct.hash != "!" {
		pw = "set"
	}
	return fmt.Sprintf("state: present\nuid: %s\ngroup: %s\ngroups: %s\ncomment: %s\nhome: %s\nshell: %s\npassword: %s\n",
		idOrAuto(acct.uid), idOrAuto(acct.gid), strings.Join(acct.groups, ","), acct.comment, acct.home, acct.shell, pw)
}

func idOrAuto(id int) string {
	if id < 0 {
		return "(assigned)"
	}
	return strconv.Itoa(id)
}

// wantedAccount is acct as the arguments would leave it.
func wantedAccount(a args, acct account) account {
	w := acct
	if !w.exists {
		w = account{exists: true, uid: -1, gid: -1, home: "/home/" + a.str("name"), shell: "(default)"}
	}
	if a.has("uid") {
		w.uid = a.integer("uid")
	}
	if a.has("group") {
		w.gid = acct.groupGID
	}
	if groups, change := groupChange(a, acct); change || !acct.exists {
		if a.boolean("append") {
			groups = append(groups, acct.groups...)
		}
		sort.Strings(groups)
		w.groups = dedupe(groups)
	}
	for arg, field := range map[string]*string{"comment": &w.comment, "home": &w.home, "shell": &w.shell} {
		if a.has(arg) {
			*field = a.str(arg)
		}
	}
	if a.has("password") && (a.str("update_password") == "always" || !acct.exists) {
		w.hash = a.str("password")
	}
	return w
}
