package modules

import (
	"context"
	"fmt"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/edxplay/edxplay/internal/connection"
	"github.com/edxplay/edxplay/internal/odict"
	"github.com/edxplay/edxplay/internal/pyvalue"
)

// uriRequest is one request, written as a curl config read on stdin so
// that credentials, headers and the body never appear on a command line.
type uriRequest struct {
	url    string
	config strings.Builder
}

// curlQuote quotes s for a curl config file.
func curlQuote(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`, "\r", `\r`, "\t", `\t`)
	return `"` + r.Replace(s) + `"`
}

func (r *uriRequest) set(key, value string) {
	fmt.Fprintf(&r.config, "%s = %s\n", key, curlQuote(value))
}

// newURIRequest encodes the body and headers as Ansible's uri does.
func newURIRequest(a args) (*uriRequest, error) {
	r := &uriRequest{url: a.str("url")}
	headers := map[string]string{}
	for k, v := range dictArg(a["headers"]) {
		headers[k] = fmt.Sprint(v)
	}
	body, hasBody, err := uriBody(a, headers)
	if err != nil {
		return nil, err
	}
	method := a.str("method")
	r.set("url", r.url)
	r.set("request", method)
	r.set("user-agent", a.str("http_agent"))
	r.set("max-time", strconv.Itoa(a.integer("timeout")))
	switch follow := a.str("follow_redirects"); {
	case follow == "all" || follow == "yes" || follow == "urllib2",
		follow == "safe" && (method == "GET" || method == "HEAD"):
		r.config.WriteString("location\nmax-redirs = 50\n")
	}
	if !a.boolean("validate_certs") {
		r.config.WriteString("insecure\n")
	}
	if ca := a.str("ca_path"); ca != "" {
		r.set("cacert", ca)
	}
	if a.has("url_username") {
		r.set("user", a.str("url_username")+":"+a.str("url_password"))
		if !a.boolean("force_basic_auth") {
			r.config.WriteString("anyauth\n")
		}
	}
	names := make([]string, 0, len(headers))
	for k := range headers {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		r.set("header", k+": "+headers[k])
	}
	if hasBody {
		r.set("data-binary", body)
	}
	if method == "HEAD" {
		r.config.WriteString("head\n")
	}
	return r, nil
}

// uriBody encodes body per body_format and sets the content type.
func uriBody(a args, headers map[string]string) (string, bool, error) {
	body, has := a["body"], a.has("body")
	hasType := false
	for k := range headers {
		hasType = hasType || strings.EqualFold(k, "content-type")
	}
	switch a.str("body_format") {
	case "json":
		if s, ok := body.(string); ok || !has {
			if !hasType {
				headers["Content-Type"] = "application/json"
			}
			return s, has, nil
		}
		s, err := pyvalue.Dumps(body)
		if !hasType {
			headers["Content-Type"] = "application/json"
		}
		return s, true, err
	case "form-urlencoded":
		if !hasType {
			headers["Content-Type"] = "application/x-www-form-urlencoded"
		}
		if m, ok := odict.AsMap(body); ok {
			v := url.Values{}
			for k, x := range m.All() {
				if x != nil {
					v.Add(k, pyvalue.Str(x))
				}
			}
			return v.Encode(), true, nil
		}
	}
	if body == nil {
		return "", false, nil
	}
	if s, ok := body.(string); ok {
		return s, true, nil
	}
	return pyvalue.Str(body), true, nil
}

// uriResponse is what curl got.
type uriResponse struct {
	url, finalURL string
	status        int
	reason        string
	curlErr       string
	headers       [][2]string
	body          string
	elapsed       int
	bodyFile      string
}

// uriScript runs curl with the config on stdin, then prints the exit
// status, the last response's headers and the body file's path.
const uriScript = `h=$(mktemp) && b=$(mktemp) || exit 1
w=$(curl -sS -K - -D "$h" -o "$b" -w '%{http_code} %{url_effective}' 2>&1); rc=$?
printf '%s\n%s\n%s\n' "$rc" "$b" "$w"; printf '@@HEADERS\n'; cat "$h"; rm -f "$h"; printf '@@BODY\n'; cat "$b"`

// do runs the request on the host.
func (r *uriRequest) do(ctx context.Context, call *Call) (*uriResponse, error) {
	start := time.Now()
	res, err := call.Conn.Run(ctx, connection.Command{Cmd: uriScript, Stdin: []byte(r.config.String()), Become: call.Become})
	if err != nil {
		return nil, err
	}
	if res.RC != 0 {
		return nil, fmt.Errorf("run curl: rc %d: %s", res.RC, strings.TrimSpace(res.Stderr))
	}
	head, body, _ := strings.Cut(res.Stdout, "\n@@BODY\n")
	meta, hdrs, _ := strings.Cut(head, "\n@@HEADERS\n")
	lines := strings.SplitN(meta, "\n", 3)
	if len(lines) < 3 {
		return nil, fmt.Errorf("unexpected curl output %q", meta)
	}
	resp := &uriResponse{url: r.url, finalURL: r.url, body: body, bodyFile: lines[1], elapsed: int(time.Since(start).Seconds())}
	rc, _ := strconv.Atoi(lines[0])
	out := lines[2]
	if i := strings.LastIndex(out, "\n"); i >= 0 {
		resp.curlErr, out = strings.TrimPrefix(strings.TrimSpace(out[:i]), "curl: "), out[i+1:]
	}
	code, final, _ := strings.Cut(out, " ")
	resp.status, _ = strconv.Atoi(code)
	if rc != 0 || resp.status == 0 {
		resp.status = -1
		if resp.curlErr == "" {
			resp.curlErr = fmt.Sprintf("curl exited %d", rc)
		}
		return resp, nil
	}
	resp.finalURL = final
	resp.reason, resp.headers = lastHeaderBlock(hdrs)
	return resp, nil
}

// lastHeaderBlock parses the final response's header lines (curl dumps
// every response's headers when following redirects).
func lastHeaderBlock(dump string) (string, [][2]string) {
	var out [][2]string
	reason := ""
	for _, line := range strings.Split(strings.ReplaceAll(dump, "\r\n", "\n"), "\n") {
		if strings.HasPrefix(line, "HTTP/") {
			out = nil
			if f := strings.SplitN(line, " ", 3); len(f) == 3 {
				reason = f[2]
			}
			continue
		}
		if k, v, ok := strings.Cut(line, ":"); ok {
			out = append(out, [2]string{strings.ToLower(strings.TrimSpace(k)), strings.TrimSpace(v)})
		}
	}
	return reason, out
}
