package modules

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/edxplay/edxplay/internal/connection"
	"github.com/edxplay/edxplay/modules/hostfile"
)

// downloadOptions tune a download made on the target.
type downloadOptions struct {
	dir      string // directory of the temporary file ("" : the system's)
	headers  map[string]any
	timeout  int
	insecure bool
	user     string
	password string
}

// downloadOnTarget fetches url on the target with curl or wget (whichever
// exists) into a new temporary file and returns its path.
func downloadOnTarget(ctx context.Context, fs *hostfile.FS, url string, o downloadOptions) (string, error) {
	path, _, err := downloadWithStatus(ctx, fs, url, o)
	return path, err
}

// downloadWithStatus is downloadOnTarget also returning the HTTP status (0 if unknown).
func downloadWithStatus(ctx context.Context, fs *hostfile.FS, url string, o downloadOptions) (string, int, error) {
	var curl, wget []string
	if o.timeout > 0 {
		curl = append(curl, fmt.Sprintf("--max-time %d", o.timeout))
		wget = append(wget, fmt.Sprintf("-T %d", o.timeout))
	}
	if o.insecure {
		curl, wget = append(curl, "-k"), append(wget, "--no-check-certificate")
	}
	if o.user != "" {
		curl = append(curl, "-u "+hostfile.Quote(o.user+":"+o.password))
		wget = append(wget, "--user="+hostfile.Quote(o.user), "--password="+hostfile.Quote(o.password))
	}
	keys := make([]string, 0, len(o.headers))
	for k := range o.headers {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		h := hostfile.Quote(fmt.Sprintf("%s: %v", k, o.headers[k]))
		curl, wget = append(curl, "-H "+h), append(wget, "--header="+h)
	}
	tmpl := "mktemp"
	if o.dir != "" {
		tmpl = "mktemp " + hostfile.Quote(strings.TrimSuffix(o.dir, "/")+"/.edxplay-download-XXXXXXXX")
	}
	q := hostfile.Quote(url)
	script := fmt.Sprintf(`t=$(%s) || exit 1
if command -v curl >/dev/null 2>&1; then code=$(curl -sSL -w '%%{http_code}' %s -o "$t" %s) || { rm -f "$t"; echo "curl: ${code:-failed}" >&2; exit 1; }
  case "$code" in 2*|000) ;; *) rm -f "$t"; echo "HTTP Error $code" >&2; exit 22;; esac
elif command -v wget >/dev/null 2>&1; then code=200; wget -q %s -O "$t" %s || { rm -f "$t"; exit 1; }
else rm -f "$t"; echo "neither curl nor wget is available on the target" >&2; exit 127; fi
printf '%%s %%s\n' "$code" "$t"`, tmpl, strings.Join(curl, " "), q, strings.Join(wget, " "), q)
	res, err := fs.Run(ctx, script)
	if err != nil {
		return "", 0, err
	}
	if res.RC != 0 {
		return "", 0, fmt.Errorf("Request failed: %s", strings.TrimSpace(res.Stderr))
	}
	code, path, _ := strings.Cut(strings.TrimSpace(res.Stdout), " ")
	return path, atoiOr(code, 0), nil
}

// fileAttrsFor are the attributes of a private temporary file written for call.
func fileAttrsFor(call *Call) connection.FileAttrs {
	return connection.FileAttrs{Mode: 0o600, Become: call.Become}
}
