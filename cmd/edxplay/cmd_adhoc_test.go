package main

import (
	"bufio"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/edxplay/edxplay/internal/shellwords"
)

// adhocCase is one line of testdata/adhoc/cases.
type adhocCase struct {
	name string
	args []string
}

// readAdhocCases reads testdata/adhoc/cases (NAME<TAB>ARGS).
func readAdhocCases(t *testing.T) []adhocCase {
	t.Helper()
	f, err := os.Open("testdata/adhoc/cases")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var cases []adhocCase
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		name, args, ok := strings.Cut(line, "\t")
		words, err := shellwords.Split(args)
		if !ok || err != nil {
			t.Fatalf("cases: bad line %q: %v", line, err)
		}
		cases = append(cases, adhocCase{name, words})
	}
	if len(cases) < 15 {
		t.Fatalf("want at least 15 cases, got %d", len(cases))
	}
	return cases
}

// TestAdhocGolden runs each case of testdata/adhoc/cases with edxplay
// adhoc and compares stdout, the exit code and the --tree files with what
// the real ansible command printed (testdata/adhoc/regen.sh).
func TestAdhocGolden(t *testing.T) {
	t.Setenv("ANSIBLE_NOCOLOR", "1")
	t.Setenv("HOME", t.TempDir())
	for _, c := range readAdhocCases(t) {
		t.Run(c.name, func(t *testing.T) {
			base := filepath.Join("testdata/adhoc", c.name)
			tree := filepath.Join(t.TempDir(), "tree")
			args := []string{"adhoc"}
			for _, a := range c.args {
				args = append(args, strings.ReplaceAll(a, "@TREE@", tree))
			}
			out, code := runCLI(t, args...)
			wantRC, err := os.ReadFile(base + ".rc")
			if err != nil {
				t.Fatal(err)
			}
			if strconv.Itoa(code) != strings.TrimSpace(string(wantRC)) {
				t.Errorf("exit code %d, want %s", code, strings.TrimSpace(string(wantRC)))
			}
			if want, err := os.ReadFile(base + ".stdout"); err == nil && out != string(want) {
				t.Errorf("stdout:\n%s\nwant:\n%s", out, want)
			} else if err != nil && !os.IsNotExist(err) {
				t.Fatal(err)
			}
			compareTree(t, base+".tree", tree)
		})
	}
}

// compareTree compares the files of the --tree directory got with those
// recorded in want (neither existing is a match).
func compareTree(t *testing.T, want, got string) {
	t.Helper()
	wantFiles, _ := filepath.Glob(filepath.Join(want, "*"))
	gotFiles, _ := filepath.Glob(filepath.Join(got, "*"))
	if len(wantFiles) != len(gotFiles) {
		t.Fatalf("tree has %d files, want %d", len(gotFiles), len(wantFiles))
	}
	for _, w := range wantFiles {
		wantData, err := os.ReadFile(w)
		if err != nil {
			t.Fatal(err)
		}
		gotData, err := os.ReadFile(filepath.Join(got, filepath.Base(w)))
		if err != nil {
			t.Fatal(err)
		}
		if string(gotData) != string(wantData) {
			t.Errorf("tree file %s:\n%s\nwant:\n%s", filepath.Base(w), gotData, wantData)
		}
	}
}

// TestAdhocUnreachable checks the unreachable form and exit code 4 (the
// message is the SSH transport's own, so it is not a golden file).
func TestAdhocUnreachable(t *testing.T) {
	t.Setenv("HOME", t.TempDir())
	for _, tt := range []struct {
		name, prefix string
		extra        []string
	}{
		{"minimal", "bad | UNREACHABLE! => {\n    \"changed\": false,\n    \"msg\": ", nil},
		{"oneline", "bad | UNREACHABLE!: ", []string{"-o"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"adhoc", "bad", "-i", "bad,", "-m", "ping", "-e", "ansible_host=127.0.0.1",
				"-e", "ansible_port=1", "--timeout", "2", "--connect-retries", "0"}, tt.extra...)
			out, code := runCLI(t, args...)
			if code != exitUnreachable || !strings.HasPrefix(out, tt.prefix) {
				t.Errorf("exit code %d, output %q; want %d and prefix %q", code, out, exitUnreachable, tt.prefix)
			}
		})
	}
}

