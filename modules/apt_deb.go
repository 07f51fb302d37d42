package modules

import (
	"context"
	"fmt"
	"strings"

	"github.com/edxplay/edxplay/internal/modspec"
	"github.com/edxplay/edxplay/modules/hostfile"
)

// describeDeb reads a .deb file (a path on the target, or a URL fetched
// on the target and held there until the description is released) and
// describes installing it unless the same version is already installed.
func (r *aptRun) describeDeb(ctx context.Context, deb string) (*Planned, error) {
	var release func()
	if strings.Contains(deb, "://") {
		local, err := r.downloadDeb(ctx, deb)
		if err != nil {
			return reported(&Result{Failed: true, Msg: err.Error()}), nil
		}
		fs := r.fs
		release = func() { _, _ = fs.Run(context.WithoutCancel(ctx), "rm -f "+hostfile.Quote(local)) }
		deb = local
	}
	p, err := r.describeDebFile(ctx, deb)
	if err != nil || p == nil {
		if release != nil {
			release()
		}
		return p, err
	}
	p.release = release
	return p, nil
}

// describeDebFile describes installing the .deb file deb on the target.
func (r *aptRun) describeDebFile(ctx context.Context, deb string) (*Planned, error) {
	out, err := r.fs.Exec(ctx, fmt.Sprintf("dpkg-deb -f %s Package Version", hostfile.Quote(deb)))
	if err != nil {
		return reported(&Result{Failed: true, Msg: fmt.Sprintf("dpkg --field %s failed: %v", deb, err)}), nil
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
		return reported(&Result{Data: map[string]any{"stdout": "", "stderr": ""}}), nil
	}
	return r.describeStep(ctx, func(ctx context.Context, r *aptRun) (*Result, error) {
		return r.installDeb(ctx, deb, fields, pkgs)
	})
}

// installDeb runs dpkg -i on deb (then apt-get -f install when dpkg
// fails for real), the package of fields, known as pkgs before.
func (r *aptRun) installDeb(ctx context.Context, deb string, fields map[string]string, pkgs []aptPackage) (*Result, error) {
	var opts []string
	for _, o := range strings.Split(r.a.str("dpkg_options"), ",") {
		opts = append(opts, "--"+strings.TrimSpace(o))
	}
	if r.simulate {
		opts = append(opts, "--simulate")
	}
	if r.a.boolean("force") {
		opts = append(opts, "--force-all")
	}
	cmd := fmt.Sprintf("dpkg %s -i %s", strings.Join(opts, " "), hostfile.Quote(deb))
	script := cmd
	if !r.simulate {
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
