package modules

import (
	"context"
	"fmt"
	"path"
	"strings"

	"github.com/edxplay/edxplay/internal/modspec"
	"github.com/edxplay/edxplay/modules/hostfile"
)

// Htpasswd adds, updates and removes users in an Apache htpasswd file,
// hashing on the controller (community.general.htpasswd without passlib).
type Htpasswd struct{}

// Spec describes htpasswd's arguments.
func (Htpasswd) Spec() modspec.Spec {
	return modspec.Spec{
		Name:  "htpasswd",
		Short: "Manage user files for basic authentication",
		Args: append([]modspec.Arg{
			{Name: "path", Type: modspec.Path, Required: true, Aliases: []string{"dest", "destfile"}, Doc: "Path to the htpasswd file."},
			{Name: "name", Type: modspec.String, Required: true, Aliases: []string{"username"}, Doc: "User name to add or remove."},
			{Name: "password", Type: modspec.String, NoLog: true, Doc: "Password of the user (state present)."},
			{Name: "crypt_scheme", Type: modspec.String, Default: "apr_md5_crypt", Doc: "Hash scheme: apr_md5_crypt, md5_crypt, bcrypt, ldap_sha1 or plaintext."},
			{Name: "state", Type: modspec.String, Default: "present", Choices: []string{"present", "absent"}, Doc: "Whether the user entry should be present."},
			{Name: "create", Type: modspec.Bool, Default: true, Doc: "Create the file when it does not exist."},
		}, fileAttrArgs()...),
		Example: "- htpasswd:\n    path: /etc/nginx/passwdfile\n    name: janedoe\n    password: '9s36?;fyNp'\n    owner: root\n    group: www-data\n    mode: 0640\n",
	}
}

// Run reads the file, compares the user's entry and rewrites it.
func (m Htpasswd) Run(ctx context.Context, call *Call) (*Result, error) {
	return runDescribed(ctx, m, call)
}

// htpasswdEdit makes the file's new content (hashing the password, which
// is left to the apply step).
type htpasswdEdit func() ([]byte, error)

// Describe reads the file and describes the user's entry and the file's
// attributes it would set, changing nothing.
func (Htpasswd) Describe(ctx context.Context, call *Call) (*Planned, error) {
	a := args(call.Args)
	fs := hostfile.New(call.Conn, call.Become)
	dest, user := a.str("path"), a.str("name")
	info, content, err := fs.StatRead(ctx, dest)
	if err != nil {
		return nil, err
	}
	lines := splitKeepEnds(string(content))
	var msg string
	var changed bool
	var edit htpasswdEdit
	if a.str("state") == "present" {
		msg, changed, edit, err = htpasswdPresent(a, info.Exists, lines)
	} else {
		msg, changed, edit, err = htpasswdAbsent(dest, user, info.Exists, lines)
	}
	if err != nil {
		return reported(&Result{Failed: true, Msg: err.Error()}), nil
	}
	described := &Result{Changed: changed, Msg: msg}
	if !info.Exists {
		described.Msg = "Create " + dest
	} else if described.Msg, described.Changed, err = htpasswdAttrs(ctx, fs, info, a, msg, changed, true); err != nil {
		if edit == nil {
			return nil, err
		}
		// the write sets the attributes and fails as a result
		described = &Result{Failed: true, Msg: err.Error()}
	}
	if !described.Changed && !described.Failed {
		return reported(described), nil
	}
	if edit == nil {
		return planned(described, func(ctx context.Context, _ *Call) (*Result, error) {
			msg, changed, err := htpasswdAttrs(ctx, fs, info, a, msg, changed, false)
			return &Result{Changed: changed, Msg: msg}, err
		}), nil
	}
	return planned(described, func(ctx context.Context, _ *Call) (*Result, error) {
		return htpasswdWrite(ctx, fs, info, a, edit, &Result{Changed: changed, Msg: msg})
	}), nil
}

// htpasswdWrite writes the edited file (creating its directory when the
// file is new) and reports res.
func htpasswdWrite(ctx context.Context, fs *hostfile.FS, info hostfile.Info, a args, edit htpasswdEdit, res *Result) (*Result, error) {
	content, err := edit()
	if err != nil {
		return &Result{Failed: true, Msg: err.Error()}, nil
	}
	dest := a.str("path")
	if !info.Exists {
		if _, err := fs.MkdirAll(ctx, path.Dir(dest), 0, "", ""); err != nil {
			return nil, err
		}
	}
	if err := fs.Write(ctx, info, content, a.attrs()); err != nil {
		return &Result{Failed: true, Msg: err.Error()}, nil
	}
	return res, nil
}

// htpasswdPresent adds or updates the user's entry.
func htpasswdPresent(a args, exists bool, lines []string) (string, bool, htpasswdEdit, error) {
	dest, user, password := a.str("path"), a.str("name"), a.str("password")
	hasher, ok := htpasswdSchemes[a.str("crypt_scheme")]
	if !ok {
		return "", false, nil, fmt.Errorf("crypt_scheme %s is not supported by edxplay (apr_md5_crypt, md5_crypt, bcrypt, ldap_sha1, plaintext)", a.str("crypt_scheme"))
	}
	if !exists && !a.boolean("create") {
		return "", false, nil, fmt.Errorf("Destination %s does not exist", dest) //nolint:stylecheck // Ansible's message
	}
	idx := htpasswdFind(lines, user)
	if idx >= 0 {
		_, hash, _ := strings.Cut(strings.TrimRight(lines[idx], "\r\n"), ":")
		if verifyHtpasswd(hash, password) {
			return user + " already present", false, nil, nil
		}
	}
	msg := "Add/update " + user
	if !exists {
		msg = fmt.Sprintf("Created %s and added %s", dest, user)
	}
	return msg, true, func() ([]byte, error) {
		hash, err := hasher(password)
		if err != nil {
			return nil, err
		}
		entry := user + ":" + hash + "\n"
		edited := append([]string(nil), lines...)
		if idx >= 0 {
			edited[idx] = entry
		} else {
			if n := len(edited); n > 0 && !strings.HasSuffix(edited[n-1], "\n") {
				edited[n-1] += "\n"
			}
			edited = append(edited, entry)
		}
		return []byte(strings.Join(edited, "")), nil
	}, nil
}

// htpasswdAbsent removes the user's entry.
func htpasswdAbsent(dest, user string, exists bool, lines []string) (string, bool, htpasswdEdit, error) {
	if !exists {
		return "", false, nil, fmt.Errorf("%s does not exist", dest)
	}
	idx := htpasswdFind(lines, user)
	if idx < 0 {
		return user + " not present", false, nil, nil
	}
	content := []byte(strings.Join(append(lines[:idx:idx], lines[idx+1:]...), ""))
	return "Remove " + user, true, func() ([]byte, error) { return content, nil }, nil
}

func htpasswdFind(lines []string, user string) int {
	for i, l := range lines {
		if name, _, ok := strings.Cut(l, ":"); ok && name == user {
			return i
		}
	}
	return -1
}

// htpasswdAttrs applies owner, group and mode as check_file_attrs does.
func htpasswdAttrs(ctx context.Context, fs *hostfile.FS, info hostfile.Info, a args, msg string, changed, check bool) (string, bool, error) {
	c, err := fs.SetAttrs(ctx, info, a.attrs(), check)
	if err != nil || !c.Changed() {
		return msg, changed, err
	}
	if changed {
		msg += " and "
	}
	return msg + "ownership, perms or SE linux context changed", true, nil
}
