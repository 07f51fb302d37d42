package vault

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// decodeAfterDecrypt parses src, runs DecryptNode and decodes the result.
func decodeAfterDecrypt(t *testing.T, src []byte, s Secrets) (map[string]any, error) {
	t.Helper()
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		t.Fatal(err)
	}
	if err := DecryptNode(&doc, s); err != nil {
		return nil, err
	}
	var out map[string]any
	if err := doc.Decode(&out); err != nil {
		t.Fatal(err)
	}
	return out, nil
}

func TestDecryptNodeAnsibleStrings(t *testing.T) {
	def, dev := testSecrets(t)
	s := NewSecrets(def, dev)
	got, err := decodeAfterDecrypt(t, readFile(t, "testdata/ansible-strings.yml"), s)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]any{
		"plain_var":   "not secret",
		"db_password": "s3cr3t-Pa$$word",
		"dev_token":   "dev-token-42",
		"multi_line":  "line one\nline two\n",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("decoded = %#v, want %#v", got, want)
	}
	r := s.Redactor()
	line := `db pass s3cr3t-Pa$$word, token "dev-token-42", not secret, {"v": "line one\nline two\n"}`
	wantLine := `db pass ********, token "********", not secret, {"v": "********"}`
	if red := r.Redact(line); red != wantLine {
		t.Errorf("Redact = %q, want %q", red, wantLine)
	}
}

func TestDecryptNodeShapes(t *testing.T) {
	def, _ := testSecrets(t)
	s := NewSecrets(def)
	enc := func(plain string) string {
		out, err := Encrypt([]byte(plain), def.Password, "")
		if err != nil {
			t.Fatal(err)
		}
		return "!vault |\n" + indent(string(out), "    ")
	}
	tests := []struct {
		name string
		src  string
		want map[string]any
	}{
		{"looks like a bool stays a string", "flag: " + enc("true"), map[string]any{"flag": "true"}},
		{"looks like a number stays a string", "n: " + enc("42"), map[string]any{"n": "42"}},
		{"in a list", "l:\n  - " + enc("a") + "  - plain\n", map[string]any{"l": []any{"a", "plain"}}},
		{"nested map", "m:\n  k: " + enc("v"), map[string]any{"m": map[string]any{"k": "v"}}},
		{"anchored and aliased", "a: &x " + enc("secret") + "b: *x\n", map[string]any{"a": "secret", "b": "secret"}},
		{"vault-encrypted tag", "k: " + strings.Replace(enc("v"), "!vault", "!vault-encrypted", 1), map[string]any{"k": "v"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := decodeAfterDecrypt(t, []byte(tt.src), s)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("decoded = %#v, want %#v", got, tt.want)
			}
		})
	}
}

func indent(s, prefix string) string {
	var b strings.Builder
	for _, l := range strings.SplitAfter(s, "\n") {
		if l != "" {
			b.WriteString(prefix + l)
		}
	}
	return b.String()
}

func TestDecryptNodeErrors(t *testing.T) {
	def, dev := testSecrets(t)
	strings11 := readFile(t, "testdata/ansible-strings.yml")
	tests := []struct {
		name    string
		src     []byte
		secrets Secrets
		wantErr string
		wantIs  error
	}{
		{"wrong password names the line", strings11, NewSecrets(dev), "line 3:", ErrNoMatchingSecret},
		{"not vault data", []byte("k: !vault |\n  hello\n"), NewSecrets(def), "line 1:", ErrNotEncrypted},
		{"tag on a mapping", []byte("k: !vault\n  a: b\n"), NewSecrets(def), "applies only to scalar", nil},
		{"no secrets", strings11, Secrets{}, "line 3:", ErrNoSecrets},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := decodeAfterDecrypt(t, tt.src, tt.secrets)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("err = %v, want it to contain %q", err, tt.wantErr)
			}
			if tt.wantIs != nil && !errors.Is(err, tt.wantIs) {
				t.Errorf("err = %v, want errors.Is %v", err, tt.wantIs)
			}
		})
	}
}

func TestDecryptFile(t *testing.T) {
	def, dev := testSecrets(t)
	plain := readFile(t, "testdata/plain.yml")
	tests := []struct {
		name    string
		data    []byte
		secrets Secrets
		want    []byte
		wantErr error
	}{
		{"vaulted 1.1", readFile(t, "testdata/ansible-1.1.vault"), NewSecrets(def), plain, nil},
		{"vaulted 1.2", readFile(t, "testdata/ansible-1.2-dev.vault"), NewSecrets(def, dev), plain, nil},
		{"plain passes through", plain, Secrets{}, plain, nil},
		{"wrong password", readFile(t, "testdata/ansible-1.1.vault"), NewSecrets(dev), nil, ErrNoMatchingSecret},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := DecryptFile(tt.data, tt.secrets)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			if !bytes.Equal(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
	if tt := NewSecrets(def); tt.Redactor().Len() != 0 {
		t.Error("fresh secrets have redacted values")
	}
}
