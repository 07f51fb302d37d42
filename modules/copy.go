package modules

import (
	"context"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/edxplay/edxplay/internal/modspec"
	"github.com/edxplay/edxplay/internal/pyvalue"
	"github.com/edxplay/edxplay/modules/hostfile"
)

// Copy copies files from the controller (or, with remote_src, from the
// target itself) to the target.
type Copy struct{}

// Spec describes copy's arguments.
func (Copy) Spec() modspec.Spec {
	return modspec.Spec{
		Name:  "copy",
		Short: "Copy files to remote locations",
		Args: append([]modspec.Arg{
			{Name: "src", Type: modspec.Path, Doc: "Source file or directory; relative paths are looked up in files/. A directory ending in / copies its contents."},
			{Name: "content", Type: modspec.Raw, NoLog: true, Doc: "Literal content to write instead of src."},
			{Name: "dest", Type: modspec.Path, Required: true, Doc: "Destination path; an existing directory (or a path ending in /) receives src's basename."},
			{Name: "backup", Type: modspec.Bool, Default: false, Doc: "Keep a timestamped backup of a replaced file."},
			{Name: "force", Type: modspec.Bool, Default: true, Aliases: []string{"thirsty"}, Doc: "Replace files whose content differs; false only creates missing files."},
			{Name: "remote_src", Type: modspec.Bool, Default: false, Doc: "src is on the target."},
			{Name: "follow", Type: modspec.Bool, Default: false, Doc: "Follow a symlink at dest."},
			{Name: "local_follow", Type: modspec.Bool, Default: true, Doc: "Follow symlinks in a local src."},
			{Name: "directory_mode", Type: modspec.Mode, Doc: "Mode of directories created when copying a tree."},
			{Name: "validate", Type: modspec.String, Doc: "Command validating the new file (%s is its path) before it is put in place."},
		}, fileAttrArgs()...),
		MutuallyExclusive: [][]string{{"src", "content"}},
		RequiredOneOf:     [][]string{{"src", "content"}},
		Example:           "- copy:\n    src: motd\n    dest: /etc/motd\n    mode: \"0644\"\n",
	}
}

// Run copies content, a file or a tree.
func (c Copy) Run(ctx context.Context, call *Call) (*Result, error) {
	return runDescribed(ctx, c, call)
}

// Describe reads the destination and describes the copy, changing nothing.
func (Copy) Describe(ctx context.Context, call *Call) (*Planned, error) {
	a := args(call.Args)
	fs := hostfile.New(call.Conn, call.Become)
	dest := a.str("dest")
	if a.has("content") {
		if strings.HasSuffix(dest, "/") {
			return reported(&Result{Failed: true, Msg: "can not use content with a dir as dest"}), nil
		}
		data, err := contentBytes(a["content"])
		if err != nil {
			return nil, err
		}
		return describePut(ctx, call, fs, copyRequest(a, dest, data, "dynamically generated"))
	}
	src := a.str("src")
	if a.boolean("remote_src") {
		return describeRemote(ctx, call, fs, src, dest)
	}
	local, err := findLocal(call.Host, "files", src)
	if err != nil {
		return reported(&Result{Failed: true, Msg: fmt.Sprintf("Could not find or access '%s' on the Ansible Controller.", src)}), nil
	}
	st, err := os.Stat(local)
	if err != nil {
		return nil, fmt.Errorf("stat source: %w", err)
	}
	if st.IsDir() {
		return describeTree(ctx, call, fs, localTree{root: local}, src, dest)
	}
	return describeOne(ctx, call, fs, src, dest, local, func() ([]byte, error) { return os.ReadFile(local) })
}

// copyRequest builds a put of data to dest with copy's arguments.
func copyRequest(a args, dest string, data []byte, label string) putRequest {
	return putRequest{
		dest: dest, data: data, srcLabel: label, attrs: a.attrs(),
		force: a.boolean("force"), backup: a.boolean("backup"),
		follow: a.boolean("follow"), validate: a.str("validate"),
	}
}

// describeOne describes copying a single file, appending src's basename
// to a directory dest.
func describeOne(ctx context.Context, call *Call, fs *hostfile.FS, src, dest, label string, load func() ([]byte, error)) (*Planned, error) {
	dir := ""
	if strings.HasSuffix(dest, "/") {
		dir = dest
	}
	dest, seen, err := resolveDest(ctx, fs, src, dest)
	if err != nil {
		return nil, err
	}
	data, err := load()
	if err != nil {
		return nil, fmt.Errorf("read source: %w", err)
	}
	req := copyRequest(args(call.Args), dest, data, label)
	req.seen = seen
	put, err := describePut(ctx, call, fs, req)
	if err != nil || dir == "" || put.Result.Failed {
		return put, err
	}
	// a missing trailing-slash directory is created first, as Ansible does
	mkdir := func(ctx context.Context, call *Call) (*Result, error) {
		_, err := fs.MkdirAll(ctx, dir, 0, "", "")
		return &Result{}, err
	}
	return planned(put.Result, sequence(mkdir, put.applyTo)), nil
}

// resolveDest appends src's basename when dest is a directory or ends
// with /.
//
// It also returns what it learnt of dest when that can stand for describePut's
// own stat (a plain file or nothing, checksummed), saving a round trip.
func resolveDest(ctx context.Context, fs *hostfile.FS, src, dest string) (string, *hostfile.Info, error) {
	base := path.Base(strings.TrimSuffix(src, "/"))
	if strings.HasSuffix(dest, "/") {
		return path.Join(dest, base), nil, nil
	}
	info, err := fs.Stat(ctx, dest, hostfile.StatOptions{Checksum: "sha1"})
	if err != nil {
		return "", nil, err
	}
	if info.IsLink() {
		// follow the link to decide; describePut stats again with its own follow rule
		if info, err = fs.Stat(ctx, dest, hostfile.StatOptions{Follow: true}); err != nil {
			return "", nil, err
		}
		if info.IsDir() {
			return path.Join(dest, base), nil, nil
		}
		return dest, nil, nil
	}
	if info.IsDir() {
		return path.Join(dest, base), nil, nil
	}
	return dest, &info, nil
}

// contentBytes renders copy's content: strings as is, other values as JSON.
func contentBytes(v any) ([]byte, error) {
	if s, ok := v.(string); ok {
		return []byte(s), nil
	}
	data, err := pyvalue.Dumps(v) // the copy action plugin's json.dumps
	if err != nil {
		return nil, fmt.Errorf("encode content: %w", err)
	}
	return []byte(data), nil
}

// findLocal resolves a controller-side source: absolute paths as is,
// relative ones through the role and playbook search paths.
func findLocal(host HostContext, kind, src string) (string, error) {
	if filepath.IsAbs(src) {
		if _, err := os.Stat(src); err != nil {
			return "", err
		}
		return src, nil
	}
	if host == nil {
		return "", fmt.Errorf("no search path for %s", src)
	}
	trailing := strings.HasSuffix(src, "/")
	found, err := host.FindFile(kind, src)
	if err != nil {
		return "", err
	}
	if trailing && !strings.HasSuffix(found, "/") {
		found += "/"
	}
	return found, nil
}
