package modules

import (
	"context"
	"fmt"
	"mime"
	"net/url"
	"strings"

	"github.com/edxplay/edxplay/internal/pyvalue"
	"github.com/edxplay/edxplay/modules/hostfile"
)

// jsonSubtypes are the content subtypes uri parses as JSON.
var jsonSubtypes = map[string]bool{"json": true, "javascript": true}

// result shapes the response as Ansible's uri module, writing dest when
// the status is a success.
func (r *uriResponse) result(ctx context.Context, fs *hostfile.FS, a args, codes []int) (*Result, error) {
	data := map[string]any{"url": r.finalURL, "status": r.status, "redirected": r.finalURL != r.url, "elapsed": r.elapsed, "changed": false}
	ok := false
	for _, c := range codes {
		ok = ok || c == r.status
	}
	changed := false
	dest := a.str("dest")
	cleanup := "rm -f " + hostfile.Quote(r.bodyFile)
	if r.status > 0 && dest != "" && ok && r.status != 304 {
		cleanup = "mv -f " + hostfile.Quote(r.bodyFile) + " " + hostfile.Quote(dest)
		changed = true
		data["path"] = dest
	}
	if _, err := fs.Exec(ctx, cleanup); err != nil {
		return &Result{Failed: true, Msg: "failed to write " + dest + ": " + err.Error(), Data: data}, nil
	}
	if r.status < 0 {
		data["msg"] = "Request failed: " + r.curlErr
	} else {
		success := r.status >= 200 && r.status < 300 // urllib raises HTTPError otherwise
		r.addHeaders(data, success)
		if success {
			data["msg"] = fmt.Sprintf("OK (%s bytes)", headerOr(r.headers, "content-length", "unknown"))
		} else {
			data["msg"] = fmt.Sprintf("HTTP Error %d: %s", r.status, r.reason)
		}
		maybeJSON := r.addContent(data, a.boolean("return_content"))
		if !success && ok && !maybeJSON && !a.boolean("return_content") {
			data["body"] = r.body // an HTTPError's body stays in info when not read as content
		}
	}
	data["changed"] = changed
	msg := data["msg"].(string)
	if !ok {
		msg = fmt.Sprintf("Status code was %d and not %s: %s", r.status, pyvalue.Repr(toAnyInts(codes)), msg)
		data["msg"] = msg
	}
	return &Result{Changed: changed, Failed: !ok, Msg: msg, Data: data}, nil
}

// addHeaders adds the response headers and an absolute location; for a
// success, duplicates are joined with ", " and cookies are added (an
// HTTPError's headers keep the last duplicate and have no cookies).
func (r *uriResponse) addHeaders(data map[string]any, success bool) {
	cookies := map[string]any{}
	var pairs []string
	for _, h := range r.headers {
		key := strings.ReplaceAll(h[0], "-", "_")
		if old, dup := data[key].(string); dup && success {
			data[key] = old + ", " + h[1]
		} else {
			data[key] = h[1]
		}
		if h[0] == "set-cookie" {
			nv, _, _ := strings.Cut(h[1], ";")
			if name, value, found := strings.Cut(nv, "="); found {
				cookies[strings.TrimSpace(name)] = strings.TrimSpace(value)
				pairs = append(pairs, strings.TrimSpace(name)+"="+strings.TrimSpace(value))
			}
		}
	}
	if success {
		data["cookies"], data["cookies_string"] = cookies, strings.Join(pairs, "; ")
	}
	if loc, ok := data["location"].(string); ok {
		data["location"] = absoluteLocation(r.url, loc)
	}
}

// addContent adds content (return_content) and json (a JSON content
// type); it reports whether the content type is JSON.
func (r *uriResponse) addContent(data map[string]any, returnContent bool) bool {
	_, sub := splitContentType(headerOr(r.headers, "content-type", "application/octet-stream"))
	if _, suffix, plus := strings.Cut(sub, "+"); plus {
		sub = suffix
	}
	maybeJSON := jsonSubtypes[strings.ToLower(sub)]
	if maybeJSON {
		if v, err := pyvalue.ParseJSON(r.body); err == nil {
			data["json"] = v
		}
	}
	if returnContent {
		data["content"] = r.body
	}
	return maybeJSON
}

func splitContentType(ct string) (string, string) {
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		mt = ct
	}
	main, sub, _ := strings.Cut(mt, "/")
	return main, sub
}

func headerOr(headers [][2]string, name, def string) string {
	for _, h := range headers {
		if h[0] == name {
			return h[1]
		}
	}
	return def
}

// absoluteLocation is Ansible's absolute_location.
func absoluteLocation(base, loc string) string {
	switch {
	case strings.Contains(loc, "://"):
		return loc
	case strings.HasPrefix(loc, "/"):
		u, err := url.Parse(base)
		if err != nil {
			return loc
		}
		return strings.Replace(base, u.Path, "", 1) + loc
	}
	return loc
}

func toAnyInts(n []int) []any {
	out := make([]any, len(n))
	for i, v := range n {
		out[i] = v
	}
	return out
}
