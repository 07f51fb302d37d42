package lookups

import (
	"context"
	"crypto/rand"
	"crypto/sha1"
	"encoding/hex"
	"errors"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/edxplay/edxplay/internal/jinja2"
	"github.com/edxplay/edxplay/internal/pyrandom"
)

const (
	asciiLetters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	digits       = "0123456789"
)

// stringModule is the attributes of Python's string module the chars
// option may name.
var stringModule = map[string]string{
	"ascii_letters":   asciiLetters,
	"ascii_lowercase": asciiLetters[:26],
	"ascii_uppercase": asciiLetters[26:],
	"digits":          digits,
	"hexdigits":       digits + "abcdefABCDEF",
	"octdigits":       "01234567",
	"punctuation":     "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~",
	"printable":       digits + asciiLetters + "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~" + " \t\n\r\x0b\x0c",
	"whitespace":      " \t\n\r\x0b\x0c",
}

var passwordOptions = []option{
	{name: "encrypt", typ: optRaw}, {name: "ident", typ: optStr},
	{name: "chars", typ: optList, def: jinja2.NewList(jinja2.Str("ascii_letters"), jinja2.Str("digits"), jinja2.Str(".,:-_"))},
	{name: "length", typ: optInt, def: jinja2.Int(20)},
	{name: "seed", typ: optStr},
}

// passwordParams are one term's parameters.
type passwordParams struct {
	path   string
	length int64
	chars  []string
	seed   jinja2.Value
}

func lookupPassword(ctx context.Context, r *runner, terms jinja2.Value, kw *jinja2.Dict) ([]jinja2.Value, error) {
	opts, err := options("password", passwordOptions, kw)
	if err != nil {
		return nil, err
	}
	list, err := items(terms)
	if err != nil {
		return nil, err
	}
	var out []jinja2.Value
	for _, t := range list {
		p, err := parsePassword(pyStr(t), opts)
		if err != nil {
			return nil, err
		}
		pw, err := password(ctx, r.ctrl, p)
		if err != nil {
			return nil, err
		}
		out = append(out, jinja2.Str(pw))
	}
	return out, nil
}

// parsePassword is _parse_parameters: "path key=value...", the options
// giving the defaults.
func parsePassword(term string, opts map[string]jinja2.Value) (passwordParams, error) {
	p := passwordParams{path: term, seed: opts["seed"]}
	params := map[string]string{}
	if first, rest, ok := strings.Cut(term, " "); ok {
		p.path = first
		pairs, raw, hasRaw := parseKV(rest)
		if hasRaw {
			p.path = first + " " + raw
			if !strings.HasPrefix(term, p.path) {
				return p, errorf("Unrecognized value after key=value parameters given to password lookup")
			}
		}
		var invalid []string
		for _, kv := range pairs {
			switch kv.key {
			case "length", "encrypt", "chars", "ident", "seed":
				params[kv.key] = kv.value
			default:
				invalid = append(invalid, kv.key)
			}
		}
		if len(invalid) > 0 {
			return p, errorf("Unrecognized parameter(s) given to password lookup: %s", strings.Join(invalid, ", "))
		}
	}
	length := opts["length"]
	if s, ok := params["length"]; ok {
		length = jinja2.Str(s)
	}
	n, err := toInt(length)
	if err != nil {
		return p, err
	}
	p.length, _ = n.IntValue()
	if p.length > 1<<20 {
		return p, errorf("password lookup: length %d is too long", p.length)
	}
	if s, ok := params["seed"]; ok {
		p.seed = jinja2.Str(s)
	}
	if params["encrypt"] != "" || truth(opts["encrypt"]) {
		return p, errorf("password lookup: encrypt is not supported here; hash the password with the password_hash filter")
	}
	p.chars = passwordChars(opts["chars"], params)
	return p, nil
}

