package vaulttool

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"
)

// blockPattern matches one encrypt_string block as ansible-vault prints it.
var blockPattern = regexp.MustCompile(`^(\w+: )?!vault \|\n {10}\$ANSIBLE_VAULT;1\.[12];AES256(;\w+)?(\n {10}[0-9a-f]{1,80})+$`)

// splitBlocks splits encrypt_string output into its blocks.
func splitBlocks(out string) []string {
	return regexp.MustCompile(`\n(?:\w+: )?!vault \|`).Split(out, -1)
}

func TestEncryptString(t *testing.T) {
	tests := []struct {
		name       string
		opts       EncryptStringOptions
		stdin      string
		vaultIDs   []string
		wantNames  []string
		wantPlain  []string
		wantStderr string
		wantHeader string
	}{
		{"named arg", EncryptStringOptions{Args: []string{"s3cret"}, Names: []string{"db_password"}}, "", nil,
			[]string{"db_password"}, []string{"s3cret"}, "", "$ANSIBLE_VAULT;1.1;AES256"},
		{"unnamed arg with vault id", EncryptStringOptions{Args: []string{"x"}}, "", []string{"dev@pw"},
			[]string{""}, []string{"x"}, "", "$ANSIBLE_VAULT;1.2;AES256;dev"},
		{"stdin", EncryptStringOptions{StdinName: "from_in"}, "line\n", nil,
			[]string{"from_in"}, []string{"line\n"}, "", "$ANSIBLE_VAULT;1.1;AES256"},
		{"dash reads stdin", EncryptStringOptions{Args: []string{"-"}}, "in", nil,
			[]string{""}, []string{"in"}, "", "$ANSIBLE_VAULT;1.1;AES256"},
		{"fewer names than args", EncryptStringOptions{Args: []string{"a", "b"}, Names: []string{"first"}}, "", nil,
			[]string{"first", ""}, []string{"a", "b"},
			"The number of --name options do not match the number of args.\n" +
				"The last named variable will be \"first\". The rest will not have names.\n" +
				"# The encrypted version of variable (\"first\", the string #1 from the command line args).\n" +
				"# The encrypted version of the string #2 from the command line args.)\n",
			"$ANSIBLE_VAULT;1.1;AES256"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, tt.stdin, "", nil)
			o := SecretOptions{PasswordFiles: []string{h.path("pw")}}
			if tt.vaultIDs != nil {
				o = SecretOptions{VaultIDs: []string{strings.Replace(tt.vaultIDs[0], "@", "@"+h.dir+"/", 1)}}
			}
			if err := h.tool.EncryptString(context.Background(), o, tt.opts); err != nil {
				t.Fatal(err)
			}
			out := h.stdout.String()
			if strings.HasSuffix(out, "\n") {
				t.Errorf("output ends in a newline: %q", out)
			}
			if h.stderr.String() != tt.wantStderr {
				t.Errorf("stderr = %q, want %q", h.stderr, tt.wantStderr)
			}
			blocks := splitBlocks(out)
			if len(blocks) != len(tt.wantPlain) {
				t.Fatalf("got %d blocks in %q, want %d", len(blocks), out, len(tt.wantPlain))
			}
			for i, name := range tt.wantNames {
				assertBlock(t, out, blocks[i], i, name, tt.wantHeader, tt.wantPlain[i])
			}
		})
	}
}

// assertBlock checks one block's shape, name, header and plaintext.
func assertBlock(t *testing.T, out, block string, i int, name, header, plain string) {
	t.Helper()
	if i == 0 {
		if !blockPattern.MatchString(block) {
			t.Errorf("block %q does not look like ansible-vault's", block)
		}
		if name != "" && !strings.HasPrefix(out, name+": !vault |\n") {
			t.Errorf("output %q does not start with %q", out, name+": !vault |")
		}
		block = block[strings.Index(block, "\n")+1:]
	} else {
		block = strings.TrimPrefix(block, "\n")
	}
	lines := strings.Split(block, "\n")
	if strings.TrimSpace(lines[0]) != header {
		t.Errorf("header = %q, want %q", lines[0], header)
	}
	var env strings.Builder
	for _, l := range lines {
		env.WriteString(strings.TrimPrefix(l, strings.Repeat(" ", blockIndent)) + "\n")
	}
	if got := decryptWith(t, env.String(), "secret-1"); got != plain {
		t.Errorf("block %d decrypts to %q, want %q", i, got, plain)
	}
}

