package modules

import (
	"context"
	"crypto/rand"
	"fmt"
	"math/big"
	"strings"

	"github.com/edxplay/edxplay/internal/modspec"
	"github.com/edxplay/edxplay/modules/hostfile"
)

// Tempfile creates a uniquely named temporary file (mode 0600) or
// directory (0700) on the host, as Python's mkstemp/mkdtemp do.
type Tempfile struct{}

// Spec describes tempfile's arguments.
func (Tempfile) Spec() modspec.Spec {
	return modspec.Spec{
		Name:  "tempfile",
		Short: "Creates temporary files and directories",
		Args: []modspec.Arg{
			{Name: "state", Type: modspec.String, Default: "file", Choices: []string{"file", "directory"}, Doc: "Whether to create a file or a directory."},
			{Name: "path", Type: modspec.Path, Doc: "Location where the temporary file or directory is created (default: $TMPDIR or /tmp on the host)."},
			{Name: "prefix", Type: modspec.String, Default: "ansible.", Doc: "Prefix of the file or directory name."},
			{Name: "suffix", Type: modspec.String, Default: "", Doc: "Suffix of the file or directory name."},
		},
		Example: "- tempfile:\n    state: directory\n    suffix: build\n  register: build_dir\n",
	}
}

// tempNameChars are the characters of Python's tempfile names.
const tempNameChars = "abcdefghijklmnopqrstuvwxyz0123456789_"

// tempAttempts bounds the retries on a name that already exists.
const tempAttempts = 100

// Run creates the file or directory.
func (m Tempfile) Run(ctx context.Context, call *Call) (*Result, error) {
	return runDescribed(ctx, m, call)
}

// Describe reads nothing: the name is chosen when the file is created, so
// check mode skips the task, as Ansible skips modules without check-mode
// support; the apply step creates the file or directory.
func (Tempfile) Describe(_ context.Context, _ *Call) (*Planned, error) {
	return planned(&Result{Skipped: true, Msg: "remote module (tempfile) does not support check mode"}, createTempfile), nil
}

// createTempfile creates a file or directory under a fresh random name.
func createTempfile(ctx context.Context, call *Call) (*Result, error) {
	a := args(call.Args)
	fs := hostfile.New(call.Conn, call.Become)
	dir := `"${TMPDIR:-/tmp}"`
	if p := a.str("path"); p != "" {
		dir = hostfile.Quote(p)
	}
	create := `( umask 077 && set -C && : > "$p" )`
	if a.str("state") == "directory" {
		create = `mkdir -m 700 "$p"`
	}
	for range tempAttempts {
		name := a.str("prefix") + randomTempName() + a.str("suffix")
		script := fmt.Sprintf(`d=%s; p="${d%%/}/"%s; if [ -e "$p" ] || [ -h "$p" ]; then echo EXISTS; exit 0; fi; %s 2>&1 || exit 1; printf 'OK %%s' "$p"`,
			dir, hostfile.Quote(name), create)
		out, err := fs.Exec(ctx, script)
		if err != nil {
			return &Result{Failed: true, Msg: strings.TrimSpace(strings.TrimPrefix(err.Error(), "rc 1: "))}, nil
		}
		if path, ok := strings.CutPrefix(out, "OK "); ok {
			info, err := fs.Stat(ctx, path, hostfile.StatOptions{})
			if err != nil {
				return nil, err
			}
			return &Result{Changed: true, Data: fileState(info)}, nil
		}
	}
	return &Result{Failed: true, Msg: "No usable temporary file name found"}, nil
}

// randomTempName returns 8 characters as Python's _RandomNameSequence does.
func randomTempName() string {
	b := make([]byte, 8)
	for i := range b {
		n, _ := rand.Int(rand.Reader, big.NewInt(int64(len(tempNameChars))))
		b[i] = tempNameChars[n.Int64()]
	}
	return string(b)
}
