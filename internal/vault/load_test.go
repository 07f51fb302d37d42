package vault

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeFile writes content to dir/name with mode and returns the path.
func writeFile(t *testing.T, dir, name, content string, mode os.FileMode) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), mode); err != nil {
		t.Fatal(err)
	}
	return p
}

// noEnv is a Getenv that sees an empty environment.
func noEnv(string) string { return "" }

func TestLoadSources(t *testing.T) {
	dir := t.TempDir()
	plain := writeFile(t, dir, "plain", "  pw-file \n\n", 0o600)
	crlf := writeFile(t, dir, "crlf", "pw-crlf\r\n", 0o600)
	script := writeFile(t, dir, "script.sh", "#!/bin/sh\nprintf 'pw-script\\n'\n", 0o700)
	client := writeFile(t, dir, "pass-client.sh", "#!/bin/sh\n[ \"$1\" = --vault-id ] || exit 1\n[ \"$2\" = known ] || exit 2\necho \"pw-for-$2\"\n", 0o700)
	vaulted, err := Encrypt([]byte("pw-inner\n"), []byte("pw-file"), "")
	if err != nil {
		t.Fatal(err)
	}
	vaultedFile := writeFile(t, dir, "vaulted", string(vaulted), 0o600)
	tests := []struct {
		name string
		opts LoadOptions
		env  map[string]string
		want []Secret
	}{
		{"password file is trimmed", LoadOptions{PasswordFiles: []string{plain}}, nil,
			[]Secret{{DefaultID, []byte("pw-file")}}},
		{"crlf stripped", LoadOptions{PasswordFiles: []string{crlf}}, nil,
			[]Secret{{DefaultID, []byte("pw-crlf")}}},
		{"labelled file", LoadOptions{VaultIDs: []string{"dev@" + plain}}, nil,
			[]Secret{{"dev", []byte("pw-file")}}},
		{"unlabelled vault id", LoadOptions{VaultIDs: []string{plain}}, nil,
			[]Secret{{DefaultID, []byte("pw-file")}}},
		{"executable script", LoadOptions{VaultIDs: []string{"s@" + script}}, nil,
			[]Secret{{"s", []byte("pw-script")}}},
		{"client script gets vault id", LoadOptions{VaultIDs: []string{"known@" + client}}, nil,
			[]Secret{{"known", []byte("pw-for-known")}}},
		{"vaulted password file", LoadOptions{VaultIDs: []string{"a@" + plain, "b@" + vaultedFile}}, nil,
			[]Secret{{"a", []byte("pw-file")}, {"b", []byte("pw-inner")}}},
		{"order: identity list, vault ids, files, env file",
			LoadOptions{VaultIDs: []string{"cli@" + script}, PasswordFiles: []string{crlf}},
			map[string]string{EnvIdentityList: "listed@" + plain + ", other@" + crlf, EnvPasswordFile: script},
			[]Secret{{"listed", []byte("pw-file")}, {"other", []byte("pw-crlf")}, {"cli", []byte("pw-script")},
				{DefaultID, []byte("pw-crlf")}, {DefaultID, []byte("pw-script")}}},
		{"identity list ignored", LoadOptions{IgnoreIdentityList: true, PasswordFiles: []string{crlf}},
			map[string]string{EnvIdentityList: "listed@" + plain},
			[]Secret{{DefaultID, []byte("pw-crlf")}}},
		{"missing file skipped when another works", LoadOptions{PasswordFiles: []string{filepath.Join(dir, "nope"), plain}}, nil,
			[]Secret{{DefaultID, []byte("pw-file")}}},
		{"nothing given, no prompt", LoadOptions{}, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.opts.Getenv = func(k string) string { return tt.env[k] }
			got, err := Load(context.Background(), tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			assertSecrets(t, got, tt.want)
		})
	}
}

func assertSecrets(t *testing.T, got Secrets, want []Secret) {
	t.Helper()
	list := got.List()
	if len(list) != len(want) {
		t.Fatalf("got %d secrets %v, want %d", len(list), got.IDs(), len(want))
	}
	for i := range want {
		if list[i].ID != want[i].ID || !bytes.Equal(list[i].Password, want[i].Password) {
			t.Errorf("secret %d = %s:%q, want %s:%q", i, list[i].ID, list[i].Password, want[i].ID, want[i].Password)
		}
	}
}

