package modules

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/edxplay/edxplay/modules/hostfile"
)

// treeEntry is one path inside a source tree, relative to its root.
type treeEntry struct {
	rel string
	dir bool
}

// sourceTree is a directory copied recursively.
type sourceTree interface {
	list(ctx context.Context) ([]treeEntry, error)
	load(ctx context.Context, rel string) ([]byte, error)
	label(rel string) string
}

// localTree is a directory on the controller.
type localTree struct{ root string }

func (t localTree) list(ctx context.Context) ([]treeEntry, error) {
	var out []treeEntry
	err := filepath.WalkDir(t.root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || p == t.root {
			return err
		}
		rel, _ := filepath.Rel(t.root, p)
		isDir := d.IsDir()
		if d.Type()&fs.ModeSymlink != 0 {
			st, err := os.Stat(p)
			if err != nil {
				return err
			}
			isDir = st.IsDir()
		}
		out = append(out, treeEntry{rel: filepath.ToSlash(rel), dir: isDir})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("list %s: %w", t.root, err)
	}
	return out, nil
}

func (t localTree) load(ctx context.Context, rel string) ([]byte, error) {
	return os.ReadFile(filepath.Join(t.root, filepath.FromSlash(rel)))
}

func (t localTree) label(rel string) string { return filepath.Join(t.root, rel) }

// remoteTree is a directory on the target (remote_src).
type remoteTree struct {
	fs   *hostfile.FS
	root string
}

func (t remoteTree) list(ctx context.Context) ([]treeEntry, error) {
	cmd := fmt.Sprintf(`find -L %s -mindepth 1 \( -type d -printf 'd %%P\n' \) -o \( -type f -printf 'f %%P\n' \)`, hostfile.Quote(t.root))
	out, err := t.fs.Exec(ctx, cmd)
	if err != nil {
		return nil, fmt.Errorf("list %s: %w", t.root, err)
	}
	var entries []treeEntry
	for _, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		if kind, rel, ok := strings.Cut(line, " "); ok {
			entries = append(entries, treeEntry{rel: rel, dir: kind == "d"})
		}
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].rel < entries[j].rel })
	return entries, nil
}

func (t remoteTree) load(ctx context.Context, rel string) ([]byte, error) {
	return t.fs.Read(ctx, path.Join(t.root, rel))
}

func (t remoteTree) label(rel string) string { return path.Join(t.root, rel) }

// describeTree describes copying a directory: "dir/" copies its contents
// into dest, "dir" copies the directory itself into dest.
func describeTree(ctx context.Context, call *Call, fs *hostfile.FS, t sourceTree, src, dest string) (*Planned, error) {
	a := args(call.Args)
	root := dest
	if !strings.HasSuffix(src, "/") {
		root = path.Join(dest, path.Base(src))
	}
	entries, err := t.list(ctx)
	if err != nil {
		return nil, err
	}
	tree := &treeCopy{res: &Result{Data: map[string]any{"dest": dest, "src": src}}}
	if err := tree.dir(ctx, call, fs, root); err != nil {
		return nil, err
	}
	for _, e := range entries {
		target := path.Join(root, e.rel)
		if e.dir {
			if err := tree.dir(ctx, call, fs, target); err != nil {
				return nil, err
			}
			continue
		}
		data, err := t.load(ctx, e.rel)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", t.label(e.rel), err)
		}
		req := copyRequest(a, target, data, t.label(e.rel))
		req.parentKnown = true
		one, err := describePut(ctx, call, fs, req)
		if err != nil || one.Result.Failed {
			return one, err
		}
		tree.add(one)
	}
	return planned(tree.res, tree.apply), nil
}

// treeCopy is a described tree copy: its check-mode result and the
// directories and files to make, in order.
type treeCopy struct {
	res   *Result
	steps []*Planned
}

// add records a described file or directory.
func (t *treeCopy) add(p *Planned) {
	t.res.Changed = t.res.Changed || p.Result.Changed
	t.res.Diffs = append(t.res.Diffs, p.Result.Diffs...)
	t.steps = append(t.steps, p)
}

// apply makes the tree's directories and files in order and merges their
// results as the description did.
func (t *treeCopy) apply(ctx context.Context, call *Call) (*Result, error) {
	res := &Result{Data: t.res.Data}
	for _, s := range t.steps {
		one, err := s.applyTo(ctx, call)
		if err != nil || one.Failed {
			return one, err
		}
		res.Changed = res.Changed || one.Changed
		res.Diffs = append(res.Diffs, one.Diffs...)
	}
	return res, nil
}

// dir describes a directory of a copied tree: made with directory_mode,
// owner and group when missing.
func (t *treeCopy) dir(ctx context.Context, call *Call, fs *hostfile.FS, dir string) error {
	a := args(call.Args)
	info, err := fs.Stat(ctx, dir, hostfile.StatOptions{Follow: true})
	if err != nil {
		return err
	}
	if info.IsDir() {
		return nil
	}
	if info.Exists {
		return fmt.Errorf("%s exists and is not a directory", dir)
	}
	var mode uint32
	if spec := a.str("directory_mode"); spec != "" {
		if mode, err = hostfile.ResolveMode(spec, hostfile.NewDirMode(info.Umask), true, info.Umask); err != nil {
			return err
		}
	}
	t.add(planned(&Result{Changed: true}, func(ctx context.Context, call *Call) (*Result, error) {
		_, err := fs.MkdirAll(ctx, dir, mode, a.str("owner"), a.str("group"))
		return &Result{Changed: true}, err
	}))
	return nil
}

// describeRemote describes copying a file or tree that is already on the target.
func describeRemote(ctx context.Context, call *Call, fs *hostfile.FS, src, dest string) (*Planned, error) {
	info, err := fs.Stat(ctx, src, hostfile.StatOptions{Follow: true})
	if err != nil {
		return nil, err
	}
	switch {
	case !info.Exists:
		return reported(&Result{Failed: true, Msg: fmt.Sprintf("Source %s not found", src)}), nil
	case info.IsDir():
		return describeTree(ctx, call, fs, remoteTree{fs: fs, root: src}, src, dest)
	}
	return describeOne(ctx, call, fs, src, dest, src, func() ([]byte, error) { return fs.Read(ctx, src) })
}
