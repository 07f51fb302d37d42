package vaulttool

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/edxplay/edxplay/internal/vault"
)

// editorScript writes an $EDITOR that appends text to the file it is given
// and records the file's path and mode, and its directory's mode, in log.
func editorScript(t *testing.T, h *harness, text string) string {
	t.Helper()
	script := h.path("editor.sh")
	body := "#!/bin/sh\nstat -c '%n %a' \"$1\" \"$(dirname \"$1\")\" > " + h.path("editor.log") + "\n"
	if text != "" {
		body += "printf '" + text + "' >> \"$1\"\n"
	}
	writeTestFile(t, script, body, 0o700)
	return script
}

func TestEdit(t *testing.T) {
	tests := []struct {
		name     string
		vaultID  string
		appended string
		wantBody string
	}{
		{"changed 1.2 keeps vault id", "dev", "b: 2\\n", "a: 1\nb: 2\n"},
		{"changed 1.1 stays 1.1", "", "b: 2\\n", "a: 1\nb: 2\n"},
		{"unchanged is not rewritten", "dev", "", "a: 1\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, "", "", nil)
			h.tool.Getenv = func(k string) string {
				if k == "EDITOR" {
					return editorScript(t, h, tt.appended)
				}
				return ""
			}
			f := h.path("secrets.yml")
			enc, err := vault.Encrypt([]byte("a: 1\n"), []byte("secret-1"), tt.vaultID)
			if err != nil {
				t.Fatal(err)
			}
			writeTestFile(t, f, string(enc), 0o640)
			o := SecretOptions{VaultIDs: []string{"other@" + h.path("pw2"), "mine@" + h.path("pw")}}
			if err := h.tool.Edit(context.Background(), o, []string{f}); err != nil {
				t.Fatal(err)
			}
			got := readTestFile(t, f)
			if decryptWith(t, got, "secret-1") != tt.wantBody {
				t.Errorf("edited plaintext = %q, want %q", decryptWith(t, got, "secret-1"), tt.wantBody)
			}
			env, _ := vault.ParseEnvelope([]byte(got))
			wantID := tt.vaultID
			if wantID == "" {
				wantID = vault.DefaultID
			}
			if env.VaultID != wantID {
				t.Errorf("vault id = %q, want %q", env.VaultID, wantID)
			}
			if tt.appended == "" && got != string(enc) {
				t.Error("unchanged file was rewritten")
			}
			if m := fileMode(t, f); m != 0o640 {
				t.Errorf("mode = %o, want 640", m)
			}
			assertPrivateTemp(t, h, ".yml")
		})
	}
}

// assertPrivateTemp checks from the editor's log that the plaintext was in
// a 0600 file with the original extension in a 0700 directory, and that
// both are gone.
func assertPrivateTemp(t *testing.T, h *harness, ext string) {
	t.Helper()
	fields := strings.Fields(readTestFile(t, h.path("editor.log")))
	if len(fields) != 4 {
		t.Fatalf("editor log = %q", fields)
	}
	if !strings.HasSuffix(fields[0], ext) || fields[1] != "600" || fields[3] != "700" {
		t.Errorf("temp file %s mode %s in dir mode %s, want *%s 600 in 700", fields[0], fields[1], fields[3], ext)
	}
	for _, p := range []string{fields[0], fields[2]} {
		if _, err := os.Stat(p); !os.IsNotExist(err) {
			t.Errorf("%s still exists after edit", p)
		}
	}
}

func TestCreate(t *testing.T) {
	h := newHarness(t, "", "", nil)
	h.tool.Getenv = func(k string) string {
		if k == "EDITOR" {
			return editorScript(t, h, "new: value\\n")
		}
		return ""
	}
	f := h.path("sub/dir/new.yaml")
	o := SecretOptions{VaultIDs: []string{"prod@" + h.path("pw")}}
	if err := h.tool.Create(context.Background(), o, []string{f}); err != nil {
		t.Fatal(err)
	}
	got := readTestFile(t, f)
	if !strings.HasPrefix(got, "$ANSIBLE_VAULT;1.2;AES256;prod\n") || decryptWith(t, got, "secret-1") != "new: value\n" {
		t.Errorf("created file = %q", got)
	}
	if m := fileMode(t, f); m != 0o600 {
		t.Errorf("mode = %o, want 600", m)
	}
	if !strings.Contains(h.stderr.String(), "[WARNING]: "+h.path("sub/dir")+" does not exist, creating...") {
		t.Errorf("stderr = %q", h.stderr)
	}
	assertPrivateTemp(t, h, ".yaml")
	err := h.tool.Create(context.Background(), o, []string{f})
	if err == nil || err.Error() != f+" exists, please use 'edit' instead" {
		t.Errorf("second create err = %v", err)
	}
}

func TestEditorNotFound(t *testing.T) {
	h := newHarness(t, "", "", map[string]string{"EDITOR": "/nonexistent/editor --flag"})
	f := h.path("v")
	enc, err := vault.Encrypt([]byte("a"), []byte("secret-1"), "")
	if err != nil {
		t.Fatal(err)
	}
	writeTestFile(t, f, string(enc), 0o600)
	err = h.tool.Edit(context.Background(), SecretOptions{PasswordFiles: []string{h.path("pw")}}, []string{f})
	if err == nil || !strings.Contains(err.Error(), `unable to execute the command "/nonexistent/editor --flag `) {
		t.Errorf("err = %v", err)
	}
}
