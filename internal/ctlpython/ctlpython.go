// Package ctlpython finds the Python on the controller that has
// ansible-core, for the parts of edxplay that run Ansible's own Python
// code there: a playbook's Python lookup plugins and the module_utils
// scan that packages new-style Python modules.
package ctlpython

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// Env names the variable that fixes the controller's Python.
const Env = "EDXPLAY_ANSIBLE_PYTHON"

// Candidates are the Pythons that may have ansible-core, in the order to
// try them: $EDXPLAY_ANSIBLE_PYTHON alone when set; else the interpreter
// of the ansible-playbook script on PATH, python3 on PATH and
// /usr/bin/python3 (where Debian's ansible-core lives).
func Candidates() []string {
	if py := os.Getenv(Env); py != "" {
		return []string{py}
	}
	var out []string
	add := func(p string) {
		for _, q := range out {
			if q == p {
				return
			}
		}
		if p != "" {
			out = append(out, p)
		}
	}
	if ap, err := exec.LookPath("ansible-playbook"); err == nil {
		add(scriptInterpreter(ap))
	}
	if py, err := exec.LookPath("python3"); err == nil {
		add(py)
	}
	if st, err := os.Stat("/usr/bin/python3"); err == nil && !st.IsDir() {
		add("/usr/bin/python3")
	}
	return out
}

// scriptInterpreter is the Python of a script's #! line, "" when it has
// none.
func scriptInterpreter(path string) string {
	f, err := os.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	line, err := bufio.NewReaderSize(f, 256).ReadString('\n')
	if err != nil && line == "" {
		return ""
	}
	rest, ok := strings.CutPrefix(line, "#!")
	if !ok {
		return ""
	}
	words := strings.Fields(rest)
	if len(words) == 0 || !strings.Contains(filepath.Base(words[0]), "python") {
		return ""
	}
	return words[0]
}
