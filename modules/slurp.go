package modules

import (
	"context"
	"encoding/base64"
	"fmt"

	"github.com/edxplay/edxplay/internal/modspec"
	"github.com/edxplay/edxplay/modules/hostfile"
)

// Slurp returns a remote file's content, base64-encoded.
type Slurp struct{}

// Spec describes slurp's arguments.
func (Slurp) Spec() modspec.Spec {
	return modspec.Spec{
		Name:  "slurp",
		Short: "Slurps a file from remote nodes",
		Args: []modspec.Arg{
			{Name: "src", Type: modspec.Path, Required: true, Aliases: []string{"path"}, Doc: "The file on the target to fetch."},
		},
		Example: "- slurp:\n    src: /var/run/sshd.pid\n  register: sshd_pid\n",
	}
}

// Run reads src and returns it as base64 content.
func (Slurp) Run(ctx context.Context, call *Call) (*Result, error) {
	src := args(call.Args).str("src")
	fs := hostfile.New(call.Conn, call.Become)
	info, err := fs.Stat(ctx, src, hostfile.StatOptions{Follow: true})
	if err != nil {
		return nil, err
	}
	switch {
	case !info.Exists:
		return &Result{Failed: true, Msg: fmt.Sprintf("file not found: %s", src)}, nil
	case info.IsDir():
		return &Result{Failed: true, Msg: fmt.Sprintf("source is a directory and must be a file: %s", src)}, nil
	case !info.Readable:
		return &Result{Failed: true, Msg: fmt.Sprintf("file is not readable: %s", src)}, nil
	}
	data, err := fs.Read(ctx, src)
	if err != nil {
		return nil, err
	}
	return &Result{Data: map[string]any{
		"content": base64.StdEncoding.EncodeToString(data), "encoding": "base64", "source": src,
	}}, nil
}