// passwordChars is the chars parameter: inline "a,b" (",," meaning a
// comma) or the option's list.
func passwordChars(opt jinja2.Value, params map[string]string) []string {
	s, ok := params["chars"]
	if !ok {
		var out []string
		for _, it := range opt.Items() {
			out = append(out, pyStr(it))
		}
		return out
	}
	var out []string
	if strings.Contains(s, ",,") {
		out = append(out, ",")
	}
	for _, c := range strings.Split(strings.ReplaceAll(s, ",,", ","), ",") {
		if c != "" {
			out = append(out, c)
		}
	}
	return out
}

// candidateChars is _gen_candidate_chars: string module names expanded,
// quotes removed.
func candidateChars(specs []string) string {
	var b strings.Builder
	for _, s := range specs {
		if v, ok := stringModule[s]; ok {
			s = v
		}
		b.WriteString(s)
	}
	return strings.NewReplacer(`"`, "", "'", "").Replace(b.String())
}

// password returns the password stored in the file, or generates one and
// stores it (mode 0600 in a 0700 directory), as Ansible does.
func password(ctx context.Context, ctrl Controller, p passwordParams) (string, error) {
	path := p.path
	if !strings.HasPrefix(path, "/") && !strings.HasPrefix(path, "~") {
		path = filepath.Join(ctrl.BaseDir(), unquote(path))
	}
	path = unfrackPath(ctrl, path)
	lock, err := lockPassword(ctx, path)
	if err != nil {
		return "", err
	}
	if lock != "" {
		defer os.Remove(lock)
	}
	if data, err := os.ReadFile(path); err == nil && path != "/dev/null" {
		content := strings.TrimRightFunc(string(data), pyIsSpace)
		if i := strings.LastIndex(content, " salt="); i >= 0 {
			content = content[:i]
		}
		return content, nil
	}
	pw, err := randomPassword(p.length, []rune(candidateChars(p.chars)), p.seed)
	if err != nil {
		return "", err
	}
	if path == "/dev/null" {
		return pw, nil
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return "", errorf("password lookup: %s", err)
	}
	if err := os.WriteFile(path, []byte(pw+"\n"), 0o600); err != nil {
		return "", errorf("password lookup: %s", err)
	}
	return pw, os.Chmod(path, 0o600)
}

// lockPassword is _get_lock: a lock file beside the password file while
// it is written; another process's lock is waited for up to 7 seconds.
func lockPassword(ctx context.Context, path string) (string, error) {
	sum := sha1.Sum([]byte(path))
	lock := filepath.Join(filepath.Dir(path), hex.EncodeToString(sum[:])+".ansible_lockfile")
	if path == "/dev/null" {
		return "", nil
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return "", errorf("password lookup: %s", err)
	}
	f, err := os.OpenFile(lock, os.O_CREATE|os.O_EXCL, 0o600)
	if err == nil {
		f.Close()
		return lock, nil
	}
	if !errors.Is(err, os.ErrExist) {
		return "", errorf("password lookup: %s", err)
	}
	for i := 0; i < 3 && exists(lock); i++ {
		select {
		case <-ctx.Done():
			return "", ctx.Err()
		case <-time.After(time.Second << i):
		}
	}
	if exists(lock) {
		return "", errorf("Password lookup cannot get the lock in 7 seconds, abort...This may caused by un-removed lockfileyou can manually remove it from controller machine at %s and try again", lock)
	}
	return "", nil
}

// randomPassword is random_password: length choices from chars, seeded
// as random.Random(seed) when a seed is given.
func randomPassword(length int64, chars []rune, seed jinja2.Value) (string, error) {
	if length > 0 && len(chars) == 0 {
		return "", jinja2.NewError("IndexError", "Cannot choose from an empty sequence")
	}
	var pick func(n int) (int, error)
	switch seed.Kind() {
	case jinja2.NoneKind:
		pick = func(n int) (int, error) {
			v, err := rand.Int(rand.Reader, big.NewInt(int64(n)))
			return int(v.Int64()), err
		}
	default:
		g := pyrandom.NewFromString(pyStr(seed))
		pick = func(n int) (int, error) { return g.Below(n), nil }
	}
	var b strings.Builder
	for i := int64(0); i < length; i++ {
		j, err := pick(len(chars))
		if err != nil {
			return "", err
		}
		b.WriteRune(chars[j])
	}
	return b.String(), nil
}
