package modules

import (
	"context"
	"fmt"
	"path"
	"strings"

	"github.com/edxplay/edxplay/modules/hostfile"
)

// passwdEntry is a user's passwd entry on the target.
type passwdEntry struct{ uid, gid, home string }

// lookupPasswd reads user's entry with getent; nil when there is none.
func lookupPasswd(ctx context.Context, fs *hostfile.FS, user string) (*passwdEntry, error) {
	res, err := fs.Run(ctx, "getent passwd "+hostfile.Quote(user))
	if err != nil {
		return nil, err
	}
	f := strings.Split(strings.TrimSpace(res.Stdout), ":")
	if res.RC != 0 || len(f) < 7 {
		return nil, nil
	}
	return &passwdEntry{uid: f[2], gid: f[3], home: f[5]}, nil
}

// authKeyFile finds the user and the key file (path, or
// ~user/.ssh/authorized_keys); res is the module's failure.
func authKeyFile(ctx context.Context, call *Call, fs *hostfile.FS, a args) (u *passwdEntry, keyfile string, res *Result, err error) {
	user := a.str("user")
	if u, err = lookupPasswd(ctx, fs, user); err != nil {
		return nil, "", nil, err
	}
	keyfile = a.str("path")
	switch {
	case u == nil && call.Check && keyfile == "":
		return nil, "", &Result{Failed: true, Msg: "Either user must exist or you must provide full path to key file in check mode"}, nil
	case u == nil && !call.Check:
		return nil, "", &Result{Failed: true, Msg: fmt.Sprintf("Failed to lookup user %s: \"getpwnam(): name not found: '%s'\"", user, user)}, nil
	case keyfile == "":
		keyfile = path.Join(u.home, ".ssh", "authorized_keys")
	}
	return u, keyfile, nil, nil
}

// wantedAuthKeys is the module's enforce_state on the file's content:
// the keys the file should hold, nil when it needs no write; msg is a
// failure.
func wantedAuthKeys(a args, content string) (map[string]authKey, string) {
	existing := parseAuthKeys(content)
	maxRank := len(existing)
	present := a.str("state") == "present"
	write := false
	var keep []string
	for i, line := range nonCommentLines(a.str("key")) {
		k, ok := parseAuthKey(line, i)
		if !ok || k.typ == "skipped" {
			return nil, "invalid key specified: " + line
		}
		if a.has("key_options") {
			k.options = parseKeyOptions(a.str("key_options"))
		}
		if a.has("comment") {
			k.comment = a.str("comment")
		}
		old, found := existing[k.ident]
		matched := found && (!present || k.same(old))
		if !present {
			if matched {
				delete(existing, k.ident)
				write = true
			}
			continue
		}
		keep = append(keep, k.ident)
		if found && !matched {
			delete(existing, k.ident)
			write = true
		}
		if !matched {
			k.rank = maxRank + i
			existing[k.ident] = k
			write = true
		}
	}
	if present && a.boolean("exclusive") {
		for ident := range existing {
			if !contains(keep, ident) {
				delete(existing, ident)
				write = true
			}
		}
	}
	if !write {
		return nil, ""
	}
	return existing, ""
}

// nonCommentLines are key's non-empty lines not starting with #.
func nonCommentLines(key string) []string {
	var out []string
	for _, l := range strings.Split(strings.ReplaceAll(key, "\r\n", "\n"), "\n") {
		if l != "" && !strings.HasPrefix(l, "#") {
			out = append(out, l)
		}
	}
	return out
}

// writeAuthKeys makes the key file's directory (manage_dir: 0700, the
// user's), the file (0600, the user's) and writes content.
func writeAuthKeys(ctx context.Context, fs *hostfile.FS, a args, u *passwdEntry, keyfile, content string) error {
	owner := hostfile.Quote(u.uid + ":" + u.gid)
	q := hostfile.Quote(keyfile)
	var script strings.Builder
	if a.boolean("follow") {
		fmt.Fprintf(&script, "f=$(readlink -f -- %s) || f=%s\n", q, q)
	} else {
		fmt.Fprintf(&script, "f=%s\n", q)
	}
	if a.boolean("manage_dir") {
		d := hostfile.Quote(path.Dir(keyfile))
		fmt.Fprintf(&script, "[ -e %s ] || mkdir -m 0700 -- %s || exit 1\nchown %s %s && chmod 0700 %s || exit 1\n", d, d, owner, d, d)
	}
	fmt.Fprintf(&script, `[ -e "$f" ] || { mkdir -p -- "$(dirname -- "$f")" && : > "$f"; } || exit 1
chown %s "$f" 2>/dev/null; chmod 0600 "$f" 2>/dev/null
printf '%%s' "$f"`, owner)
	target, err := fs.Exec(ctx, script.String())
	if err != nil {
		return fmt.Errorf("prepare %s: %w", keyfile, err)
	}
	info, err := fs.Stat(ctx, target, hostfile.StatOptions{})
	if err != nil {
		return err
	}
	if err := fs.Write(ctx, info, []byte(content), hostfile.Attrs{}); err != nil {
		return fmt.Errorf("Failed to write to file %s: %w", target, err) //nolint:stylecheck // Ansible's message
	}
	return nil
}