func TestEncryptStringErrors(t *testing.T) {
	tests := []struct {
		name    string
		opts    EncryptStringOptions
		stdin   string
		wantErr string
	}{
		{"prompt with stdin", EncryptStringOptions{Prompt: true}, "", "The --prompt option is not supported if also reading input from stdin"},
		{"empty stdin", EncryptStringOptions{}, "", "stdin was empty, not encrypting"},
		{"empty arg", EncryptStringOptions{Args: []string{""}}, "", "The plaintext provided from the command line args was empty, not encrypting"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, tt.stdin, "", nil)
			err := h.tool.EncryptString(context.Background(), SecretOptions{PasswordFiles: []string{h.path("pw")}}, tt.opts)
			if err == nil || err.Error() != tt.wantErr {
				t.Errorf("err = %v, want %q", err, tt.wantErr)
			}
		})
	}
}

func TestEncryptStringPrompted(t *testing.T) {
	h := newHarness(t, "", "my_var\ntyped secret\n", nil)
	opts := EncryptStringOptions{Args: []string{"ignored-arg"}, Prompt: true, Names: []string{"argname"}}
	if err := h.tool.EncryptString(context.Background(), SecretOptions{PasswordFiles: []string{h.path("pw")}}, opts); err != nil {
		t.Fatal(err)
	}
	blocks := splitBlocks(h.stdout.String())
	if len(blocks) != 2 || !strings.HasPrefix(h.stdout.String(), "my_var: !vault |\n") {
		t.Fatalf("output = %q", h.stdout)
	}
	assertBlock(t, h.stdout.String(), blocks[0], 0, "my_var", "$ANSIBLE_VAULT;1.1;AES256", "typed secret")
	wantStderr := "Variable name (enter for no name): String to encrypt (hidden): \n" +
		"# The encrypted version of variable (\"my_var\", the string #1 from the interactive prompt).\n" +
		"# The encrypted version of variable (\"argname\", the string #2 from the command line args).\n"
	if h.stderr.String() != wantStderr {
		t.Errorf("stderr = %q, want %q", h.stderr, wantStderr)
	}
}

// TestEncryptStringParsedByAnsible feeds encrypt_string output to real
// ansible as an extra-vars file and checks the values it sees.
func TestEncryptStringParsedByAnsible(t *testing.T) {
	ansible, err := exec.LookPath("ansible")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("ansible is required in CI: %v", err)
		}
		t.Skipf("ansible not installed: %v", err)
	}
	h := newHarness(t, "multi\nline\n", "", nil)
	opts := EncryptStringOptions{Args: []string{"p@ss: 'w0rd'", "-"}, Names: []string{"db_password"}, StdinName: "cert"}
	if err := h.tool.EncryptString(context.Background(), SecretOptions{PasswordFiles: []string{h.path("pw")}}, opts); err != nil {
		t.Fatal(err)
	}
	vars := "---\n" + h.stdout.String() + "\n"
	writeTestFile(t, h.path("vars.yml"), vars, 0o600)
	cmd := exec.Command(ansible, "localhost", "-m", "debug", "-a", "msg={{ [cert, db_password] }}",
		"-e", "@"+h.path("vars.yml"), "--vault-password-file", h.path("pw"))
	cmd.Env = append(os.Environ(), "ANSIBLE_LOCALHOST_WARNING=False", "ANSIBLE_INVENTORY_UNPARSED_WARNING=False",
		"ANSIBLE_NOCOLOR=1", "ANSIBLE_LOAD_CALLBACK_PLUGINS=0")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("ansible: %v\n%s\nvars:\n%s", err, out, vars)
	}
	_, after, ok := bytes.Cut(out, []byte("=> "))
	var result struct{ Msg []string }
	if !ok || json.Unmarshal(after, &result) != nil {
		t.Fatalf("unexpected ansible output %s", out)
	}
	if want := []string{"multi\nline\n", "p@ss: 'w0rd'"}; strings.Join(result.Msg, "|") != strings.Join(want, "|") {
		t.Errorf("ansible saw %q, want %q", result.Msg, want)
	}
}
