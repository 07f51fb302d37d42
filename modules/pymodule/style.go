package pymodule

import (
	"bytes"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/edxplay/edxplay/internal/shellwords"
)

// Style is how a module takes its arguments, as Ansible tells it from the
// module's text (module_common._find_module_utils).
type Style int

const (
	// StyleOld modules read a file of key=value words, named by argv[1].
	StyleOld Style = iota
	// StyleNewPython modules import ansible.module_utils and are packaged
	// with it; they read ANSIBLE_MODULE_ARGS.
	StyleNewPython
	// StyleJSONArgs modules have their JSON arguments substituted for
	// <<INCLUDE_ANSIBLE_MODULE_JSON_ARGS>>.
	StyleJSONArgs
	// StyleWantJSON modules (WANT_JSON) read a JSON file named by argv[1].
	StyleWantJSON
	// StyleBinary modules are executables that read a JSON file named by argv[1].
	StyleBinary
	// StylePowerShell modules are Windows modules, which edxplay does not run.
	StylePowerShell
)

// String names the style as Ansible's module_style does.
func (s Style) String() string {
	return [...]string{"old", "new", "new (jsonargs)", "non_native_want_json", "binary", "powershell"}[s]
}

var (
	replacer         = []byte("#<<INCLUDE_ANSIBLE_MODULE_COMMON>>")
	replacerWindows  = []byte("# POWERSHELL_COMMON")
	replacerJSONArgs = []byte("<<INCLUDE_ANSIBLE_MODULE_JSON_ARGS>>")
	// newStylePython matches the imports that make a module new-style.
	newStylePython     = regexp.MustCompile(`(?:from +\.{2,} *module_utils.* +import |from +ansible_collections\.[^.]+\.[^.]+\.plugins\.module_utils.* +import |import +ansible_collections\.[^.]+\.[^.]+\.plugins\.module_utils.*|from +ansible\.module_utils.* +import |import +ansible\.module_utils\.)`)
	powerShellRequires = regexp.MustCompile(`(?i)#Requires -Module|#Requires -Version|#AnsibleRequires -OSVersion|#AnsibleRequires -Powershell|#AnsibleRequires -CSharpUtil`)
)

// DetectStyle tells a module's style from its content and returns the
// content to send (a module_replacer module imports basic instead).
func DetectStyle(data []byte) (Style, []byte) {
	switch {
	case isBinary(data):
		return StyleBinary, data
	case bytes.Contains(data, replacer):
		return StyleNewPython, bytes.ReplaceAll(data, replacer, []byte("from ansible.module_utils.basic import *"))
	case newStylePython.Match(data):
		return StyleNewPython, data
	case bytes.Contains(data, replacerWindows) || powerShellRequires.Match(data):
		return StylePowerShell, data
	case bytes.Contains(data, replacerJSONArgs):
		return StyleJSONArgs, data
	case bytes.Contains(data, []byte("WANT_JSON")):
		return StyleWantJSON, data
	}
	return StyleOld, data
}

// isBinary reports whether the first KiB holds bytes no text has (NUL,
// most control characters, DEL).
func isBinary(data []byte) bool {
	if len(data) > 1024 {
		data = data[:1024]
	}
	for _, b := range data {
		switch {
		case b == 7 || b == 8 || b == 9 || b == 10 || b == 12 || b == 13 || b == 27:
		case b >= 0x20 && b != 0x7f:
		default:
			return true
		}
	}
	return false
}

// shebang returns the interpreter and its arguments from a #! first line
// ("" when there is none).
func shebang(data []byte) (string, []string) {
	line, _, _ := bytes.Cut(data, []byte("\n"))
	if !bytes.HasPrefix(line, []byte("#!")) {
		return "", nil
	}
	words, err := shellwords.Split(strings.TrimSpace(string(line[2:])))
	if err != nil || len(words) == 0 {
		return "", nil
	}
	return words[0], words[1:]
}

// interpreterName is the basename of an interpreter path, the NAME of
// its ansible_NAME_interpreter variable.
func interpreterName(interp string) string {
	return strings.TrimSpace(filepath.Base(interp))
}