func TestLoadErrors(t *testing.T) {
	dir := t.TempDir()
	empty := writeFile(t, dir, "empty", " \n", 0o600)
	failing := writeFile(t, dir, "fail.sh", "#!/bin/sh\necho oops >&2\nexit 3\n", 0o700)
	client := writeFile(t, dir, "x-client", "#!/bin/sh\necho unknown id >&2\nexit 2\n", 0o700)
	tests := []struct {
		name    string
		opts    LoadOptions
		wantErr string
	}{
		{"missing file", LoadOptions{PasswordFiles: []string{filepath.Join(dir, "nope")}}, "the vault password file " + filepath.Join(dir, "nope") + " was not found"},
		{"empty file", LoadOptions{PasswordFiles: []string{empty}}, "invalid vault password was provided from file"},
		{"failing script", LoadOptions{VaultIDs: []string{failing}}, "returned non-zero (3)"},
		{"client without secret", LoadOptions{VaultIDs: []string{"lbl@" + client}}, "did not find a secret for vault-id=lbl: unknown id"},
		{"semicolon in label", LoadOptions{VaultIDs: []string{"a;b@" + empty}}, "not a valid vault id"},
		{"prompt without prompter", LoadOptions{AskVaultPass: true}, "cannot prompt"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.opts.Getenv = noEnv
			var warnings bytes.Buffer
			tt.opts.Warnings = &warnings
			_, err := Load(context.Background(), tt.opts)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("err = %v, want it to contain %q", err, tt.wantErr)
			}
		})
	}
}

func TestLoadWarnsAboutSkippedSource(t *testing.T) {
	dir := t.TempDir()
	good := writeFile(t, dir, "good", "pw", 0o600)
	var warnings bytes.Buffer
	_, err := Load(context.Background(), LoadOptions{
		PasswordFiles: []string{filepath.Join(dir, "nope"), good}, Getenv: noEnv, Warnings: &warnings,
	})
	if err != nil {
		t.Fatal(err)
	}
	want := "[WARNING]: Error getting vault password file (default): the vault password file " + filepath.Join(dir, "nope") + " was not found\n"
	if warnings.String() != want {
		t.Errorf("warnings = %q, want %q", warnings.String(), want)
	}
}

func TestLoadPrompts(t *testing.T) {
	tests := []struct {
		name       string
		opts       LoadOptions
		input      string
		want       []Secret
		wantPrompt string
		wantErr    string
	}{
		{"ask vault pass", LoadOptions{AskVaultPass: true}, " typed pw \n",
			[]Secret{{DefaultID, []byte("typed pw")}}, "Vault password: \n", ""},
		{"auto prompt", LoadOptions{AutoPrompt: true}, "pw\n",
			[]Secret{{DefaultID, []byte("pw")}}, "Vault password: \n", ""},
		{"new password confirmed", LoadOptions{AskVaultPass: true, NewPassword: true}, "pw\npw\n",
			[]Secret{{DefaultID, []byte("pw")}}, "New Vault password: \nConfirm New Vault password: \n", ""},
		{"labelled prompt", LoadOptions{VaultIDs: []string{"dev@prompt"}}, "pw\n",
			[]Secret{{"dev", []byte("pw")}}, "Vault password (dev): \n", ""},
		{"labelled new prompt", LoadOptions{VaultIDs: []string{"dev@prompt"}, NewPassword: true}, "pw\npw\n",
			[]Secret{{"dev", []byte("pw")}}, "New vault password (dev): \nConfirm new vault password (dev): \n", ""},
		{"mismatch", LoadOptions{AskVaultPass: true, NewPassword: true}, "pw\nother\n", nil, "", "passwords do not match"},
		{"empty answer", LoadOptions{AskVaultPass: true}, "\n", nil, "", "invalid vault password was provided"},
		{"eof", LoadOptions{AskVaultPass: true}, "", nil, "", "eof (ctrl-d) on prompt for (default)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var prompts bytes.Buffer
			tt.opts.Prompter = NewReaderPrompter(strings.NewReader(tt.input), &prompts)
			tt.opts.Getenv = noEnv
			got, err := Load(context.Background(), tt.opts)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			assertSecrets(t, got, tt.want)
			if prompts.String() != tt.wantPrompt {
				t.Errorf("prompts = %q, want %q", prompts.String(), tt.wantPrompt)
			}
		})
	}
}
