package modules

import (
	"context"
	"fmt"
	"strings"

	"github.com/edxplay/edxplay/internal/modspec"
	"github.com/edxplay/edxplay/modules/hostfile"
)

// installDeb installs a .deb file (a path on the target or a URL fetched
// on the target) unless the same version is already installed.
func (r *aptRun) installDeb(ctx context.Context, deb string) (*Result, error) {
	if strings.Contains(deb, "://") {
		local, err := r.downloadDeb(ctx, deb)
		if err != nil {
			return &Result{Failed: true, Msg: err.Error()}, nil
		}
		defer func() { _, _ = r.fs.Run(ctx, "rm -f "+hostfile.Quote(local)) }()
		deb = local
	}
	q := hostfile.Quote(deb)
	out, err := r.fs.Exec(ctx, fmt.Sprintf("dpkg-deb -f %s Package Version", q))
	if err != nil {
		return &Result{Failed: true, Msg: fmt.Sprintf("dpkg --field %s failed: %v", deb, err)}, nil
	}
	fields := map[string]string{}
	for _, line := range strings.Split(out, "\n") {
		if k, v, ok := strings.Cut(line, ": "); ok {
			fields[k] = strings.TrimSpace(v)
		}
	}
	pkgs, err := r.queryPackages(ctx, []string{fields["Package"]}, "")
	if err != nil {
		return nil, err
	}
	if pkgs[0].installed == fields["Version"] {
		return &Result{Data: map[string]any{"stdout": "", "stderr": ""}}, nil
	}
	var opts []string
	for _, o := range strings.Split(r.a.str("dpkg_options"), ",") {
		opts = append(opts, "--"+strings.TrimSpace(o))
	}
	if r.call.Check {
		opts = append(opts, "--simulate")
	}
	if r.a.boolean("force") {
		opts = append(opts, "--force-all")
	}
	cmd := fmt.Sprintf("dpkg %s -i %s", strings.Join(opts, " "), q)
	script := cmd
	if !r.call.Check {
		script = fmt.Sprintf("%s || apt-get -y %s -f install", cmd, dpkgOptions(r.a.str("dpkg_options")))
	}
	res, err := r.exec(ctx, script)
	if err != nil {
		return nil, err
	}
	data := map[string]any{"stdout": res.Stdout, "stderr": res.Stderr}
	if res.RC != 0 {
		return &Result{Failed: true, Msg: cmd + " failed", Data: data}, nil
	}
	diff := []modspec.Diff{{Before: packageStates(pkgs, func(p aptPackage) string { return p.installed }),
		After: fmt.Sprintf("%s: %s\n", fields["Package"], fields["Version"])}}
	if !r.call.Diff {
		diff = nil
	}
	return &Result{Changed: true, Data: data, Diffs: diff}, nil
}

// downloadDeb fetches url into a temporary file on the target.
func (r *aptRun) downloadDeb(ctx context.Context, url string) (string, error) {
	script := fmt.Sprintf(`t=$(mktemp --suffix=.deb) || exit 1
if command -v curl >/dev/null 2>&1; then curl -fsSL -o "$t" %[1]s
elif command -v wget >/dev/null 2>&1; then wget -q -O "$t" %[1]s
else echo "neither curl nor wget is available" >&2; rm -f "$t"; exit 1; fi || { rm -f "$t"; exit 1; }
echo "$t"`, hostfile.Quote(url))
	out, err := r.fs.Exec(ctx, script)
	if err != nil {
		return "", fmt.Errorf("failed to download %s: %w", url, err)
	}
	return strings.TrimSpace(out), nil
}
