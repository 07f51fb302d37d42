package pymodule

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"path"
	"path/filepath"
	"strings"

	"github.com/edxplay/edxplay/internal/connection"
	"github.com/edxplay/edxplay/internal/pyvalue"
	"github.com/edxplay/edxplay/modules"
	"github.com/edxplay/edxplay/modules/hostfile"
)

// runFile sends a module that is not packaged (old-style, WANT_JSON,
// jsonargs, binary) into a fresh remote temporary directory with its
// arguments file, runs it as "INTERPRETER MODULE ARGSFILE" (a binary
// module as "MODULE ARGSFILE") and removes the directory.
func (m *Module) runFile(ctx context.Context, call *modules.Call, style Style, data []byte, args map[string]any) (*runResult, error) {
	var in interpreter
	var iargs []string
	if style != StyleBinary {
		interp, rest := shebang(data)
		if interp == "" {
			return nil, fmt.Errorf("module (%s) is missing interpreter line", m.Name)
		}
		var err error
		if in, err = resolveInterpreter(ctx, call, interp, m.opts.InterpreterPython); err != nil {
			return nil, err
		}
		iargs = rest
		data = withShebang(data, interp, in.path, rest)
	}
	fs := hostfile.New(call.Conn, call.Become)
	out, err := fs.Exec(ctx, ": "+nonce()+"; "+remoteTmpCmd)
	if err != nil {
		return nil, fmt.Errorf("module %s: create the remote temporary directory: %w", m.Name, err)
	}
	dir := strings.TrimSpace(out)
	defer func() { _, _ = fs.Run(context.WithoutCancel(ctx), "rm -rf "+hostfile.Quote(dir)) }()
	args["_ansible_tmpdir"] = dir + "/"
	modPath := path.Join(dir, "AnsiballZ_"+filepath.Base(m.Path))
	argsPath := path.Join(dir, "args")
	argsData, err := argsFile(style, args)
	if err != nil {
		return nil, fmt.Errorf("module %s: %w", m.Name, err)
	}
	if style == StyleJSONArgs {
		data = substituteJSONArgs(data, argsData, args)
	}
	attrs := connection.FileAttrs{Mode: 0o700, Become: call.Become}
	if err := call.Conn.WriteFile(ctx, modPath, data, attrs); err != nil {
		return nil, fmt.Errorf("module %s: transfer the module: %w", m.Name, err)
	}
	cmd := []string{hostfile.Quote(modPath)}
	if style != StyleJSONArgs {
		if err := call.Conn.WriteFile(ctx, argsPath, []byte(argsData), connection.FileAttrs{Mode: 0o600, Become: call.Become}); err != nil {
			return nil, fmt.Errorf("module %s: transfer its arguments: %w", m.Name, err)
		}
		cmd = append(cmd, hostfile.Quote(argsPath))
	}
	if style != StyleBinary {
		cmd = append(append([]string{in.path}, iargs...), cmd...)
	}
	res, err := call.Conn.Run(ctx, connection.Command{Cmd: strings.Join(cmd, " "), Env: call.Env, Become: call.Become})
	if err != nil {
		return nil, err
	}
	return &runResult{res: res, interp: in}, nil
}

// nonce makes each temporary directory command unique: a plan's apply
// must not be answered the directory its check-mode run made (and removed).
func nonce() string {
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// remoteTmpCmd makes the module's temporary directory under
// ~/.ansible/tmp (under $TMPDIR or /tmp when home is not writable) and
// prints its path.
const remoteTmpCmd = `umask 77 && { mkdir -p "$HOME/.ansible/tmp" 2>/dev/null && d="$HOME/.ansible/tmp" || d="${TMPDIR:-/tmp}"; } && mktemp -d "$d/ansible-tmp-XXXXXXXXXX"`

// argsFile is the arguments file of a style: key=value words for
// old-style modules, JSON otherwise.
func argsFile(style Style, args map[string]any) (string, error) {
	if style == StyleOld {
		return keyValueArgs(args), nil
	}
	s, err := encodeJSON(args)
	if err != nil {
		return "", fmt.Errorf("its arguments must be JSON serializable: %w", err)
	}
	return s, nil
}

// withShebang rewrites the #! line to the resolved interpreter, and adds
// the coding line after it for Python, as modify_module does.
func withShebang(data []byte, interp, resolved string, args []string) []byte {
	first, rest, _ := bytes.Cut(data, []byte("\n"))
	if interp != resolved {
		first = []byte("#!" + strings.Join(append([]string{resolved}, args...), " "))
	}
	out := append([]byte{}, first...)
	out = append(out, '\n')
	if strings.HasPrefix(interpreterName(interp), "python") {
		out = append(out, "# -*- coding: utf-8 -*-\n"...)
	}
	return append(out, rest...)
}

// substituteJSONArgs fills a jsonargs module's placeholders: the JSON
// arguments, ansible's version, their Python repr and the SELinux
// special filesystems; syslog.LOG_USER becomes the syslog facility.
func substituteJSONArgs(data []byte, argsJSON string, args map[string]any) []byte {
	fs := make([]string, len(selinuxSpecialFS))
	for i, f := range selinuxSpecialFS {
		fs[i] = f.(string)
	}
	facility, _ := args["_ansible_syslog_facility"].(string)
	r := strings.NewReplacer(
		`"<<ANSIBLE_VERSION>>"`, pyvalue.Repr(args["_ansible_version"]),
		`"<<INCLUDE_ANSIBLE_MODULE_COMPLEX_ARGS>>"`, pyvalue.Repr(argsJSON),
		"<<SELINUX_SPECIAL_FILESYSTEMS>>", strings.Join(fs, ","),
		"<<INCLUDE_ANSIBLE_MODULE_JSON_ARGS>>", argsJSON,
		"syslog.LOG_USER", "syslog."+facility,
	)
	return []byte(r.Replace(string(data)))
}
