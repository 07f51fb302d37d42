package ansibletargets

import (
	"bufio"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Target is one integration target: a role (tasks/main.yml, run through a
// generated playbook) or a script (runme.sh).
type Target struct {
	// Name is the target's directory name.
	Name string
	// Script is true for runme.sh targets.
	Script bool
	// Aliases are the words of the target's aliases file.
	Aliases []string
}

// Has reports whether the target carries an alias, or one starting with
// prefix when prefix ends in '/'.
func (t Target) Has(alias string) bool {
	for _, a := range t.Aliases {
		if a == alias || (strings.HasSuffix(alias, "/") && strings.HasPrefix(a, alias)) {
			return true
		}
	}
	return false
}

// Setup returns the setup targets ansible-test runs before this one
// (aliases setup/always/X and setup/once/X), in alias order.
func (t Target) Setup() []string {
	var out []string
	for _, a := range t.Aliases {
		for _, p := range []string{"setup/always/", "setup/once/"} {
			if strings.HasPrefix(a, p) {
				out = append(out, strings.TrimPrefix(a, p))
			}
		}
	}
	return out
}

// GatherFacts is the play's gather_facts for a role target, as ansible-test
// decides it (yes unless the target says gather_facts/no/).
func (t Target) GatherFacts() bool {
	return !t.Has("gather_facts/no")
}

// LoadTargets reads every target directory under dir.
func LoadTargets(dir string) ([]Target, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var out []Target
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		t := Target{Name: e.Name()}
		if _, err := os.Stat(filepath.Join(dir, e.Name(), "runme.sh")); err == nil {
			t.Script = true
		}
		t.Aliases = readAliases(filepath.Join(dir, e.Name(), "aliases"))
		out = append(out, t)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

// readAliases returns the aliases file's words, comments removed.
func readAliases(path string) []string {
	f, err := os.Open(path)
	if err != nil {
		return nil
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if i := strings.Index(line, "#"); i >= 0 {
			line = line[:i]
		}
		out = append(out, strings.Fields(line)...)
	}
	return out
}

// excludedAliases are the aliases of targets that cannot run here: no
// network, no cloud or Windows or network devices, nothing marked
// unsupported or disabled, no privileged containers, and nothing that needs
// ansible-test's own machinery.
var excludedAliases = []string{
	"unsupported", "disabled", "hidden", "cloud/", "windows", "network/",
	"needs/httptester", "needs/privileged", "needs/ssh", "skip/docker",
	"skip/python3", "needs/target/ansible-test",
}

// otherTools are ansible's command-line tools without an edxplay
// counterpart; their targets test those tools.
var otherTools = []string{"ansible-test", "ansible-galaxy", "ansible-doc", "ansible-pull", "ansible-runner", "ansible-console"}

// Eligible reports whether the target runs on a local Debian host without
// network, and why not. Destructive targets (they change the machine they
// run on) are left out until they run on chroot test hosts.
func (t Target) Eligible() (bool, string) {
	if !t.Has("shippable/posix/") {
		return false, "not a posix target"
	}
	for _, a := range excludedAliases {
		if t.Has(a) {
			return false, "alias " + a
		}
	}
	if t.Has("destructive") {
		return false, "destructive: changes the host it runs on"
	}
	for _, p := range otherTools {
		if t.Name == p || strings.HasPrefix(t.Name, p+"-") {
			return false, "tests " + p + ", a tool edxplay does not replace"
		}
	}
	return true, ""
}
