package modules

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha1" //nolint:gosec // known_hosts hashing is HMAC-SHA1 by format
	"encoding/base64"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/edxplay/edxplay/internal/modspec"
	"github.com/edxplay/edxplay/modules/hostfile"
)

// KnownHosts adds or removes a host key in a known_hosts file, matching
// hosts with the target's ssh-keygen -F (hashed entries, [host]:port)
// and hashing new entries on the controller when asked.
type KnownHosts struct{}

// Spec describes known_hosts's arguments.
func (KnownHosts) Spec() modspec.Spec {
	return modspec.Spec{
		Name:  "known_hosts",
		Short: "Add or remove a host from the known_hosts file",
		Args: []modspec.Arg{
			{Name: "name", Type: modspec.String, Required: true, Aliases: []string{"host"}, Doc: "The host to add or remove (must match the key's host field)."},
			{Name: "key", Type: modspec.String, Doc: "The SSH public host key line, as in known_hosts (host, type, key)."},
			{Name: "path", Type: modspec.Path, Default: "~/.ssh/known_hosts", Doc: "The known_hosts file to edit."},
			{Name: "hash_host", Type: modspec.Bool, Default: false, Doc: "Hash the hostname in the known_hosts file."},
			{Name: "state", Type: modspec.String, Default: "present", Choices: []string{"absent", "present"}, Doc: "Whether the key should be present."},
		},
		Example: "- known_hosts:\n    path: /etc/ssh/ssh_known_hosts\n    name: foo.com.invalid\n    key: \"{{ lookup('file', 'pubkeys/foo.com.invalid') }}\"\n",
	}
}

// knownHostsRun is one invocation's state.
type knownHostsRun struct {
	fs              *hostfile.FS
	host, key, path string
	state           string
	found, replace  bool
	foundLine       int // 0: none
	info            hostfile.Info
	content         string
}

// Run checks the key, finds the host's entries and rewrites the file.
func (m KnownHosts) Run(ctx context.Context, call *Call) (*Result, error) {
	return runDescribed(ctx, m, call)
}

// Describe checks the key, finds the host's entries and describes the
// file's new content, changing nothing.
func (KnownHosts) Describe(ctx context.Context, call *Call) (*Planned, error) {
	a := args(call.Args)
	fs := hostfile.New(call.Conn, call.Become)
	path, err := expandRemoteHome(ctx, fs, a.str("path"))
	if err != nil {
		return nil, err
	}
	r := &knownHostsRun{fs: fs, host: strings.ToLower(a.str("name")), key: a.str("key"), path: path, state: a.str("state")}
	if r.key == "" && r.state != "absent" {
		return reported(&Result{Failed: true, Msg: "No key specified when adding a host"}), nil
	}
	if r.key != "" && a.boolean("hash_host") {
		r.key = hashKnownHost(r.host, r.key)
	}
	if r.key != "" && !strings.HasSuffix(r.key, "\n") {
		r.key += "\n"
	}
	if msg, err := r.sanityCheck(ctx); err != nil {
		return nil, err
	} else if msg != "" {
		return reported(&Result{Failed: true, Msg: msg}), nil
	}
	if res, err := r.search(ctx); err != nil {
		return nil, err
	} else if res != nil {
		return reported(res), nil
	}
	diff := r.diff()
	data := map[string]any{"name": a.str("name"), "key": call.Args["key"], "path": path, "hash_host": a.boolean("hash_host"),
		"state": r.state, "diff": map[string]any{"before_header": diff.BeforeHeader, "after_header": diff.AfterHeader, "before": diff.Before, "after": diff.After}}
	res := &Result{Data: data, Diffs: []modspec.Diff{diff}}
	if r.state == "absent" && r.foundLine == 0 && r.key != "" {
		return reported(res), nil
	}
	res.Changed = r.replace || (r.state == "present") != r.found
	if !res.Changed {
		return reported(res), nil
	}
	return planned(res, func(ctx context.Context, _ *Call) (*Result, error) {
		if err := r.apply(ctx); err != nil {
			return &Result{Failed: true, Msg: err.Error(), Data: data}, nil
		}
		return resultCopy(res), nil
	}), nil
}

var knownHostsListRe = regexp.MustCompile(`\S+(\s+)?,(\s+)?`)

// sanityCheck refuses a host list and a key whose host field does not
// match the host (asked of ssh-keygen -F on the key alone).
func (r *knownHostsRun) sanityCheck(ctx context.Context) (string, error) {
	if r.key == "" {
		return "", nil
	}
	if knownHostsListRe.MatchString(r.host) {
		return "Comma separated list of names is not supported. Please pass a single name to lookup in the known_hosts file.", nil
	}
	script := fmt.Sprintf(`k=$(mktemp) || exit 1; printf '%%s' %s > "$k"; ssh-keygen -F %s -f "$k" 2>/dev/null; rm -f "$k"`, hostfile.Quote(r.key), hostfile.Quote(r.host))
	res, err := r.fs.Run(ctx, script)
	if err != nil {
		return "", err
	}
	if res.Stdout == "" {
		return "Host parameter does not match hashed host field in supplied key", nil
	}
	return "", nil
}

var foundLineRe = regexp.MustCompile(`found: line (\d+)`)