// TestAdhocPlay checks the one-task play built from the command line: a
// JSON object is the task's mapping, anything else the module's string,
// -B/-P and --task-timeout become keywords.
func TestAdhocPlay(t *testing.T) {
	tests := []struct {
		name string
		o    adhocOpts
		want string
	}{
		{"kv string", adhocOpts{ModuleName: "copy", ModuleArgs: "src=a dest='b c'"},
			`[{"name":"Ansible Ad-Hoc","hosts":"web","gather_facts":false,"tasks":[{"copy":"src=a dest='b c'"}]}]`},
		{"no args", adhocOpts{ModuleName: "ping"},
			`[{"name":"Ansible Ad-Hoc","hosts":"web","gather_facts":false,"tasks":[{"ping":null}]}]`},
		{"json object", adhocOpts{ModuleName: "debug", ModuleArgs: `{"msg": {"b": 1, "a": "yes"}}`},
			`[{"name":"Ansible Ad-Hoc","hosts":"web","gather_facts":false,"tasks":[{"debug":{"msg":{"b":1,"a":"yes"}}}]}]`},
		{"not json", adhocOpts{ModuleName: "debug", ModuleArgs: `{msg}`},
			`[{"name":"Ansible Ad-Hoc","hosts":"web","gather_facts":false,"tasks":[{"debug":"{msg}"}]}]`},
		{"async and timeout", adhocOpts{ModuleName: "shell", ModuleArgs: "sleep 1", Background: 10, Poll: 2, TaskTimeout: 5},
			`[{"name":"Ansible Ad-Hoc","hosts":"web","gather_facts":false,"tasks":[{"shell":"sleep 1","timeout":5,"async":10,"poll":2}]}]`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data, err := tt.o.playYAML("web")
			if err != nil {
				t.Fatal(err)
			}
			var doc yaml.Node
			if err := yaml.Unmarshal(data, &doc); err != nil {
				t.Fatal(err)
			}
			if got := flowJSON(doc.Content[0]); got != tt.want {
				t.Errorf("play:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}

// flowJSON renders a YAML node as compact JSON-like text, keeping key order.
func flowJSON(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		var parts []string
		for i := 0; i+1 < len(n.Content); i += 2 {
			parts = append(parts, strconv.Quote(n.Content[i].Value)+":"+flowJSON(n.Content[i+1]))
		}
		return "{" + strings.Join(parts, ",") + "}"
	case yaml.SequenceNode:
		var parts []string
		for _, c := range n.Content {
			parts = append(parts, flowJSON(c))
		}
		return "[" + strings.Join(parts, ",") + "]"
	}
	if n.Tag == "!!str" {
		return strconv.Quote(n.Value)
	}
	return n.Value
}

// TestAdhocSecretsNeverInOutput: vaulted values a module shows are masked
// on stdout, in warnings and in the --tree files.
func TestAdhocSecretsNeverInOutput(t *testing.T) {
	dir := writeSecretsFixture(t)
	tree := filepath.Join(t.TempDir(), "tree")
	for _, extra := range [][]string{nil, {"-o"}} {
		args := append([]string{"adhoc", "localhost", "-i", filepath.Join(dir, "inv.ini"),
			"-e", "@" + filepath.Join(dir, "secrets.yml"), "-e", "@" + filepath.Join(dir, "extra.yml"),
			"--vault-password-file", filepath.Join(dir, "pass"), "-t", tree,
			"-m", "debug", "-a", "msg={{ db_password }}/{{ api_token }}"}, extra...)
		out, code := runCLI(t, args...)
		data, err := os.ReadFile(filepath.Join(tree, "localhost"))
		if err != nil || code != 0 || !strings.Contains(out, "localhost | SUCCESS") {
			t.Fatalf("exit code %d, tree file: %v; output:\n%s", code, err, out)
		}
		for _, secret := range []string{fileSecret, inlineSecret} {
			if strings.Contains(out+string(data), secret) {
				t.Errorf("%v: secret %q in the output or tree file:\n%s\n%s", extra, secret, out, data)
			}
		}
	}
}
