package jinja

import (
	"crypto/sha1"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
)

// ansibleUUIDNamespace is the default namespace of Ansible's to_uuid filter.
const ansibleUUIDNamespace = "361e6d51-faec-444a-9079-341386da8e2e"

func urlFilters() map[string]filterFn {
	return map[string]filterFn{
		"to_uuid":  filterToUUID,
		"urlsplit": filterURLSplit,
	}
}

// filterToUUID implements to_uuid: uuid.uuid5(namespace, str(value)).
func filterToUUID(in any, c *call) (any, error) {
	ns, err := parseUUID(pyStr(c.arg(0, "namespace", ansibleUUIDNamespace)))
	if err != nil {
		return nil, err
	}
	h := sha1.New()
	h.Write(ns)
	h.Write([]byte(pyStr(in)))
	sum := h.Sum(nil)[:16]
	sum[6] = sum[6]&0x0f | 0x50
	sum[8] = sum[8]&0x3f | 0x80
	x := hex.EncodeToString(sum)
	return x[0:8] + "-" + x[8:12] + "-" + x[12:16] + "-" + x[16:20] + "-" + x[20:], nil
}

// parseUUID reads a UUID in any of the usual spellings (braces, urn prefix,
// dashes optional) into its 16 bytes.
func parseUUID(s string) ([]byte, error) {
	hexs := strings.TrimPrefix(strings.TrimPrefix(s, "urn:"), "uuid:")
	hexs = strings.ReplaceAll(strings.Trim(hexs, "{}"), "-", "")
	b, err := hex.DecodeString(hexs)
	if err != nil || len(b) != 16 {
		return nil, fmt.Errorf("badly formed hexadecimal UUID string")
	}
	return b, nil
}

// urlParts is the result of Python's urllib.parse.urlsplit.
type urlParts struct {
	scheme, netloc, path, query, fragment string
}

// pyURLSplit splits a URL like urllib.parse.urlsplit (default scheme ”,
// fragments allowed).
func pyURLSplit(u string) urlParts {
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

// fields returns the attributes of the SplitResult.
func (p urlParts) fields() map[string]any {
	userinfo, hostport, hasUser := strings.Cut(p.netloc, "@")
	if !hasUser {
		userinfo, hostport = "", p.netloc
	}
	var username, password any
	if hasUser {
		user, pass, hasPass := strings.Cut(userinfo, ":")
		username = user
		if hasPass {
			password = pass
		}
	}
	host, port := splitHostPort(hostport)
	var hostname any
	if host != "" {
		hostname = strings.ToLower(host)
	}
	var portVal any
	if n, err := strconv.Atoi(port); err == nil && port != "" {
		portVal = n
	}
	return map[string]any{
		"scheme": p.scheme, "netloc": p.netloc, "path": p.path, "query": p.query,
		"fragment": p.fragment, "username": username, "password": password,
		"hostname": hostname, "port": portVal,
	}
}

func splitHostPort(hp string) (string, string) {
	if strings.HasPrefix(hp, "[") {
		end := strings.IndexByte(hp, ']')
		if end < 0 {
			return hp[1:], ""
		}
		_, port, _ := strings.Cut(hp[end+1:], ":")
		return hp[1:end], port
	}
	host, port, _ := strings.Cut(hp, ":")
	return host, port
}

// filterURLSplit implements Ansible's urlsplit filter: one attribute, or
// a dict of them all.
func filterURLSplit(in any, c *call) (any, error) {
	all := pyURLSplit(pyStr(in)).fields()
	query := pyStr(c.arg(0, "query", ""))
	if query == "" {
		return all, nil // Ansible builds the dict from dir(): sorted keys
	}
	v, ok := all[query]
	if !ok {
		return nil, fmt.Errorf("urlsplit: unknown URL component: %s", query)
	}
	return v, nil
}
