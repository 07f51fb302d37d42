package modules_test

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// findTreeFile is one entry of testdata/find/tree.json.
type findTreeFile struct {
	Path, Content, Mode, Link string
}

// buildFindTree creates tree.json's files under root, as regen.sh does.
func buildFindTree(t *testing.T, root string) {
	t.Helper()
	var tree []findTreeFile
	readJSON(t, "testdata/find/tree.json", &tree)
	for _, f := range tree {
		p := filepath.Join(root, f.Path)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if f.Link != "" {
			if err := os.Symlink(f.Link, p); err != nil {
				t.Fatal(err)
			}
			continue
		}
		content := f.Content
		if n, err := strconv.Atoi(strings.Trim(content, "@")); err == nil && strings.HasPrefix(content, "@") {
			content = strings.Repeat("x", n)
		}
		mode, _ := strconv.ParseUint(f.Mode, 8, 32)
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(p, os.FileMode(mode&0o777)|goSpecialBits(mode)); err != nil {
			t.Fatal(err)
		}
	}
}

func goSpecialBits(m uint64) os.FileMode {
	var out os.FileMode
	if m&0o4000 != 0 {
		out |= os.ModeSetuid
	}
	if m&0o2000 != 0 {
		out |= os.ModeSetgid
	}
	return out
}

// normFind turns a result into the golden's shape: root replaced by @R@,
// run-dependent fields dropped, files sorted by path.
func normFind(t *testing.T, v any, root string) any {
	t.Helper()
	data, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var out any
	if err := json.Unmarshal([]byte(strings.ReplaceAll(string(data), root, "@R@")), &out); err != nil {
		t.Fatal(err)
	}
	m := out.(map[string]any)
	if files, ok := m["files"].([]any); ok {
		for _, f := range files {
			for _, k := range []string{"atime", "mtime", "ctime", "inode", "dev"} {
				delete(f.(map[string]any), k)
			}
		}
		sort.Slice(files, func(i, j int) bool {
			return files[i].(map[string]any)["path"].(string) < files[j].(map[string]any)["path"].(string)
		})
	}
	return out
}

// TestFindAgainstAnsible runs each case of testdata/find/cases.json on a
// real sshd test host and compares with ansible-core's recorded result.
func TestFindAgainstAnsible(t *testing.T) {
	conn := hostConn(t)
	var cases []struct {
		Name string
		Args map[string]any
	}
	readJSON(t, "testdata/find/cases.json", &cases)
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			root := filepath.Join(t.TempDir(), "tree")
			buildFindTree(t, root)
			var a map[string]any
			raw, _ := json.Marshal(c.Args)
			if err := json.Unmarshal([]byte(strings.ReplaceAll(string(raw), "@R@", root)), &a); err != nil {
				t.Fatal(err)
			}
			if s, ok := a["paths"].(string); ok {
				a["paths"] = []any{s}
			}
			if d, ok := a["depth"].(float64); ok {
				a["depth"] = int(d) // as the engine converts an int argument
			}
			res := applyModule(t, conn, "find", a, false)
			got := map[string]any{"changed": res.Changed, "failed": res.Failed, "msg": res.Msg}
			for _, k := range []string{"files", "matched", "examined", "skipped_paths"} {
				if v, ok := res.Data[k]; ok {
					got[k] = v
				}
			}
			var want any
			readJSON(t, "testdata/find/"+c.Name+".json", &want)
			if g := normFind(t, got, root); !reflect.DeepEqual(g, want) {
				gj, _ := json.MarshalIndent(g, "", " ")
				t.Fatalf("find %v:\n got %s\nwant %v", c.Args, gj, want)
			}
			if again := applyModule(t, conn, "find", a, true); again.Changed || again.Data["matched"] != res.Data["matched"] {
				t.Fatalf("check mode differs: %+v", again)
			}
		})
	}
}

// TestFindWalkOrder checks that files come in os.walk's order (each
// directory's files, then its directories, then each directory's walk),
// with times as Python's os.lstat reports them, against python3 itself.
func TestFindWalkOrder(t *testing.T) {
	if _, err := exec.LookPath("python3"); err != nil {
		t.Skip("python3 is the oracle of os.walk's order")
	}
	conn := hostConn(t)
	root := filepath.Join(t.TempDir(), "tree")
	buildFindTree(t, root)
	res := applyModule(t, conn, "find", map[string]any{"paths": []any{root}, "recurse": true, "hidden": true, "file_type": "any"}, false)
	var got []string
	for _, f := range res.Data["files"].([]any) {
		m := f.(map[string]any)
		got = append(got, m["path"].(string)+" "+strconv.FormatFloat(m["mtime"].(float64), 'f', -1, 64))
	}
	script := `import os, sys
for r, ds, fs in os.walk(sys.argv[1]):
    for n in fs + ds:
        p = os.path.normpath(os.path.join(r, n))
        print(p, repr(os.lstat(p).st_mtime))`
	out, err := exec.Command("python3", "-c", script, root).Output()
	if err != nil {
		t.Fatal(err)
	}
	if want := strings.Split(strings.TrimSpace(string(out)), "\n"); !reflect.DeepEqual(got, want) {
		t.Fatalf("walk order:\n got %q\nwant %q", got, want)
	}
}
