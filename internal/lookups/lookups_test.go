package lookups

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/edxplay/edxplay/internal/jinja2"
)

func call(t *testing.T, ctrl Controller, name string, args []jinja2.Value, kw *jinja2.Dict) (jinja2.Value, error) {
	t.Helper()
	if kw == nil {
		kw = jinja2.NewDict()
	}
	return Call(context.Background(), ctrl, name, args, kw)
}

// TestPasswordFile checks that the password lookup creates the file as
// Ansible does (0600, in a new 0700 directory, the password and a
// newline) and returns the stored password afterwards.
func TestPasswordFile(t *testing.T) {
	ctrl := newTestController(t, jinja2.NewDict())
	dir := t.TempDir()
	path := filepath.Join(dir, "creds", "db")
	first, err := call(t, ctrl, "password", []jinja2.Value{jinja2.Str(path + " length=16 chars=ascii_letters")}, nil)
	if err != nil {
		t.Fatal(err)
	}
	pw := first.StrValue()
	if len(pw) != 16 || strings.Trim(pw, asciiLetters) != "" {
		t.Fatalf("password %q: want 16 ascii letters", pw)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(data) != pw+"\n" {
		t.Fatalf("file holds %q, want %q", data, pw+"\n")
	}
	for p, mode := range map[string]os.FileMode{path: 0o600, filepath.Dir(path): 0o700 | os.ModeDir} {
		st, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if st.Mode() != mode {
			t.Errorf("%s: mode %v, want %v", p, st.Mode(), mode)
		}
	}
	again, err := call(t, ctrl, "password", []jinja2.Value{jinja2.Str(path + " length=4")}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if again.StrValue() != pw {
		t.Fatalf("second lookup gave %q, want the stored %q", again.StrValue(), pw)
	}
	if entries, _ := os.ReadDir(filepath.Dir(path)); len(entries) != 1 {
		t.Fatalf("lock file left behind: %v", entries)
	}
}

// TestPasswordRelative checks that a relative path is under the base dir.
func TestPasswordRelative(t *testing.T) {
	ctrl := newTestController(t, jinja2.NewDict())
	ctrl.play = t.TempDir()
	if _, err := call(t, ctrl, "password", []jinja2.Value{jinja2.Str("pw/file seed=s")}, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(ctrl.play, "pw", "file")); err != nil {
		t.Fatal(err)
	}
}

// TestURLRefused checks the url lookup fails clearly without a network
// request, and that errors=ignore applies to it.
func TestURLRefused(t *testing.T) {
	ctrl := newTestController(t, jinja2.NewDict())
	_, err := call(t, ctrl, "url", []jinja2.Value{jinja2.Str("http://127.0.0.1:1/")}, nil)
	if err == nil || !strings.Contains(err.Error(), "no network requests") || !strings.Contains(err.Error(), "http://127.0.0.1:1/") {
		t.Fatalf("url lookup: %v", err)
	}
	kw := jinja2.NewDict()
	kw.SetStr("errors", jinja2.Str("ignore"))
	if v, err := call(t, ctrl, "url", []jinja2.Value{jinja2.Str("http://x/")}, kw); err != nil || !v.IsNone() {
		t.Fatalf("errors=ignore: %v %v", jinja2.Repr(v), err)
	}
}

// TestRandomChoice checks random_choice picks one of its terms.
func TestRandomChoice(t *testing.T) {
	ctrl := newTestController(t, jinja2.NewDict())
	terms := []jinja2.Value{jinja2.Str("a"), jinja2.Str("b"), jinja2.Str("c")}
	seen := map[string]bool{}
	for i := 0; i < 200; i++ {
		v, err := call(t, ctrl, "random_choice", terms, nil)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains("abc", v.StrValue()) || len(v.StrValue()) != 1 || !v.IsUnsafe() {
			t.Fatalf("random_choice gave %s", jinja2.Repr(v))
		}
		seen[v.StrValue()] = true
	}
	if len(seen) != 3 {
		t.Fatalf("200 choices saw only %v", seen)
	}
}

// TestSecretFile checks that a vault-encrypted file's content is secret.
func TestSecretFile(t *testing.T) {
	ctrl := newTestController(t, jinja2.NewDict())
	ctrl.vars.SetStr("ansible_search_path", jinja2.NewList(jinja2.Str(ctrl.play)))
	for _, name := range []string{"file", "unvault"} {
		v, err := call(t, ctrl, name, []jinja2.Value{jinja2.Str("secret.txt")}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if !v.IsSecret() || !strings.HasPrefix(v.StrValue(), "vault secret text") {
			t.Errorf("%s lookup of a vault file: %q secret=%v", name, v.StrValue(), v.IsSecret())
		}
	}
	v, err := call(t, ctrl, "file", []jinja2.Value{jinja2.Str("hello.txt")}, nil)
	if err != nil || v.IsSecret() {
		t.Errorf("plain file: secret=%v err=%v", v.IsSecret(), err)
	}
}

// TestSequenceBounded checks a huge sequence fails instead of exhausting
// memory.
func TestSequenceBounded(t *testing.T) {
	ctrl := newTestController(t, jinja2.NewDict())
	_, err := call(t, ctrl, "sequence", []jinja2.Value{jinja2.Str("count=100000000000")}, nil)
	if err == nil || !strings.Contains(err.Error(), "more than") {
		t.Fatalf("huge sequence: %v", err)
	}
}

// TestPipeCancelled checks a pipe command stops with its context.
func TestPipeCancelled(t *testing.T) {
	ctrl := newTestController(t, jinja2.NewDict())
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Call(ctx, ctrl, "pipe", []jinja2.Value{jinja2.Str("sleep 30")}, jinja2.NewDict()); err == nil {
		t.Fatal("cancelled pipe succeeded")
	}
}

// TestNames checks the registry.
func TestNames(t *testing.T) {
	names := Names()
	for _, want := range []string{"config", "csvfile", "dict", "env", "file", "fileglob", "first_found", "indexed_items",
		"inventory_hostnames", "flattened", "ini", "items", "lines", "list", "nested", "password", "pipe", "random_choice", "sequence", "subelements",
		"template", "together", "unvault", "url", "varnames", "vars"} {
		if !Has(want) || !Has("ansible.builtin."+want) {
			t.Errorf("lookup %s missing", want)
		}
	}
	if len(names) != 26 || Has("nope") {
		t.Errorf("names: %v", names)
	}
}
