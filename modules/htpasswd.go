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
func (Htpasswd) Run(ctx context.Context, call *Call) (*Result, error) {
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
	var newContent []byte
	if a.str("state") == "present" {
		msg, changed, newContent, err = htpasswdPresent(a, info.Exists, lines, call.Check)
	} else {
		msg, changed, newContent, err = htpasswdAbsent(dest, user, info.Exists, lines)
	}
	if err != nil {
		return &Result{Failed: true, Msg: err.Error()}, nil
	}
	if call.Check || newContent == nil {
		if info.Exists {
			msg, changed, err = htpasswdAttrs(ctx, fs, info, a, msg, changed, call.Check)
		}
		return &Result{Changed: changed, Msg: msg}, err
	}
	if !info.Exists {
		if _, err := fs.MkdirAll(ctx, path.Dir(dest), 0, "", ""); err != nil {
			return nil, err
		}
	}
	if err := fs.Write(ctx, info, newContent, a.attrs()); err != nil {
		return &Result{Failed: true, Msg: err.Error()}, nil
	}
	return &Result{Changed: changed, Msg: msg}, nil
}

// htpasswdPresent adds or updates the user's entry.
func htpasswdPresent(a args, exists bool, lines []string, check bool) (string, bool, []byte, error) {
	dest, user, password := a.str("path"), a.str("name"), a.str("password")
	hasher, ok := htpasswdSchemes[a.str("crypt_scheme")]
	if !ok {
		return "", false, nil, fmt.Errorf("crypt_scheme %s is not supported by edxplay (apr_md5_crypt, md5_crypt, bcrypt, ldap_sha1, plaintext)", a.str("crypt_scheme"))
	}
	if !exists && !a.boolean("create") {
		return "", false, nil, fmt.Errorf("Destination %s does not exist", dest) //nolint:stylecheck // Ansible's message
	}
	if !exists && check {
		return "Create " + dest, true, nil, nil
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
	if check {
		return msg, true, nil, nil
	}
	hash, err := hasher(password)
	if err != nil {
		return "", false, nil, err
	}
	entry := user + ":" + hash + "\n"
	if idx >= 0 {
		lines[idx] = entry
	} else {
		if n := len(lines); n > 0 && !strings.HasSuffix(lines[n-1], "\n") {
			lines[n-1] += "\n"
		}
		lines = append(lines, entry)
	}
	return msg, true, []byte(strings.Join(lines, "")), nil
}

// htpasswdAbsent removes the user's entry.
func htpasswdAbsent(dest, user string, exists bool, lines []string) (string, bool, []byte, error) {
	if !exists {
		return "", false, nil, fmt.Errorf("%s does not exist", dest)
	}
	idx := htpasswdFind(lines, user)
	if idx < 0 {
		return user + " not present", false, nil, nil
	}
	lines = append(lines[:idx], lines[idx+1:]...)
	return "Remove " + user, true, []byte(strings.Join(lines, "")), nil
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
