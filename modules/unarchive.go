package modules

import (
	"context"
	"fmt"
	"os"
	"path"
	"strings"

	"github.com/edxplay/edxplay/internal/connection"
	"github.com/edxplay/edxplay/internal/modspec"
	"github.com/edxplay/edxplay/modules/hostfile"
)

// Unarchive unpacks tar (optionally compressed) and zip archives on the target.
type Unarchive struct{}

// Spec describes unarchive's arguments.
func (Unarchive) Spec() modspec.Spec {
	return modspec.Spec{
		Name:  "unarchive",
		Short: "Unpacks an archive after (optionally) copying it from the local machine",
		Args: append([]modspec.Arg{
			{Name: "src", Type: modspec.Path, Required: true, Doc: "Archive on the controller (looked up in files/), or on the target with remote_src."},
			{Name: "dest", Type: modspec.Path, Required: true, Doc: "Existing directory to unpack into."},
			{Name: "remote_src", Type: modspec.Bool, Default: false, Doc: "src is already on the target."},
			{Name: "creates", Type: modspec.Path, Doc: "Skip when this path exists."},
			{Name: "extra_opts", Type: modspec.List, Default: []any{}, Doc: "Extra options for tar or unzip."},
			{Name: "list_files", Type: modspec.Bool, Default: false, Doc: "Return the archive's file list."},
			{Name: "exclude", Type: modspec.List, Default: []any{}, Doc: "Archive members not to extract."},
			{Name: "keep_newer", Type: modspec.Bool, Default: false, Doc: "Do not replace files newer than the archive's."},
		}, fileAttrArgs()...),
		Example: "- unarchive:\n    src: app.tgz\n    dest: /opt/app\n    owner: app\n",
	}
}

// archive is an archive on the target and the tool that handles it.
type archive struct {
	fs      *hostfile.FS
	path    string
	dest    string
	zip     bool
	extra   string
	exclude []string
}

// Run unpacks the archive when its content differs from dest.
func (u Unarchive) Run(ctx context.Context, call *Call) (*Result, error) {
	return runDescribed(ctx, u, call)
}

// Describe stages the archive on the target (a scratch file the
// description holds until released), compares it with dest and describes
// the change: unpacking when the content differs, then owner, group and
// mode of the members.
func (Unarchive) Describe(ctx context.Context, call *Call) (*Planned, error) {
	a := args(call.Args)
	fs := hostfile.New(call.Conn, call.Become)
	src, dest := a.str("src"), a.str("dest")
	data := map[string]any{"src": src, "dest": dest}
	if c := a.str("creates"); c != "" {
		if info, err := fs.Stat(ctx, c, hostfile.StatOptions{}); err == nil && info.Exists {
			data["stdout"] = "skipped, since " + c + " exists"
			return reported(&Result{Msg: data["stdout"].(string), Data: data}), nil
		}
	}
	if d, err := fs.Stat(ctx, dest, hostfile.StatOptions{Follow: true}); err != nil || !d.IsDir() {
		return reported(&Result{Failed: true, Msg: fmt.Sprintf("dest '%s' must be an existing dir", dest), Data: data}), err
	}
	arc, cleanup, err := stageArchive(ctx, call, fs, a)
	if err != nil {
		return reported(&Result{Failed: true, Msg: err.Error(), Data: data}), nil
	}
	p, err := describeUnpack(ctx, call, fs, arc, data)
	if err != nil {
		cleanup()
		return nil, err
	}
	p.release = cleanup
	return p, nil
}

// describeUnpack describes unpacking the staged arc into dest.
func describeUnpack(ctx context.Context, call *Call, fs *hostfile.FS, arc *archive, data map[string]any) (*Planned, error) {
	a := args(call.Args)
	src, dest := a.str("src"), a.str("dest")
	arc.dest = dest
	files, err := arc.list(ctx)
	if err != nil {
		return reported(&Result{Failed: true, Msg: fmt.Sprintf("Failed to find handler for \"%s\". Make sure the required command to extract the file is installed.\n%v", src, err), Data: data}), nil
	}
	data["handler"] = map[bool]string{true: "ZipArchive", false: "TgzArchive"}[arc.zip]
	if a.boolean("list_files") {
		data["files"] = stringsToAny(files)
	}
	differs, err := arc.differs(ctx, files)
	if err != nil {
		return nil, err
	}
	out := &Result{Changed: differs, Data: data}
	if differs && call.Diff {
		out.Diffs = []modspec.Diff{{BeforeHeader: dest, AfterHeader: dest, Before: "archive content: absent or different\n", After: "archive content: unpacked (" + fmt.Sprint(len(files)) + " entries)\n"}}
	}
	// the members' attributes as they are now; after unpacking they are
	// read again, since unpacking makes and replaces them
	changed, err := applyTreeAttrs(ctx, fs, a, dest, files, true)
	if err != nil {
		return reported(&Result{Failed: true, Msg: err.Error(), Data: data}), nil
	}
	out.Changed = out.Changed || changed
	if !out.Changed {
		return reported(out), nil
	}
	return planned(out, func(ctx context.Context, call *Call) (*Result, error) {
		if differs {
			if err := arc.extract(ctx, a.boolean("keep_newer")); err != nil {
				return &Result{Failed: true, Msg: err.Error(), Data: data}, nil
			}
		}
		changed, err := applyTreeAttrs(ctx, fs, a, dest, files, false)
		if err != nil {
			return &Result{Failed: true, Msg: err.Error(), Data: data}, nil
		}
		made := reportedTo(out, call)
		made.Changed = differs || changed
		return made, nil
	}), nil
}

