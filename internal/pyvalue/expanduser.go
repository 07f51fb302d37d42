package pyvalue

import (
	"os"
	"strings"
)

// ExpandUser is Python's os.path.expanduser for the current user: a
// leading "~" or "~/" becomes the home directory; other paths (and "~name")
// are returned unchanged, as is p when the home directory is unknown.
func ExpandUser(p string) string {
	if p != "~" && !strings.HasPrefix(p, "~/") {
		return p
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return p
	}
	return home + p[1:]
}
