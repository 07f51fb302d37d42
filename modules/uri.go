package modules

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/edxplay/edxplay/internal/modspec"
	"github.com/edxplay/edxplay/modules/hostfile"
)

// URI makes an HTTP request from the target with its curl and reports the
// response as Ansible's uri does: status, url, msg, the headers (lower
// case, '-' as '_'), cookies, content and json.
type URI struct{}

// Spec describes uri's arguments.
func (URI) Spec() modspec.Spec {
	return modspec.Spec{
		Name:  "uri",
		Short: "Interacts with webservices",
		Args: append([]modspec.Arg{
			{Name: "url", Type: modspec.String, Required: true, Doc: "HTTP or HTTPS URL."},
			{Name: "dest", Type: modspec.Path, Doc: "A path on the target to write the response body to."},
			{Name: "url_username", Type: modspec.String, Aliases: []string{"user"}, Doc: "Username for HTTP basic authentication."},
			{Name: "url_password", Type: modspec.String, Aliases: []string{"password"}, NoLog: true, Doc: "Password for HTTP basic authentication."},
			{Name: "force_basic_auth", Type: modspec.Bool, Default: false, Doc: "Send the basic authentication header upfront."},
			{Name: "body", Type: modspec.Raw, Doc: "The request body (encoded per body_format)."},
			{Name: "body_format", Type: modspec.String, Default: "raw", Choices: []string{"form-urlencoded", "json", "raw", "form-multipart"}, Doc: "How body is encoded (form-multipart is not supported)."},
			{Name: "src", Type: modspec.Path, Doc: "Not supported by edxplay (a file to send as the body)."},
			{Name: "method", Type: modspec.String, Default: "GET", Doc: "The HTTP method, one upper-case word."},
			{Name: "return_content", Type: modspec.Bool, Default: false, Doc: "Return the body as content."},
			{Name: "follow_redirects", Type: modspec.String, Default: "safe", Choices: []string{"all", "no", "none", "safe", "urllib2", "yes"}, Doc: "Which redirects to follow (safe: only for GET and HEAD)."},
			{Name: "creates", Type: modspec.Path, Doc: "A path on the target; when it exists, the request is not made."},
			{Name: "removes", Type: modspec.Path, Doc: "A path on the target; when it does not exist, the request is not made."},
			{Name: "status_code", Type: modspec.List, Default: []any{200}, Doc: "Status codes that mean success."},
			{Name: "timeout", Type: modspec.Int, Default: 30, Doc: "Socket timeout in seconds."},
			{Name: "headers", Type: modspec.Dict, Default: map[string]any{}, Doc: "Request headers."},
			{Name: "validate_certs", Type: modspec.Bool, Default: true, Doc: "Verify TLS certificates."},
			{Name: "http_agent", Type: modspec.String, Default: "ansible-httpget", Doc: "The User-Agent header."},
			{Name: "ca_path", Type: modspec.Path, Doc: "A CA certificate bundle on the target."},
		}, uriIgnoredArgs()...),
		MutuallyExclusive: [][]string{{"body", "src"}},
		Example:           "- uri:\n    url: http://127.0.0.1:8000/api/health\n    return_content: true\n  register: health\n\n- uri:\n    url: https://example.invalid/api\n    method: POST\n    body_format: json\n    body: {name: x}\n    status_code: [200, 201]\n",
	}
}

// uriIgnoredArgs are accepted for compatibility and have no effect.
func uriIgnoredArgs() []modspec.Arg {
	var out []modspec.Arg
	for _, n := range []string{"force", "use_proxy", "use_gssapi", "remote_src", "decompress", "use_netrc"} {
		out = append(out, modspec.Arg{Name: n, Type: modspec.Bool, Doc: "Accepted for compatibility; no effect."})
	}
	for _, n := range []string{"client_cert", "client_key", "unix_socket"} {
		out = append(out, modspec.Arg{Name: n, Type: modspec.Path, Doc: "Accepted for compatibility; no effect."})
	}
	for _, n := range []string{"unredirected_headers", "ciphers"} {
		out = append(out, modspec.Arg{Name: n, Type: modspec.List, Doc: "Accepted for compatibility; no effect."})
	}
	return append(out, fileAttrArgs()...)
}

var uriMethodRe = regexp.MustCompile(`^[A-Z]+$`)

// Run checks the arguments, makes the request and shapes the result.
func (m URI) Run(ctx context.Context, call *Call) (*Result, error) {
	return runDescribed(ctx, m, call)
}

// Describe reads nothing: a request's effect on the server cannot be
// known, so check mode skips it, as Ansible skips uri (it does not
// support check mode); the apply step makes the request.
func (URI) Describe(_ context.Context, _ *Call) (*Planned, error) {
	return planned(&Result{Skipped: true, Msg: "remote module (uri) does not support check mode"}, callURI), nil
}

// callURI checks the arguments, makes the request and shapes the result.
func callURI(ctx context.Context, call *Call) (*Result, error) {
	a := args(call.Args)
	a = withUpperMethod(a)
	if !uriMethodRe.MatchString(a.str("method")) {
		return &Result{Failed: true, Msg: "Parameter 'method' needs to be a single word in uppercase, like GET or POST."}, nil
	}
	if a.has("src") || a.str("body_format") == "form-multipart" {
		return &Result{Failed: true, Msg: "edxplay's uri does not support src or body_format form-multipart"}, nil
	}
	codes, err := uriStatusCodes(a.list("status_code"))
	if err != nil {
		return &Result{Failed: true, Msg: err.Error()}, nil
	}
	fs := hostfile.New(call.Conn, call.Become)
	if res, err := uriSkip(ctx, fs, a); res != nil || err != nil {
		return res, err
	}
	req, err := newURIRequest(a)
	if err != nil {
		return &Result{Failed: true, Msg: err.Error(), Data: map[string]any{"elapsed": 0}}, nil
	}
	resp, err := req.do(ctx, call)
	if err != nil {
		return nil, err
	}
	return resp.result(ctx, fs, a, codes)
}

// uriStatusCodes converts status_code's items to ints.
func uriStatusCodes(items []any) ([]int, error) {
	out := make([]int, 0, len(items))
	for _, it := range items {
		n, err := strconv.Atoi(strings.TrimSpace(fmt.Sprint(it)))
		if err != nil {
			return nil, fmt.Errorf("status_code: %v is not an int", it)
		}
		out = append(out, n)
	}
	return out, nil
}

// uriSkip returns the ok result creates/removes ask for, or nil.
func uriSkip(ctx context.Context, fs *hostfile.FS, a args) (*Result, error) {
	for _, c := range []struct {
		arg, msg string
		want     bool
	}{{"creates", "skipped, since '%s' exists", true}, {"removes", "skipped, since '%s' does not exist", false}} {
		p := a.str(c.arg)
		if p == "" {
			continue
		}
		res, err := fs.Run(ctx, "test -e "+hostfile.Quote(p))
		if err != nil {
			return nil, err
		}
		if (res.RC == 0) == c.want {
			return &Result{Data: map[string]any{"stdout": fmt.Sprintf(c.msg, p)}}, nil
		}
	}
	return nil, nil
}

// withUpperMethod returns a with method upper-cased, as Ansible's uri does.
func withUpperMethod(a args) args {
	out := args{}
	for k, v := range a {
		out[k] = v
	}
	out["method"] = strings.ToUpper(a.str("method"))
	return out
}