// stageArchive puts a controller archive into a temporary file on the
// target (or uses the remote one) and detects its format.
func stageArchive(ctx context.Context, call *Call, fs *hostfile.FS, a args) (*archive, func(), error) {
	arc := &archive{fs: fs, path: a.str("src"), extra: joinArgs(a.list("extra_opts"))}
	for _, e := range a.list("exclude") {
		arc.exclude = append(arc.exclude, fmt.Sprint(e))
	}
	cleanup := func() {}
	if !a.boolean("remote_src") {
		local, err := findLocal(call.Host, "files", arc.path)
		if err != nil {
			return nil, cleanup, fmt.Errorf("Could not find or access '%s' on the Ansible Controller.", arc.path)
		}
		content, err := os.ReadFile(local)
		if err != nil {
			return nil, cleanup, fmt.Errorf("read archive: %w", err)
		}
		tmp, err := fs.Exec(ctx, "mktemp")
		if err != nil {
			return nil, cleanup, fmt.Errorf("create temporary file: %w", err)
		}
		arc.path = strings.TrimSpace(tmp)
		cleanup = func() { _, _ = fs.Run(context.WithoutCancel(ctx), "rm -f "+hostfile.Quote(arc.path)) }
		if err := call.Conn.WriteFile(ctx, arc.path, content, connection.FileAttrs{Mode: 0o600, Become: call.Become}); err != nil {
			cleanup()
			return nil, func() {}, err
		}
	}
	magic, err := fs.Exec(ctx, "head -c 4 "+hostfile.Quote(arc.path)+" | od -An -tx1 | tr -d ' \\n'")
	if err != nil {
		cleanup()
		return nil, func() {}, fmt.Errorf("Source '%s' does not exist", a.str("src"))
	}
	arc.zip = strings.HasPrefix(magic, "504b0304") || strings.HasPrefix(magic, "504b0506")
	return arc, cleanup, nil
}

func joinArgs(list []any) string {
	parts := make([]string, len(list))
	for i, v := range list {
		parts[i] = hostfile.Quote(fmt.Sprint(v))
	}
	return strings.Join(parts, " ")
}

// list returns the archive's member names.
func (arc *archive) list(ctx context.Context) ([]string, error) {
	cmd := "tar -tf " + hostfile.Quote(arc.path)
	if arc.zip {
		cmd = "unzip -Z1 " + hostfile.Quote(arc.path)
	}
	out, err := arc.fs.Exec(ctx, cmd)
	if err != nil {
		return nil, err
	}
	var files []string
	for _, f := range strings.Split(strings.TrimSpace(out), "\n") {
		if f != "" && !arc.excluded(f) {
			files = append(files, f)
		}
	}
	return files, nil
}

func (arc *archive) excluded(name string) bool {
	for _, e := range arc.exclude {
		if ok, _ := path.Match(e, strings.TrimSuffix(name, "/")); ok {
			return true
		}
	}
	return false
}

// differs reports whether extracting would change dest: tar --diff for
// tar archives, a per-member byte comparison for zip archives.
func (arc *archive) differs(ctx context.Context, files []string) (bool, error) {
	q, d := hostfile.Quote(arc.path), hostfile.Quote(arc.dest)
	cmd := "tar -C " + d + " -d -f " + q + " " + arc.excludeFlags() + " >/dev/null 2>&1"
	if arc.zip {
		var b strings.Builder
		for _, f := range files {
			qf := hostfile.Quote(f)
			if strings.HasSuffix(f, "/") {
				fmt.Fprintf(&b, "[ -d %s/%s ] || exit 1\n", d, qf)
				continue
			}
			fmt.Fprintf(&b, "unzip -p %s %s | cmp -s - %s/%s || exit 1\n", q, qf, d, qf)
		}
		cmd = b.String()
	}
	res, err := arc.fs.Run(ctx, cmd)
	if err != nil {
		return false, err
	}
	return res.RC != 0, nil
}

func (arc *archive) excludeFlags() string {
	var f []string
	for _, e := range arc.exclude {
		f = append(f, "--exclude="+hostfile.Quote(e))
	}
	return strings.Join(f, " ")
}

// extract unpacks into dest.
func (arc *archive) extract(ctx context.Context, keepNewer bool) error {
	q, d := hostfile.Quote(arc.path), hostfile.Quote(arc.dest)
	cmd := "tar -C " + d + " -xf " + q + " " + arc.excludeFlags() + " " + arc.extra
	if keepNewer {
		cmd += " --keep-newer-files"
	}
	if arc.zip {
		flag := "-o"
		if keepNewer {
			flag = "-u"
		}
		cmd = "unzip -q " + flag + " " + arc.extra + " " + q + " -d " + d
		for _, e := range arc.exclude {
			cmd += " -x " + hostfile.Quote(e)
		}
	}
	if _, err := arc.fs.Exec(ctx, cmd); err != nil {
		return fmt.Errorf("failed to unpack %s into %s: %w", arc.path, arc.dest, err)
	}
	return nil
}

// applyTreeAttrs gives the extracted members (and dest) owner, group and mode.
func applyTreeAttrs(ctx context.Context, fs *hostfile.FS, a args, dest string, files []string, check bool) (bool, error) {
	want := a.attrs()
	if want == (hostfile.Attrs{}) {
		return false, nil
	}
	changed := false
	for _, p := range append([]string{""}, files...) {
		full := path.Join(dest, p)
		info, err := fs.Stat(ctx, full, hostfile.StatOptions{})
		if err != nil || !info.Exists {
			continue
		}
		change, err := fs.SetAttrs(ctx, info, want, check)
		if err != nil {
			return changed, err
		}
		changed = changed || change.Changed()
	}
	return changed, nil
}
