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

// User manages user accounts with useradd, usermod and userdel.
type User struct{}

// Spec describes user's arguments.
func (User) Spec() modspec.Spec {
	return modspec.Spec{
		Name:  "user",
		Short: "Manage user accounts",
		Args: []modspec.Arg{
			{Name: "name", Type: modspec.String, Required: true, Aliases: []string{"user"}, Doc: "Name of the user."},
			{Name: "state", Type: modspec.String, Default: "present", Choices: []string{"absent", "present"}, Doc: "Whether the account exists."},
			{Name: "uid", Type: modspec.Int, Doc: "User id."},
			{Name: "non_unique", Type: modspec.Bool, Default: false, Doc: "Allow a non-unique uid (-o)."},
			{Name: "group", Type: modspec.String, Doc: "Primary group (name or gid); must exist."},
			{Name: "groups", Type: modspec.List, Doc: "Supplementary groups; an empty value removes all (unless append)."},
			{Name: "append", Type: modspec.Bool, Default: false, Doc: "Add groups to the existing ones instead of replacing them."},
			{Name: "comment", Type: modspec.String, Doc: "GECOS field."},
			{Name: "home", Type: modspec.Path, Doc: "Home directory."},
			{Name: "create_home", Type: modspec.Bool, Default: true, Aliases: []string{"createhome"}, Doc: "Create the home directory for a new user."},
			{Name: "move_home", Type: modspec.Bool, Default: false, Doc: "Move the existing home directory when home changes."},
			{Name: "skeleton", Type: modspec.String, Doc: "Skeleton directory for a new home."},
			{Name: "shell", Type: modspec.String, Doc: "Login shell."},
			{Name: "system", Type: modspec.Bool, Default: false, Doc: "Create a system account."},
			{Name: "password", Type: modspec.String, NoLog: true, Doc: "Password hash (crypt format) as stored in /etc/shadow."},
			{Name: "update_password", Type: modspec.String, Default: "always", Choices: []string{"always", "on_create"}, Doc: "Update the password of existing users, or only set it on creation."},
			{Name: "remove", Type: modspec.Bool, Default: false, Doc: "With state=absent, remove the home directory and mail spool (userdel -r)."},
			{Name: "force", Type: modspec.Bool, Default: false, Doc: "With state=absent, remove even when logged in (userdel -f)."},
			{Name: "expires", Type: modspec.Raw, Doc: "Accepted for compatibility; not applied."},
		},
		Example: "- user:\n    name: deploy\n    uid: 1040\n    groups: [adm, www-data]\n    append: true\n    shell: /bin/bash\n",
	}
}

// account is what the target knows of a user.
type account struct {
	exists                     bool
	uid, gid                   int
	comment, home, shell, hash string
	groups                     []string
	missingGroups              []string
	groupGID                   int // gid of the wanted primary group, -1 if missing
	nameGroupExists            bool
}

// Run creates, updates or removes the account.
func (u User) Run(ctx context.Context, call *Call) (*Result, error) {
	return runDescribed(ctx, u, call)
}

// Describe reads the account and describes the change, changing nothing.
func (User) Describe(ctx context.Context, call *Call) (*Planned, error) {
	a := args(call.Args)
	fs := hostfile.New(call.Conn, call.Become)
	name := a.str("name")
	acct, err := probeAccount(ctx, fs, name, a)
	if err != nil {
		return nil, err
	}
	if a.str("state") == "absent" {
		return removeUser(call, fs, name, acct)
	}
	if len(acct.missingGroups) > 0 {
		return reported(&Result{Failed: true, Msg: fmt.Sprintf("Group %s does not exist", acct.missingGroups[0])}), nil
	}
	if a.has("group") && acct.groupGID < 0 {
		return reported(&Result{Failed: true, Msg: fmt.Sprintf("Group %s does not exist", a.str("group"))}), nil
	}
	var cmd string
	if acct.exists {
		cmd = usermodCommand(a, acct)
	} else {
		cmd = useraddCommand(a, acct)
	}
	data := map[string]any{"name": name, "state": "present"}
	if a.has("password") {
		data["password"] = "NOT_LOGGING_PASSWORD"
	}
	if cmd == "" {
		userData(data, acct)
		return reported(&Result{Data: data}), nil
	}
	out := &Result{Changed: true, Data: data}
	if call.Diff {
		out.Diffs = []modspec.Diff{{Before: acct.describe(), After: wantedAccount(a, acct).describe()}}
	}
	return planned(out, func(ctx context.Context, call *Call) (*Result, error) {
		res, err := fs.Run(ctx, cmd)
		if err != nil {
			return nil, err
		}
		if res.RC != 0 {
			return &Result{Failed: true, Msg: strings.TrimSpace(res.Stderr), Data: map[string]any{"name": name, "rc": res.RC}}, nil
		}
		made := reportedTo(out, call)
		if after, err := probeAccount(ctx, fs, name, a); err == nil {
			userData(made.Data, after)
		}
		return made, nil
	}), nil
}

// userData adds the account's fields to a result.
func userData(data map[string]any, acct account) {
	data["uid"], data["group"], data["comment"] = acct.uid, acct.gid, acct.comment
	data["home"], data["shell"] = acct.home, acct.shell
}

// probeAccount reads the user's passwd and shadow entries, its groups and
// whether the groups the arguments name exist, in one command.
func probeAccount(ctx context.Context, fs *hostfile.FS, name string, a args) (account, error) {
	q := hostfile.Quote(name)
	var b strings.Builder
	fmt.Fprintf(&b, "getent passwd %s; echo @@; getent shadow %s | cut -d: -f2; echo @@\n", q, q)
	fmt.Fprintf(&b, "getent group | awk -F: -v u=%s '{n=split($4,m,\",\"); for(i=1;i<=n;i++) if(m[i]==u) print $1}'; echo @@\n", q)
	for _, g := range wantedGroups(a) {
		fmt.Fprintf(&b, "getent group %s >/dev/null || echo %s\n", hostfile.Quote(g), hostfile.Quote(g))
	}
	fmt.Fprintf(&b, "echo @@; getent group %s | cut -d: -f3; echo @@; getent group %s >/dev/null && echo yes; true\n", hostfile.Quote(a.str("group")), q)
	out, err := fs.Exec(ctx, b.String())
	if err != nil {
		return account{}, fmt.Errorf("look up user %s: %w", name, err)
	}
	parts := strings.Split(out, "@@\n")
	for len(parts) < 6 {
		parts = append(parts, "")
	}
	acct := account{groupGID: -1, nameGroupExists: strings.TrimSpace(parts[5]) == "yes"}
	if f := strings.Split(strings.TrimSpace(parts[0]), ":"); len(f) == 7 {
		acct.exists = true
		acct.uid, _ = strconv.Atoi(f[2])
		acct.gid, _ = strconv.Atoi(f[3])
		acct.comment, acct.home, acct.shell = f[4], f[5], f[6]
	}
	acct.hash = strings.TrimSpace(parts[1])
	acct.groups = strings.Fields(parts[2])
	sort.Strings(acct.groups)
	acct.missingGroups = strings.Fields(parts[3])
	if gid, err := strconv.Atoi(strings.TrimSpace(parts[4])); err == nil {
		acct.groupGID = gid
	}
	return acct, nil
}

// wantedGroups returns the groups argument as names ("" entries dropped).
func wantedGroups(a args) []string {
	var out []string
	for _, g := range a.list("groups") {
		for _, n := range strings.Split(fmt.Sprint(g), ",") {
			if n = strings.TrimSpace(n); n != "" {
				out = append(out, n)
			}
		}
	}
	return out
}
