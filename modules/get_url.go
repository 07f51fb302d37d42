package modules

import (
	"context"
	"fmt"
	"net/url"
	"path"
	"regexp"
	"strings"

	"github.com/edxplay/edxplay/internal/modspec"
	"github.com/edxplay/edxplay/internal/odict"
	"github.com/edxplay/edxplay/modules/hostfile"
)

// GetURL downloads a file from HTTP, HTTPS or FTP on the target itself.
type GetURL struct{}

// Spec describes get_url's arguments.
func (GetURL) Spec() modspec.Spec {
	return modspec.Spec{
		Name:  "get_url",
		Short: "Downloads files from HTTP, HTTPS, or FTP to node",
		Args: append([]modspec.Arg{
			{Name: "url", Type: modspec.String, Required: true, Doc: "The URL to download (fetched on the target with curl or wget)."},
			{Name: "dest", Type: modspec.Path, Required: true, Doc: "Destination file, or directory to save the URL's basename into."},
			{Name: "checksum", Type: modspec.String, Default: "", Doc: "algorithm:hexdigest or algorithm:URL-of-checksum-file; verified after download and used to skip downloads."},
			{Name: "force", Type: modspec.Bool, Default: false, Aliases: []string{"thirsty"}, Doc: "Always download; otherwise an existing file matching checksum is kept."},
			{Name: "backup", Type: modspec.Bool, Default: false, Doc: "Keep a backup of a replaced file."},
			{Name: "headers", Type: modspec.Dict, Doc: "Extra HTTP headers."},
			{Name: "timeout", Type: modspec.Int, Default: 10, Doc: "Request timeout in seconds."},
			{Name: "validate_certs", Type: modspec.Bool, Default: true, Doc: "Check TLS certificates."},
			{Name: "url_username", Type: modspec.String, Aliases: []string{"username"}, Doc: "User for HTTP basic authentication."},
			{Name: "url_password", Type: modspec.String, NoLog: true, Aliases: []string{"password"}, Doc: "Password for HTTP basic authentication."},
		}, fileAttrArgs()...),
		Example: "- get_url:\n    url: https://example.com/file.tar.gz\n    dest: /opt/file.tar.gz\n    checksum: sha256:b5bb9d8014a0f9b1d61e21e796d78dccdf1352f23cd32812f4850b878ae4944c\n    mode: \"0644\"\n",
	}
}

// wantedSum is a checksum to verify.
type wantedSum struct{ algo, hex string }

var checksumSep = regexp.MustCompile(`\W+`)

// Run downloads url to dest unless dest already has the content.
func (g GetURL) Run(ctx context.Context, call *Call) (*Result, error) {
	return runDescribed(ctx, g, call)
}

// Describe downloads url to a scratch file beside dest (held by the
// description until released), compares it with dest and describes the
// change, leaving dest as it is.
func (GetURL) Describe(ctx context.Context, call *Call) (*Planned, error) {
	a := args(call.Args)
	fs := hostfile.New(call.Conn, call.Become)
	rawURL, dest := a.str("url"), a.str("dest")
	data := map[string]any{"url": rawURL, "dest": dest, "changed": false}
	opts := downloadOptions{headers: dictArg(a["headers"]), timeout: a.integer("timeout"), insecure: !a.boolean("validate_certs"),
		user: a.str("url_username"), password: a.str("url_password")}
	info, err := fs.Stat(ctx, dest, hostfile.StatOptions{Follow: true})
	if err != nil {
		return nil, err
	}
	if info.IsDir() {
		dest = path.Join(dest, urlFilename(rawURL))
		data["dest"] = dest
		if info, err = fs.Stat(ctx, dest, hostfile.StatOptions{Follow: true}); err != nil {
			return nil, err
		}
	}
	sum, err := parseChecksumArg(ctx, fs, a.str("checksum"), rawURL, opts)
	if err != nil {
		return reported(&Result{Failed: true, Msg: err.Error(), Data: data}), nil
	}
	if info.Exists && !a.boolean("force") && sum.hex != "" {
		have, err := fs.Stat(ctx, dest, hostfile.StatOptions{Follow: true, Checksum: sum.algo})
		if err != nil {
			return nil, err
		}
		if have.Checksum == sum.hex {
			return keepExisting(ctx, call, fs, have, data), nil
		}
	}
	return describeDownload(ctx, call, fs, rawURL, dest, info, sum, opts, data)
}

