package ansibletests

import (
	"strings"

	"github.com/edxplay/edxplay/internal/jinja2"
)

// parsedURL is what urllib.parse.urlparse yields that the uri tests read.
type parsedURL struct {
	scheme, netloc string
}

const schemeChars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+-."

// urlParse is urlparse(value): a falsy value parses as empty, a string as
// Python 3.11 splits it; anything else (or an invalid IPv6 netloc) fails.
func urlParse(v jinja2.Value) (parsedURL, bool) {
	if t, err := jinja2.Truth(v); err == nil && !t {
		return parsedURL{}, true
	}
	if v.Kind() != jinja2.StrKind {
		return parsedURL{}, false
	}
	url := strings.TrimLeft(v.StrValue(), "\x00\x01\x02\x03\x04\x05\x06\x07\x08\t\n\x0b\x0c\r\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f ")
	url = strings.NewReplacer("\t", "", "\n", "", "\r", "").Replace(url)
	var p parsedURL
	if i := strings.IndexByte(url, ':'); i > 0 && isLetter(url[0]) && strings.Trim(url[:i], schemeChars) == "" {
		p.scheme, url = strings.ToLower(url[:i]), url[i+1:]
	}
	if strings.HasPrefix(url, "//") {
		rest := url[2:]
		end := strings.IndexAny(rest, "/?#")
		if end < 0 {
			end = len(rest)
		}
		p.netloc = rest[:end]
		if strings.Contains(p.netloc, "[") != strings.Contains(p.netloc, "]") {
			return parsedURL{}, false
		}
	}
	return p, true
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// uriTest wraps is_uri or is_url (value, schemes=None).
func uriTest(fname string, fn func(v, schemes jinja2.Value) (bool, error)) jinja2.TestFunc {
	params := []jinja2.Param{jinja2.Required("value"), jinja2.Optional("schemes", jinja2.None)}
	return func(_ *jinja2.CallContext, v jinja2.Value, args []jinja2.Value, kw *jinja2.Dict) (bool, error) {
		a, err := bindValue(fname, params, v, args, kw)
		if err != nil {
			return false, err
		}
		return fn(a[0], a[1])
	}
}

// isURI is is_uri: any value urlparse accepts, with a scheme among
// schemes when they are given.
func isURI(v, schemes jinja2.Value) (bool, error) {
	p, ok := urlParse(v)
	if !ok {
		return false, nil
	}
	if t, err := jinja2.Truth(schemes); err != nil || !t {
		return err == nil, nil
	}
	if v.Kind() != jinja2.StrKind {
		// urlparse of a falsy non-string yields bytes, never in schemes.
		return false, nil
	}
	in, err := jinja2.Contains(schemes, jinja2.Str(p.scheme))
	if err != nil {
		return false, nil
	}
	return in, nil
}

// isURL is is_url: a URI with a network location or the file scheme.
func isURL(v, schemes jinja2.Value) (bool, error) {
	ok, err := isURI(v, schemes)
	if !ok || err != nil {
		return ok, err
	}
	p, _ := urlParse(v)
	return p.netloc != "" || p.scheme == "file", nil
}

// urnTest is is_urn(value): a URI with the urn scheme.
func urnTest(_ *jinja2.CallContext, v jinja2.Value, args []jinja2.Value, kw *jinja2.Dict) (bool, error) {
	a, err := bindValue("is_urn", []jinja2.Param{jinja2.Required("value")}, v, args, kw)
	if err != nil {
		return false, err
	}
	return isURI(a[0], jinja2.NewList(jinja2.Str("urn")))
}
