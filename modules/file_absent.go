package modules

import (
	"context"
	"fmt"
	"path"
	"strings"

	"github.com/edxplay/edxplay/modules/hostfile"
)

// pathContent is what Ansible's file lists in the diff before removing a
// directory: every directory (symlinks to directories included) and file
// below it, in os.walk's order (each directory's entries, then its
// subdirectories', in directory order).
func (op *fileOp) pathContent(ctx context.Context) (map[string]any, error) {
	out, err := op.fs.Exec(ctx, "find "+hostfile.Quote(op.path)+` -mindepth 1 \( -xtype d -printf 'd\t%p\0' \) -o -printf 'f\t%p\0'`)
	if err != nil {
		return nil, fmt.Errorf("list %s: %w", op.path, err)
	}
	type entry struct {
		dir  bool
		path string
	}
	children := map[string][]entry{}
	for _, rec := range strings.Split(out, "\x00") {
		kind, p, ok := strings.Cut(rec, "\t")
		if !ok {
			continue
		}
		children[path.Dir(p)] = append(children[path.Dir(p)], entry{kind == "d", p})
	}
	dirs, files := []any{}, []any{}
	var walk func(dir string)
	walk = func(dir string) {
		var subs []string
		for _, e := range children[dir] {
			if e.dir {
				dirs, subs = append(dirs, e.path), append(subs, e.path)
			} else {
				files = append(files, e.path)
			}
		}
		for _, s := range subs {
			walk(s)
		}
	}
	walk(path.Clean(op.path))
	return map[string]any{"directories": dirs, "files": files}, nil
}
