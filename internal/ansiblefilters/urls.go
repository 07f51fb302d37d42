package ansiblefilters

import (
	"net/url"
	"strconv"
	"strings"

	j "github.com/edxplay/edxplay/internal/jinja2"
)

// urlParts is Python's urllib.parse.SplitResult.
type urlParts struct {
	scheme, netloc, path, query, fragment string
}

// splitURL is urllib.parse.urlsplit (default scheme ”, fragments allowed).
func splitURL(u string) urlParts {
	u = strings.TrimLeft(u, "\x00\x01\x02\x03\x04\x05\x06\x07\x08\t\n\x0b\x0c\r\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f ")
	u = strings.NewReplacer("\t", "", "\r", "", "\n", "").Replace(u)
	var p urlParts
	if i := strings.IndexByte(u, ':'); i > 0 && isScheme(u[:i]) {
		p.scheme, u = strings.ToLower(u[:i]), u[i+1:]
	}
	if strings.HasPrefix(u, "//") {
		rest := u[2:]
		end := strings.IndexAny(rest, "/?#")
		if end < 0 {
			end = len(rest)
		}
		p.netloc, u = rest[:end], rest[end:]
	}
	u, p.fragment, _ = strings.Cut(u, "#")
	p.path, p.query, _ = strings.Cut(u, "?")
	return p
}

func isScheme(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		alpha := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
		if !alpha && (i == 0 || !(c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.')) {
			return false
		}
	}
	return true
}

// fields returns the SplitResult's attributes in dir() order.
func (p urlParts) fields() (*j.Dict, error) {
	userinfo, hostport, hasUser := strings.Cut(p.netloc, "@")
	if i := strings.LastIndexByte(p.netloc, '@'); i >= 0 {
		userinfo, hostport = p.netloc[:i], p.netloc[i+1:]
	}
	if !hasUser {
		userinfo, hostport = "", p.netloc
	}
	username, password := j.None, j.None
	if hasUser {
		user, pass, hasPass := strings.Cut(userinfo, ":")
		username = j.Str(user)
		if hasPass {
			password = j.Str(pass)
		}
	}
	host, port, hasPort := splitHostPort(hostport)
	hostname := j.None
	if host != "" {
		hostname = j.Str(strings.ToLower(host))
	}
	portVal := j.None
	if hasPort && port != "" {
		n, err := strconv.Atoi(port)
		if err != nil || strings.Trim(port, "0123456789") != "" {
			return nil, valueError("Port could not be cast to integer value as %s", j.QuoteString(port))
		}
		if n > 65535 {
			return nil, valueError("Port out of range 0-65535")
		}
		portVal = j.Int(int64(n))
	}
	d := j.NewDict()
	for _, kv := range []struct {
		k string
		v j.Value
	}{{"fragment", j.Str(p.fragment)}, {"hostname", hostname}, {"netloc", j.Str(p.netloc)}, {"password", password},
		{"path", j.Str(p.path)}, {"port", portVal}, {"query", j.Str(p.query)}, {"scheme", j.Str(p.scheme)}, {"username", username}} {
		d.SetStr(kv.k, kv.v)
	}
	return d, nil
}

func splitHostPort(hp string) (string, string, bool) {
	if strings.HasPrefix(hp, "[") {
		end := strings.IndexByte(hp, ']')
		if end < 0 {
			return hp[1:], "", false
		}
		_, port, ok := strings.Cut(hp[end+1:], ":")
		return hp[1:end], port, ok
	}
	host, port, ok := strings.Cut(hp, ":")
	return host, port, ok
}

// urlsplit is Ansible's urlsplit: one component, or a dict of all.
func urlsplit(_ *j.CallContext, a []j.Value) (j.Value, error) {
	s, err := text(a[0])
	if err != nil {
		return j.None, err
	}
	all, err := splitURL(s).fields()
	if err != nil {
		return j.None, err
	}
	if t, _ := truth(a[1]); !t {
		return j.DictValue(all), nil
	}
	q, _ := text(a[1])
	v, ok := all.GetStr(q)
	if !ok {
		return j.None, filterError("urlsplit: unknown URL component: %s", q)
	}
	return v, nil
}

// urldecode is urllib.parse.unquote_plus.
func urldecode(_ *j.CallContext, a []j.Value) (j.Value, error) {
	if !isStr(a[0]) {
		if err := defined(a[0]); err != nil {
			return j.None, err
		}
		return j.None, j.NewError("AttributeError", "'%s' object has no attribute 'replace'", j.TypeName(a[0]))
	}
	return j.Str(unquote(strings.ReplaceAll(a[0].StrValue(), "+", " "))), nil
}

// unquote decodes %XX escapes, leaving malformed ones as they are; bytes
// that are not UTF-8 become U+FFFD.
func unquote(s string) string {
	var b []byte
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s)+0 && i+2 <= len(s)-1 {
			if v, err := url.PathUnescape(s[i : i+3]); err == nil {
				b = append(b, v...)
				i += 2
				continue
			}
		}
		b = append(b, s[i])
	}
	return strings.ToValidUTF8(string(b), "\uFFFD")
}
