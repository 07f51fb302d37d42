package playbook

import "regexp"

// asciiIdentifier is a Python 3 identifier made of ASCII characters.
var asciiIdentifier = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// pythonKeywords are Python 3's reserved words (keyword.kwlist).
var pythonKeywords = map[string]bool{
	"False": true, "None": true, "True": true, "and": true, "as": true, "assert": true, "async": true,
	"await": true, "break": true, "class": true, "continue": true, "def": true, "del": true, "elif": true,
	"else": true, "except": true, "finally": true, "for": true, "from": true, "global": true, "if": true,
	"import": true, "in": true, "is": true, "lambda": true, "nonlocal": true, "not": true, "or": true,
	"pass": true, "raise": true, "return": true, "try": true, "while": true, "with": true, "yield": true,
}

// isIdentifier reports whether name is a valid variable name, as
// ansible.utils.vars.isidentifier decides on Python 3.
func isIdentifier(name string) bool {
	return asciiIdentifier.MatchString(name) && !pythonKeywords[name]
}