// keepExisting describes bringing the attributes of a dest whose checksum
// already matches in line.
func keepExisting(ctx context.Context, call *Call, fs *hostfile.FS, info hostfile.Info, data map[string]any) *Planned {
	plan, err := fs.PlanAttrs(ctx, info, args(call.Args).attrs())
	if err != nil {
		return reported(&Result{Failed: true, Msg: err.Error(), Data: data})
	}
	change := plan.Change
	msg := "file already exists"
	if change.Changed() {
		msg = "file already exists but file attributes changed"
	}
	res := &Result{Changed: change.Changed(), Msg: msg, Data: data, Diffs: attrDiffs(call, info.Path, change)}
	if !change.Changed() {
		return reported(res)
	}
	return planned(res, func(ctx context.Context, call *Call) (*Result, error) {
		if err := fs.ApplyAttrs(ctx, plan); err != nil {
			return &Result{Failed: true, Msg: err.Error(), Data: data}, nil
		}
		made := reportedTo(res, call)
		made.Diffs = attrDiffs(call, info.Path, change)
		return made, nil
	})
}

// attrDiffs renders an attribute change as a diff.
func attrDiffs(call *Call, p string, change hostfile.AttrChange) []modspec.Diff {
	if !call.Diff || !change.Changed() {
		return nil
	}
	return []modspec.Diff{{BeforeHeader: p, AfterHeader: p, Before: jsonDiff(change.Before), After: jsonDiff(change.After)}}
}

// parseChecksumArg reads "algo:hex" or "algo:URL" (a checksum file fetched on the target).
func parseChecksumArg(ctx context.Context, fs *hostfile.FS, arg, rawURL string, o downloadOptions) (wantedSum, error) {
	if arg == "" {
		return wantedSum{}, nil
	}
	algo, value, ok := strings.Cut(arg, ":")
	if !ok {
		return wantedSum{}, fmt.Errorf("The checksum parameter has to be in format <algorithm>:<checksum>")
	}
	algo = strings.ToLower(algo)
	if !map[string]bool{"md5": true, "sha1": true, "sha224": true, "sha256": true, "sha384": true, "sha512": true}[algo] {
		return wantedSum{}, fmt.Errorf("unsupported hash algorithm: %s", algo)
	}
	if u, err := url.Parse(value); err == nil && u.Scheme != "" && u.Host+u.Path != "" && strings.Contains(value, "://") {
		tmp, err := downloadOnTarget(ctx, fs, value, o)
		if err != nil {
			return wantedSum{}, err
		}
		content, err := fs.Exec(ctx, "cat "+hostfile.Quote(tmp)+"; rm -f "+hostfile.Quote(tmp))
		if err != nil {
			return wantedSum{}, err
		}
		if value, err = checksumFromList(content, urlFilename(rawURL), value); err != nil {
			return wantedSum{}, err
		}
	}
	value = strings.ToLower(checksumSep.ReplaceAllString(value, ""))
	if !isHex(strings.ToUpper(value)) {
		return wantedSum{}, fmt.Errorf("The checksum format is invalid")
	}
	return wantedSum{algo: algo, hex: value}, nil
}

// checksumFromList finds filename's checksum in a sha256sum-style list.
func checksumFromList(content, filename, listURL string) (string, error) {
	lines := strings.Split(strings.TrimRight(content, "\n"), "\n")
	if len(lines) == 1 && len(strings.Fields(lines[0])) == 1 {
		return lines[0], nil
	}
	for _, line := range lines {
		sum, name, ok := strings.Cut(line, " ")
		if !ok {
			continue
		}
		name = strings.TrimLeft(strings.TrimPrefix(strings.TrimPrefix(name, " "), "*"), "./")
		if name == filename {
			return sum, nil
		}
	}
	return "", fmt.Errorf("Unable to find a checksum for file '%s' in '%s'", filename, listURL)
}

// urlFilename is the last path element of a URL, as Ansible names downloads.
func urlFilename(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "index.html"
	}
	name := path.Base(u.Path)
	if name == "." || name == "/" || name == "" {
		return "index.html"
	}
	return name
}

// dictArg converts a dict argument to a map (for reading).
func dictArg(v any) map[string]any {
	m, _ := odict.Plain(v)
	return m
}
