package modules

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/edxplay/edxplay/internal/connection"
	"github.com/edxplay/edxplay/modules/hostfile"
)

// envVarRef matches what Python's os.path.expandvars replaces: $name or
// ${anything}, name being ASCII word characters.
var envVarRef = regexp.MustCompile(`\$([A-Za-z0-9_]+|\{[^}]*\})`)

// needsExpansion reports whether any word has a variable or a leading ~,
// the only words Ansible's run_command changes.
func needsExpansion(argv []string) bool {
	for _, w := range argv {
		if strings.Contains(w, "$") || strings.HasPrefix(w, "~") {
			return true
		}
	}
	return false
}

// expandArgv expands each word as Ansible's run_command does for a
// command without a shell (expand_user_and_vars): os.path.expandvars
// with the environment the command runs in, then os.path.expanduser.
// The environment is read from the host only when a word needs it.
func expandArgv(ctx context.Context, call *Call, argv []string) ([]string, error) {
	if !needsExpansion(argv) {
		return argv, nil
	}
	env, err := commandEnv(ctx, call, "env -0")
	if err != nil {
		return nil, err
	}
	vars := parseEnv0(env)
	out := make([]string, len(argv))
	var users []string
	for i, w := range argv {
		out[i] = expandVars(w, vars)
		if name, ok := tildeUser(out[i]); ok && (name != "" || vars["HOME"] == nil) {
			users = append(users, name)
		}
	}
	homes, err := userHomes(ctx, call, users)
	if err != nil {
		return nil, err
	}
	for i, w := range out {
		out[i] = expandUser(w, vars, homes)
	}
	return out, nil
}

// commandEnv runs script with the command's environment and privileges
// and returns its output.
func commandEnv(ctx context.Context, call *Call, script string) (string, error) {
	res, err := call.Conn.Run(ctx, connection.Command{Cmd: script, Env: call.Env, Become: call.Become})
	if err != nil {
		return "", fmt.Errorf("read the command's environment: %w", err)
	}
	if res.RC != 0 {
		return "", fmt.Errorf("read the command's environment: rc %d: %s", res.RC, strings.TrimSpace(res.Stderr))
	}
	return res.Stdout, nil
}

// parseEnv0 parses `env -0` output into a map of pointers (nil: unset).
func parseEnv0(out string) map[string]*string {
	vars := map[string]*string{}
	for _, kv := range strings.Split(out, "\x00") {
		if k, v, ok := strings.Cut(kv, "="); ok && k != "" {
			vars[k] = &v
		}
	}
	return vars
}

// expandVars is Python's posixpath.expandvars: known variables are
// replaced, unknown references are kept as written.
func expandVars(w string, vars map[string]*string) string {
	return envVarRef.ReplaceAllStringFunc(w, func(ref string) string {
		name := strings.TrimPrefix(ref, "$")
		if strings.HasPrefix(name, "{") {
			name = name[1 : len(name)-1]
		}
		if v := vars[name]; v != nil {
			return *v
		}
		return ref
	})
}

// tildeUser returns the user a leading ~ names ("" for the current one).
func tildeUser(w string) (string, bool) {
	if !strings.HasPrefix(w, "~") {
		return "", false
	}
	name, _, _ := strings.Cut(w[1:], "/")
	return name, true
}

// userHomes looks up the home directories of users ("" is the current
// user, by uid) in the password database, as Python's pwd module does.
func userHomes(ctx context.Context, call *Call, users []string) (map[string]string, error) {
	homes := map[string]string{}
	if len(users) == 0 {
		return homes, nil
	}
	var script strings.Builder
	for _, u := range users {
		key := hostfile.Quote(u)
		if u == "" {
			key = `"$(id -u)"`
		}
		script.WriteString("getent passwd " + key + " | cut -d: -f6 | tr -d '\\n'; printf '\\0'\n")
	}
	out, err := commandEnv(ctx, call, script.String())
	if err != nil {
		return nil, err
	}
	for i, home := range strings.Split(out, "\x00") {
		if i < len(users) && home != "" {
			homes[users[i]] = home
		}
	}
	return homes, nil
}

// expandUser is Python's posixpath.expanduser: a leading ~ or ~user
// becomes the home directory ($HOME for ~ when set), kept as written
// when the user is unknown.
func expandUser(w string, vars map[string]*string, homes map[string]string) string {
	name, ok := tildeUser(w)
	if !ok {
		return w
	}
	home, known := homes[name]
	if name == "" && vars["HOME"] != nil {
		home, known = *vars["HOME"], true
	}
	if !known {
		return w
	}
	rest := w[1+len(name):]
	if out := strings.TrimRight(home, "/") + rest; out != "" {
		return out
	}
	return "/"
}
