package ansiblecfg

import (
	"path/filepath"
	"strings"
)

// resolvePath is Ansible's config resolve_path: {{CWD}} becomes the
// working directory, $VARS and ~ are expanded, and a relative path is
// joined to basedir (the config file's directory, else the working
// directory) and cleaned. Symlinks are not followed.
func resolvePath(p, basedir string, env Env) string {
	p = strings.ReplaceAll(p, "{{CWD}}", env.Cwd)
	p = expandUser(expandVars(p, env), env)
	if !filepath.IsAbs(p) {
		p = filepath.Join(basedir, p)
	}
	return filepath.Clean(p)
}

// expandVars is Python's os.path.expandvars: $NAME and ${NAME} are
// replaced when NAME is set; anything else is left as it is.
func expandVars(s string, env Env) string {
	if !strings.Contains(s, "$") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '$' {
			b.WriteByte(s[i])
			continue
		}
		name, n := varName(s[i+1:])
		if v, ok := env.Lookup(name); ok && name != "" {
			b.WriteString(v)
			i += n
			continue
		}
		b.WriteByte('$')
	}
	return b.String()
}

// varName reads the NAME of $NAME or ${NAME} at the start of s and how
// many bytes it spans.
func varName(s string) (string, int) {
	if strings.HasPrefix(s, "{") {
		end := strings.IndexByte(s, '}')
		if end < 0 {
			return "", 0
		}
		return s[1:end], end + 1
	}
	n := 0
	for n < len(s) && (s[n] == '_' || s[n] >= 'a' && s[n] <= 'z' || s[n] >= 'A' && s[n] <= 'Z' || s[n] >= '0' && s[n] <= '9') {
		n++
	}
	return s[:n], n
}

// expandUser expands a leading ~ or ~/ to the home directory.
func expandUser(p string, env Env) string {
	home := env.Home
	if home == "" || (p != "~" && !strings.HasPrefix(p, "~/")) {
		return p
	}
	return home + p[1:]
}