// search looks the host up with ssh-keygen -F and compares its entries
// with the key, as Ansible's search_for_host_key does.
func (r *knownHostsRun) search(ctx context.Context) (*Result, error) {
	info, content, err := r.fs.StatRead(ctx, r.path)
	if err != nil {
		return nil, err
	}
	r.info, r.content = info, string(content)
	if !info.Exists {
		return nil, nil
	}
	res, err := r.fs.Run(ctx, "ssh-keygen -F "+hostfile.Quote(r.host)+" -f "+hostfile.Quote(r.path))
	if err != nil {
		return nil, err
	}
	if res.Stdout == "" && res.Stderr == "" && (res.RC == 0 || res.RC == 1) {
		return nil, nil
	}
	if res.RC != 0 {
		return &Result{Failed: true, Msg: fmt.Sprintf("ssh-keygen failed (rc=%d, stdout='%s',stderr='%s')", res.RC, res.Stdout, res.Stderr)}, nil
	}
	r.found = true
	if r.key == "" {
		return nil, nil
	}
	want := parseKnownHostsKey(r.key)
	line := 0
	for _, l := range strings.Split(res.Stdout, "\n") {
		switch {
		case l == "":
		case l[0] == '#':
			if m := foundLineRe.FindStringSubmatch(l); m != nil {
				line, _ = strconv.Atoi(m[1])
			}
		default:
			got := parseKnownHostsKey(l)
			if strings.HasPrefix(want.host, "|1|") && strings.HasPrefix(got.host, "|1|") {
				want.host = got.host
			}
			if want == got {
				r.foundLine = line
				return nil, nil
			}
			if want.typ == got.typ {
				r.replace, r.foundLine = true, line
				return nil, nil
			}
		}
	}
	r.replace = true
	return nil, nil
}

// knownHostsKey is a known_hosts line's normalized fields.
type knownHostsKey struct{ options, host, typ, key string }

func parseKnownHostsKey(line string) knownHostsKey {
	f := strings.Fields(line)
	if len(f) > 0 && strings.HasPrefix(f[0], "@") {
		f = append(f, "", "", "", "")
		return knownHostsKey{options: f[0], host: f[1], typ: f[2], key: f[3]}
	}
	f = append(f, "", "", "")
	return knownHostsKey{host: f[0], typ: f[1], key: f[2]}
}

// diff is Ansible's compute_diff.
func (r *knownHostsRun) diff() modspec.Diff {
	d := modspec.Diff{BeforeHeader: r.path, AfterHeader: r.path, Before: r.content}
	if !r.info.Exists {
		d.BeforeHeader = "/dev/null"
	}
	lines := splitKeepEnds(r.content)
	if (r.replace || r.state == "absent") && r.foundLine >= 1 && r.foundLine <= len(lines) {
		lines = append(lines[:r.foundLine-1:r.foundLine-1], lines[r.foundLine:]...)
	}
	if r.state == "present" && (r.replace || r.foundLine == 0) {
		lines = append(lines, r.key)
	}
	d.After = strings.Join(lines, "")
	return d
}

// apply removes the whole host (no key, absent) with ssh-keygen -R, or
// rewrites the file without the found line and with the key.
func (r *knownHostsRun) apply(ctx context.Context) error {
	if r.found && r.key == "" && r.state == "absent" {
		_, err := r.fs.Exec(ctx, "ssh-keygen -R "+hostfile.Quote(r.host)+" -f "+hostfile.Quote(r.path))
		return err
	}
	var b strings.Builder
	for i, l := range splitKeepEnds(r.content) {
		if r.foundLine == i+1 && (r.replace || r.state == "absent") {
			continue
		}
		b.WriteString(l)
	}
	if r.state == "present" {
		b.WriteString(r.key)
	}
	if err := r.fs.Write(ctx, r.info, []byte(b.String()), hostfile.Attrs{}); err != nil {
		return fmt.Errorf("Failed to write to file %s: %w", r.path, err) //nolint:stylecheck // Ansible's message
	}
	return nil
}

// hashKnownHost replaces the key line's host field with |1|salt|hmac.
func hashKnownHost(host, key string) string {
	salt := make([]byte, 20)
	_, _ = rand.Read(salt)
	mac := hmac.New(sha1.New, salt)
	mac.Write([]byte(host))
	parts := strings.Fields(key)
	i := 0
	if len(parts) > 0 && strings.HasPrefix(parts[0], "@") {
		i = 1
	}
	if i < len(parts) {
		parts[i] = "|1|" + base64.StdEncoding.EncodeToString(salt) + "|" + base64.StdEncoding.EncodeToString(mac.Sum(nil))
	}
	return strings.Join(parts, " ")
}

// splitKeepEnds is Python's str.splitlines(keepends=True) for \n lines.
func splitKeepEnds(s string) []string {
	var out []string
	for s != "" {
		i := strings.IndexByte(s, '\n')
		if i < 0 {
			return append(out, s)
		}
		out = append(out, s[:i+1])
		s = s[i+1:]
	}
	return out
}

// expandRemoteHome expands a leading ~ or ~/ to the remote user's $HOME.
func expandRemoteHome(ctx context.Context, fs *hostfile.FS, p string) (string, error) {
	if p != "~" && !strings.HasPrefix(p, "~/") {
		return p, nil
	}
	out, err := fs.Exec(ctx, `printf '%s' "$HOME"`)
	if err != nil {
		return "", fmt.Errorf("read the remote home directory: %w", err)
	}
	return strings.TrimSuffix(out, "/") + p[1:], nil
}
