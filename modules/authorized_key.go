package modules

import (
	"context"
	"fmt"
	"maps"
	"regexp"
	"sort"
	"strings"

	"github.com/edxplay/edxplay/internal/modspec"
	"github.com/edxplay/edxplay/modules/hostfile"
)

// AuthorizedKey adds or removes SSH keys in a user's authorized_keys
// (ansible.posix.authorized_key), rewriting the file as the module does.
type AuthorizedKey struct{}

// Spec describes authorized_key's arguments.
func (AuthorizedKey) Spec() modspec.Spec {
	return modspec.Spec{
		Name:  "authorized_key",
		Short: "Adds or removes an SSH authorized key",
		Args: []modspec.Arg{
			{Name: "user", Type: modspec.String, Required: true, Doc: "The user whose authorized_keys is edited."},
			{Name: "key", Type: modspec.String, Required: true, Doc: "The SSH public key(s), one a line (a URL is not implemented)."},
			{Name: "path", Type: modspec.Path, Doc: "The authorized_keys file (default ~user/.ssh/authorized_keys)."},
			{Name: "manage_dir", Type: modspec.Bool, Default: true, Doc: "Create the key file's directory (0700, owned by user)."},
			{Name: "state", Type: modspec.String, Default: "present", Choices: []string{"absent", "present"}, Doc: "Whether the keys should be present."},
			{Name: "key_options", Type: modspec.String, Doc: "ssh options prepended to each key (replacing the key's own)."},
			{Name: "exclusive", Type: modspec.Bool, Default: false, Doc: "Remove every other key from the file."},
			{Name: "validate_certs", Type: modspec.Bool, Default: true, Doc: "For a key URL (not implemented)."},
			{Name: "comment", Type: modspec.String, Doc: "Comment replacing the keys' own."},
			{Name: "follow", Type: modspec.Bool, Default: false, Doc: "Follow a symlink at the key file."},
		},
		Example: "- authorized_key:\n    user: deploy\n    key: \"{{ lookup('file', 'deploy.pub') }}\"\n    key_options: no-port-forwarding\n",
	}
}

// authKey is a parsed authorized_keys line: a key (ident is its
// base64 blob) or a line kept as it is (typ "skipped", ident the line).
type authKey struct {
	ident, typ string
	options    *keyOptions
	comment    string
	rank       int
}

// keyOptions are a key's ssh options in order; they compare as a set.
type keyOptions struct {
	names  []string
	values map[string]*string
}

func (o *keyOptions) equal(p *keyOptions) bool {
	return maps.EqualFunc(o.values, p.values, func(a, b *string) bool { return (a == nil) == (b == nil) && (a == nil || *a == *b) })
}

var sshKeyTypes = strings.Fields(`sk-ecdsa-sha2-nistp256@openssh.com sk-ecdsa-sha2-nistp256-cert-v01@openssh.com
webauthn-sk-ecdsa-sha2-nistp256@openssh.com ecdsa-sha2-nistp256 ecdsa-sha2-nistp256-cert-v01@openssh.com
ecdsa-sha2-nistp384 ecdsa-sha2-nistp384-cert-v01@openssh.com ecdsa-sha2-nistp521 ecdsa-sha2-nistp521-cert-v01@openssh.com
sk-ssh-ed25519@openssh.com sk-ssh-ed25519-cert-v01@openssh.com ssh-ed25519 ssh-ed25519-cert-v01@openssh.com ssh-dss
ssh-rsa ssh-xmss@openssh.com ssh-xmss-cert-v01@openssh.com rsa-sha2-256 rsa-sha2-512 ssh-rsa-cert-v01@openssh.com
rsa-sha2-256-cert-v01@openssh.com rsa-sha2-512-cert-v01@openssh.com ssh-dss-cert-v01@openssh.com`)

var keyOptionPartRe = regexp.MustCompile(`(?:[^,"']|"[^"]*"|'[^']*')+`)

// parseKeyOptions reads "opt,k=v,..." as the module's parseoptions.
func parseKeyOptions(s string) *keyOptions {
	o := &keyOptions{values: map[string]*string{}}
	add := func(part string) {
		name, value := part, (*string)(nil)
		if k, v, ok := strings.Cut(part, "="); ok {
			name, value = k, &v
		} else if part == "," {
			return
		}
		if _, dup := o.values[name]; !dup {
			o.names = append(o.names, name)
		}
		o.values[name] = value
	}
	idx := keyOptionPartRe.FindAllStringIndex(s, -1)
	for i, m := range idx {
		if i > 0 {
			add(s[idx[i-1][1]:m[0]])
		}
		add(s[m[0]:m[1]])
	}
	return o
}

func (o *keyOptions) String() string {
	parts := make([]string, 0, len(o.names))
	for _, n := range o.names {
		if v := o.values[n]; v != nil {
			n += "=" + *v
		}
		parts = append(parts, n)
	}
	return strings.Join(parts, ",")
}

