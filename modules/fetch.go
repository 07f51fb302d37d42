package modules

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/edxplay/edxplay/internal/modspec"
	"github.com/edxplay/edxplay/modules/hostfile"
)

// Fetch copies a file from the target to the controller.
type Fetch struct{}

// Spec describes fetch's arguments.
func (Fetch) Spec() modspec.Spec {
	return modspec.Spec{
		Name:  "fetch",
		Short: "Fetch files from remote nodes",
		Args: []modspec.Arg{
			{Name: "src", Type: modspec.String, Required: true, Doc: "The file on the target to fetch; must be a file, not a directory."},
			{Name: "dest", Type: modspec.String, Required: true, Doc: "Directory on the controller to save into (dest/HOST/SRC), or the file itself with flat."},
			{Name: "flat", Type: modspec.Bool, Default: false, Doc: "Save to dest itself (dest ending in / receives src's basename) instead of dest/HOST/SRC."},
			{Name: "fail_on_missing", Type: modspec.Bool, Default: true, Doc: "Fail when src is missing or unreadable."},
			{Name: "validate_checksum", Type: modspec.Bool, Default: true, Aliases: []string{"validate_md5"}, Doc: "Verify the fetched file's checksum."},
		},
		Example: "- fetch:\n    src: /tmp/somefile\n    dest: /tmp/fetched\n",
	}
}

// Run fetches src unless the controller copy already has the same checksum.
func (m Fetch) Run(ctx context.Context, call *Call) (*Result, error) {
	return runDescribed(ctx, m, call)
}

// Describe reads nothing: Ansible's fetch does not support check mode,
// so check mode skips it; the apply step fetches.
func (Fetch) Describe(_ context.Context, _ *Call) (*Planned, error) {
	return planned(&Result{Skipped: true, Msg: "check mode not (yet) supported for this module"}, fetchFile), nil
}

// fetchFile copies src to the controller unless the copy there already has
// the same checksum.
func fetchFile(ctx context.Context, call *Call) (*Result, error) {
	a := args(call.Args)
	src := a.str("src")
	fs := hostfile.New(call.Conn, call.Become)
	info, err := fs.Stat(ctx, src, hostfile.StatOptions{Follow: true})
	if err != nil {
		return nil, err
	}
	if res := fetchUnfit(info, src, a.boolean("fail_on_missing")); res != nil {
		return res, nil
	}
	data, err := fs.Read(ctx, src)
	if err != nil {
		return nil, err
	}
	dest, err := fetchDest(call.Host, a, src)
	if err != nil {
		return &Result{Failed: true, Msg: err.Error()}, nil
	}
	remoteSum := sha1Hex(data)
	if local, err := os.ReadFile(dest); err == nil && sha1Hex(local) == remoteSum {
		return &Result{Data: map[string]any{"md5sum": md5Hex(local), "file": src, "dest": dest, "checksum": remoteSum}}, nil
	}
	if err := os.MkdirAll(filepath.Dir(dest), 0o755); err != nil {
		return nil, fmt.Errorf("create fetch directory: %w", err)
	}
	if err := os.WriteFile(dest, data, 0o644); err != nil {
		return &Result{Failed: true, Msg: fmt.Sprintf("Failed to fetch the file: %v", err)}, nil
	}
	written, err := os.ReadFile(dest)
	if err != nil {
		return nil, fmt.Errorf("read fetched file: %w", err)
	}
	out := map[string]any{"md5sum": md5Hex(written), "dest": dest, "remote_md5sum": nil,
		"checksum": sha1Hex(written), "remote_checksum": remoteSum}
	if a.boolean("validate_checksum") && sha1Hex(written) != remoteSum {
		out["file"] = src
		return &Result{Failed: true, Msg: "checksum mismatch", Data: out}, nil
	}
	return &Result{Changed: true, Data: out}, nil
}

// fetchUnfit returns the result for a src that cannot be fetched, or nil.
func fetchUnfit(info hostfile.Info, src string, failOnMissing bool) *Result {
	var msg string
	switch {
	case !info.Exists:
		msg = "the remote file does not exist, not transferring, ignored"
	case info.IsDir():
		msg = "remote file is a directory, fetch cannot work on directories"
		if !failOnMissing {
			msg += ", not transferring, ignored"
		}
	case !info.Readable:
		msg = "file is not readable: " + src
	default:
		return nil
	}
	return &Result{Failed: failOnMissing, Msg: msg, Data: map[string]any{"file": src}}
}

// fetchDest computes the controller path src is saved to.
func fetchDest(host HostContext, a args, src string) (string, error) {
	dest := a.str("dest")
	if a.boolean("flat") {
		if st, err := os.Stat(dest); err == nil && st.IsDir() && !strings.HasSuffix(dest, "/") {
			return "", fmt.Errorf("dest is an existing directory, use a trailing slash if you want to fetch src into that directory")
		}
		if strings.HasSuffix(dest, "/") {
			dest = filepath.Join(dest, filepath.Base(src))
		}
		return filepath.Clean(playbookRelative(host, dest)), nil
	}
	name := hostVar(host, "inventory_hostname")
	return filepath.Clean(playbookRelative(host, dest) + "/" + name + "/" + src), nil
}

// playbookRelative resolves a relative controller path against playbook_dir.
func playbookRelative(host HostContext, p string) string {
	if filepath.IsAbs(p) {
		return p
	}
	if dir := hostVar(host, "playbook_dir"); dir != "" {
		return filepath.Join(dir, p)
	}
	return p
}

// hostVar returns a string variable of the host, or "".
func hostVar(host HostContext, name string) string {
	if host == nil {
		return ""
	}
	v, ok, err := host.Var(name)
	if !ok || err != nil || v == nil {
		return ""
	}
	return fmt.Sprint(v)
}
