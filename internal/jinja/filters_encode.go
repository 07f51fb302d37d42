package jinja

import (
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"hash"
	"path/filepath"
	"strings"

	"github.com/edxplay/edxplay/internal/pyvalue"
)

func encodeFilters() map[string]filterFn {
	return map[string]filterFn{
		"b64encode": func(in any, _ *call) (any, error) {
			return base64.StdEncoding.EncodeToString([]byte(pyStr(in))), nil
		},
		"b64decode": func(in any, _ *call) (any, error) {
			s := pyStr(in)
			b, err := base64.StdEncoding.DecodeString(s)
			if err != nil {
				b, err = base64.RawStdEncoding.DecodeString(strings.TrimRight(s, "="))
			}
			if err != nil {
				return nil, fmt.Errorf("invalid base64 input: %w", err)
			}
			return string(b), nil
		},
		"hash":       filterHash,
		"checksum":   digestFilter("sha1"),
		"sha1":       digestFilter("sha1"),
		"md5":        digestFilter("md5"),
		"basename":   strFilter(pyBasename),
		"dirname":    strFilter(pyDirname),
		"splitext":   filterSplitext,
		"expanduser": strFilter(pyvalue.ExpandUser),
		"realpath": func(in any, _ *call) (any, error) {
			p, err := filepath.Abs(pyStr(in))
			if err != nil {
				return nil, err
			}
			if r, err := filepath.EvalSymlinks(p); err == nil {
				return r, nil
			}
			return p, nil
		},
		"path_join": filterPathJoin,
		"relpath":   filterRelpath,
	}
}

// filterRelpath is os.path.relpath(path, start); start defaults to the
// current directory.
func filterRelpath(in any, c *call) (any, error) {
	start := pyStr(c.arg(0, "start", "."))
	base, err := filepath.Abs(start)
	if err != nil {
		return nil, err
	}
	target, err := filepath.Abs(pyStr(in))
	if err != nil {
		return nil, err
	}
	return filepath.Rel(base, target)
}

var hashes = map[string]func() hash.Hash{
	"md5": md5.New, "sha1": sha1.New, "sha224": sha256.New224, "sha256": sha256.New,
	"sha384": sha512.New384, "sha512": sha512.New,
}

func digest(kind, s string) (string, error) {
	mk, ok := hashes[kind]
	if !ok {
		return "", fmt.Errorf("unsupported hash type %s", kind)
	}
	h := mk()
	h.Write([]byte(s))
	return hex.EncodeToString(h.Sum(nil)), nil
}

func digestFilter(kind string) filterFn {
	return func(in any, _ *call) (any, error) { return digest(kind, pyStr(in)) }
}

func filterHash(in any, c *call) (any, error) {
	return digest(pyStr(c.arg(0, "hashtype", "sha1")), pyStr(in))
}

// pyBasename implements os.path.basename (empty after a trailing slash).
func pyBasename(p string) string {
	if i := strings.LastIndex(p, "/"); i >= 0 {
		return p[i+1:]
	}
	return p
}

// pyDirname implements os.path.dirname.
func pyDirname(p string) string {
	i := strings.LastIndex(p, "/")
	if i < 0 {
		return ""
	}
	head := p[:i+1]
	if strings.Trim(head, "/") != "" {
		head = strings.TrimRight(head, "/")
	}
	return head
}

func filterSplitext(in any, _ *call) (any, error) {
	p := pyStr(in)
	base := pyBasename(p)
	dot := strings.LastIndex(base, ".")
	if dot <= 0 || strings.Trim(base[:dot], ".") == "" {
		return pyTuple{p, ""}, nil
	}
	cut := len(p) - len(base) + dot
	return pyTuple{p[:cut], p[cut:]}, nil
}

// filterPathJoin implements os.path.join over a list.
func filterPathJoin(in any, _ *call) (any, error) {
	parts, err := toList(in)
	if s, ok := in.(string); ok {
		parts, err = []any{s}, nil
	}
	if err != nil {
		return nil, err
	}
	out := ""
	for _, p := range parts {
		s := pyStr(p)
		switch {
		case strings.HasPrefix(s, "/"):
			out = s
		case out == "" || strings.HasSuffix(out, "/"):
			out += s
		default:
			out += "/" + s
		}
	}
	return out, nil
}