// parseAuthKey parses one line; ok is false when it has no key type.
func parseAuthKey(line string, rank int) (authKey, bool) {
	parts := strings.Fields(strings.ReplaceAll(line, `\#`, "#"))
	if len(parts) > 0 && parts[0] == "#" {
		return authKey{ident: line, typ: "skipped", rank: rank}, true
	}
	for i, p := range parts {
		if !contains(sshKeyTypes, p) || i+1 >= len(parts) {
			continue
		}
		k := authKey{typ: p, ident: parts[i+1], rank: rank, options: parseKeyOptions(strings.Join(parts[:i], " "))}
		k.comment = strings.Join(parts[min(i+2, len(parts)):], " ")
		return k, true
	}
	return authKey{}, false
}

// line is the key as serialize writes it.
func (k authKey) line() string {
	if k.typ == "skipped" {
		return k.ident
	}
	opts := ""
	if len(k.options.names) > 0 {
		opts = k.options.String() + " "
	}
	return fmt.Sprintf("%s%s %s %s\n", opts, k.typ, k.ident, k.comment)
}

func (k authKey) same(o authKey) bool {
	if k.typ == "skipped" || o.typ == "skipped" {
		return k.typ == o.typ && k.ident == o.ident
	}
	return k.typ == o.typ && k.comment == o.comment && k.options.equal(o.options)
}

// parseAuthKeys reads a file's lines, keyed by ident (a later duplicate wins).
func parseAuthKeys(content string) map[string]authKey {
	keys := map[string]authKey{}
	for i, l := range splitKeepEnds(content) {
		k, ok := parseAuthKey(l, i)
		if !ok {
			k = authKey{ident: l, typ: "skipped", rank: i}
		}
		keys[k.ident] = k
	}
	return keys
}

// serializeAuthKeys writes keys in rank order.
func serializeAuthKeys(keys map[string]authKey) string {
	list := make([]authKey, 0, len(keys))
	for _, k := range keys {
		list = append(list, k)
	}
	sort.SliceStable(list, func(i, j int) bool { return list[i].rank < list[j].rank })
	var b strings.Builder
	for _, k := range list {
		b.WriteString(k.line())
	}
	return b.String()
}

// Run edits the key file.
func (m AuthorizedKey) Run(ctx context.Context, call *Call) (*Result, error) {
	return runDescribed(ctx, m, call)
}

// Describe reads the key file and describes its new content.
func (AuthorizedKey) Describe(ctx context.Context, call *Call) (*Planned, error) {
	a := args(call.Args)
	if strings.HasPrefix(a.str("key"), "http") {
		return reported(&Result{Failed: true, Msg: "authorized_key: fetching keys from a URL is not implemented by edxplay"}), nil
	}
	fs := hostfile.New(call.Conn, call.Become)
	u, keyfile, res, err := authKeyFile(ctx, call, fs, a)
	if err != nil || res != nil {
		return reported(res), err
	}
	info, content, err := fs.StatRead(ctx, keyfile)
	if err != nil {
		return nil, err
	}
	existing := ""
	if info.IsFile() {
		existing = string(content)
	}
	keys, msg := wantedAuthKeys(a, existing)
	if msg != "" {
		return reported(&Result{Failed: true, Msg: msg}), nil
	}
	data := authKeyData(a, keyfile)
	addPathInfo(data, a, info)
	after := serializeAuthKeys(keys)
	if keys == nil {
		return reported(&Result{Data: data}), nil
	}
	diff := modspec.Diff{BeforeHeader: keyfile, AfterHeader: keyfile, Before: existing, After: after}
	out := &Result{Changed: true, Data: data, Diffs: []modspec.Diff{diff}}
	if call.Diff {
		data["diff"] = map[string]any{"before_header": keyfile, "after_header": keyfile, "before": existing, "after": after}
	}
	return planned(out, func(ctx context.Context, call *Call) (*Result, error) {
		if u == nil {
			return nil, fmt.Errorf("user %s not found", a.str("user"))
		}
		if err := writeAuthKeys(ctx, fs, a, u, keyfile, after); err != nil {
			return &Result{Failed: true, Msg: err.Error(), Data: data}, nil
		}
		res := resultCopy(out)
		final, err := fs.Stat(ctx, keyfile, hostfile.StatOptions{})
		if err != nil {
			return nil, err
		}
		addPathInfo(res.Data, a, final)
		return res, nil
	}), nil
}

// authKeyData is the module's result: its parameters and keyfile.
func authKeyData(a args, keyfile string) map[string]any {
	data := map[string]any{"keyfile": keyfile}
	for _, k := range []string{"user", "key", "path", "manage_dir", "state", "key_options", "exclusive", "validate_certs", "comment", "follow"} {
		data[k] = a[k]
	}
	return data
}

// addPathInfo adds the state of the key file given as path, as Ansible's
// exit_json does for a result with a path (its state overrides state).
func addPathInfo(data map[string]any, a args, info hostfile.Info) {
	if !a.has("path") || !info.Exists {
		return
	}
	for k, v := range fileState(info) {
		if k != "path" {
			data[k] = v
		}
	}
}
