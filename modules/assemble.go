package modules

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/edxplay/edxplay/internal/modspec"
	"github.com/edxplay/edxplay/internal/pyregex"
	"github.com/edxplay/edxplay/modules/hostfile"
)

// Assemble concatenates a directory's fragments into one file on the
// target: fragments on the target (remote_src, the default) or in the
// controller's files/ search path.
type Assemble struct{}

// Spec describes assemble's arguments.
func (Assemble) Spec() modspec.Spec {
	return modspec.Spec{
		Name:  "assemble",
		Short: "Assemble configuration files from fragments",
		Args: append(append([]modspec.Arg{
			{Name: "src", Type: modspec.Path, Required: true, Doc: "Directory of fragments, concatenated in name order."},
			{Name: "dest", Type: modspec.Path, Required: true, Doc: "The file to write."},
			{Name: "delimiter", Type: modspec.String, Doc: "Written between fragments (backslash escapes decoded; a newline is added when it lacks one)."},
			{Name: "backup", Type: modspec.Bool, Default: false, Doc: "Keep a timestamped backup of a replaced file."},
			{Name: "remote_src", Type: modspec.Bool, Default: true, Doc: "src is on the target; false looks it up on the controller."},
			{Name: "regexp", Type: modspec.String, Doc: "Only fragments whose name matches this (Python) regular expression."},
			{Name: "ignore_hidden", Type: modspec.Bool, Default: false, Doc: "Skip fragments whose name starts with a dot."},
			{Name: "validate", Type: modspec.String, Doc: "Command validating the new file (%s is its path) before it is put in place."},
			{Name: "decrypt", Type: modspec.Bool, Default: true, Doc: "Decrypt vaulted controller fragments (remote_src=false); edxplay refuses vaulted fragments."},
			{Name: "follow", Type: modspec.Bool, Default: false, Doc: "Follow a symlink at dest (remote_src=false)."},
		}, fileAttrArgs()...), selinuxArgs()...),
		Example: "- assemble:\n    src: /etc/someapp/fragments\n    dest: /etc/someapp/someapp.conf\n    delimiter: '### START FRAGMENT ###'\n",
	}
}

// assembleSkipMsg is Ansible's skip of an action without check mode.
const assembleSkipMsg = "check mode is not supported for this task."

// Run assembles the fragments and puts the file in place.
func (m Assemble) Run(ctx context.Context, call *Call) (*Result, error) {
	return runDescribed(ctx, m, call)
}

// Describe reads nothing: Ansible's assemble does not support check
// mode, so check mode skips it; the apply step assembles and writes.
func (Assemble) Describe(_ context.Context, _ *Call) (*Planned, error) {
	return planned(&Result{Skipped: true, Msg: assembleSkipMsg}, func(ctx context.Context, call *Call) (*Result, error) {
		p, err := describeAssemble(ctx, call)
		if err != nil {
			return nil, err
		}
		defer p.releaseNow()
		return p.applyTo(ctx, call)
	}), nil
}

// describeAssemble assembles the fragments and describes putting them at
// dest, changing nothing.
func describeAssemble(ctx context.Context, call *Call) (*Planned, error) {
	a := args(call.Args)
	fs := hostfile.New(call.Conn, call.Become)
	if failed, err := refuseSELinux(ctx, fs, a); err != nil || failed != nil {
		return reported(failed), err
	}
	dest, err := expandRemoteHome(ctx, fs, a.str("dest"))
	if err != nil {
		return nil, err
	}
	frags, msg, err := assembleFragments(ctx, call, fs, a)
	if err != nil || msg != "" {
		return reported(&Result{Failed: true, Msg: msg}), err
	}
	data, msg := joinFragments(frags, a.str("delimiter"), a.has("delimiter"))
	if msg != "" {
		return reported(&Result{Failed: true, Msg: msg}), nil
	}
	remote := a.boolean("remote_src")
	if v := a.str("validate"); remote && v != "" && !strings.Contains(v, "%s") {
		return reported(&Result{Failed: true, Msg: fmt.Sprintf("validate must contain %%s: %s", v)}), nil
	}
	// the module writes through a link at dest; the copy module of
	// remote_src=false follows one only when asked
	req := putRequest{dest: dest, data: data, srcLabel: a.str("src"), attrs: a.attrs(), force: true,
		backup: a.boolean("backup"), follow: remote || a.boolean("follow"), validate: a.str("validate")}
	if !remote {
		return describePut(ctx, call, fs, req)
	}
	p, err := describePut(ctx, call, fs, req)
	if err != nil {
		return nil, err
	}
	// the module reports no diff, and always its source, md5 and "OK"
	return withResult(p, func(res *Result) {
		res.Diffs = nil
		if res.Failed {
			res.Changed = false
		}
		if res.Data == nil || res.Failed {
			return
		}
		res.Data["src"], res.Data["md5sum"], res.Msg = a.str("src"), md5Hex(data), "OK"
		delete(res.Data, "path")
	}), nil
}

// fragment is one file of the source directory.
type fragment struct {
	name string
	data []byte
}

// assembleFragments reads the source directory's fragments, in name
// order, filtered by regexp and ignore_hidden; msg is Ansible's failure.
func assembleFragments(ctx context.Context, call *Call, fs *hostfile.FS, a args) (frags []fragment, msg string, err error) {
	src := a.str("src")
	var keep func(string) bool
	if re := a.str("regexp"); a.has("regexp") {
		compiled, err := pyregex.Compile(re, 0)
		if err != nil {
			return nil, fmt.Sprintf("Invalid Regexp (%s) in \"%s\"", err, re), nil
		}
		keep = func(name string) bool { return compiled.MatchString(name) }
	}
	hidden := a.boolean("ignore_hidden")
	want := func(name string) bool {
		return (keep == nil || keep(name)) && !(hidden && strings.HasPrefix(name, "."))
	}
	if a.boolean("remote_src") {
		src, err = expandRemoteHome(ctx, fs, src)
		if err != nil {
			return nil, "", err
		}
		return remoteFragments(ctx, fs, src, want)
	}
	local, err := findLocal(call.Host, "files", src)
	if err != nil {
		return nil, fmt.Sprintf("Could not find or access '%s' on the Ansible Controller.", src), nil
	}
	return localFragments(strings.TrimSuffix(local, "/"), want, a.boolean("decrypt"))
}

// remoteFragmentsScript lists the regular files (symlinks followed) of
// the directory "$1", NUL-terminated; exit 3: missing, 4: not a directory.
const remoteFragmentsScript = `[ -e "$1" ] || exit 3; [ -d "$1" ] || exit 4
for f in "$1"/* "$1"/.[!.]* "$1"/..?*; do
  [ -f "$f" ] && printf '%s\0' "${f##*/}"
done; exit 0`

// remoteFragments reads the wanted fragments of the target's directory src.
func remoteFragments(ctx context.Context, fs *hostfile.FS, src string, want func(string) bool) ([]fragment, string, error) {
	res, err := fs.Run(ctx, "set -- "+hostfile.Quote(src)+"\n"+remoteFragmentsScript)
	if err != nil {
		return nil, "", err
	}
	switch res.RC {
	case 0:
	case 3:
		return nil, fmt.Sprintf("Source (%s) does not exist", src), nil
	case 4:
		return nil, fmt.Sprintf("Source (%s) is not a directory", src), nil
	default:
		return nil, "", fmt.Errorf("list %s: rc=%d: %s", src, res.RC, res.Stderr)
	}
	var names []string
	for _, n := range strings.Split(strings.TrimSuffix(res.Stdout, "\x00"), "\x00") {
		if n != "" && want(n) {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	frags := make([]fragment, 0, len(names))
	for _, n := range names {
		data, err := fs.Read(ctx, strings.TrimSuffix(src, "/")+"/"+n)
		if err != nil {
			return nil, "", fmt.Errorf("read fragment %s: %w", n, err)
		}
		frags = append(frags, fragment{name: n, data: data})
	}
	return frags, "", nil
}

// localFragments reads the wanted fragments of the controller's directory dir.
func localFragments(dir string, want func(string) bool, decrypt bool) ([]fragment, string, error) {
	st, err := os.Stat(dir)
	if err != nil || !st.IsDir() {
		return nil, fmt.Sprintf("Source (%s) is not a directory", dir), nil
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, "", fmt.Errorf("read %s: %w", dir, err)
	}
	var frags []fragment
	for _, e := range entries { // ReadDir sorts by name
		p := filepath.Join(dir, e.Name())
		if st, err := os.Stat(p); err != nil || !st.Mode().IsRegular() || !want(e.Name()) {
			continue
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return nil, "", fmt.Errorf("read fragment: %w", err)
		}
		if decrypt && bytes.HasPrefix(data, []byte("$ANSIBLE_VAULT;")) {
			return nil, fmt.Sprintf("fragment %s is vault-encrypted: decrypting assemble fragments is not implemented by edxplay", p), nil
		}
		frags = append(frags, fragment{name: e.Name(), data: data})
	}
	return frags, "", nil
}

// joinFragments concatenates fragments as Ansible does: a newline after a
// fragment that lacks one (when another follows), and the delimiter
// between fragments, escape-decoded once more for each use, as Ansible's
// loop re-decodes it, with a newline after it when it lacks one.
func joinFragments(frags []fragment, delimiter string, hasDelimiter bool) ([]byte, string) {
	var b bytes.Buffer
	delim := []byte(delimiter)
	addNewline := false
	for i, f := range frags {
		if addNewline {
			b.WriteByte('\n')
		}
		if i > 0 && hasDelimiter && delimiter != "" {
			var err error
			if delim, err = escapeDecode(delim); err != nil {
				return nil, err.Error()
			}
			b.Write(delim)
			if len(delim) == 0 || delim[len(delim)-1] != '\n' {
				b.WriteByte('\n')
			}
		}
		b.Write(f.data)
		addNewline = !bytes.HasSuffix(f.data, []byte("\n"))
	}
	return b.Bytes(), ""
}

// escapeDecode is Python's codecs.escape_decode: backslash escapes of
// bytes (\\n, \\t, octal, \\xhh, ...), unknown ones kept as they are.
func escapeDecode(in []byte) ([]byte, error) {
	out := make([]byte, 0, len(in))
	simple := map[byte]byte{'\\': '\\', '\'': '\'', '"': '"', 'a': 7, 'b': 8, 'f': 12, 'n': 10, 'r': 13, 't': 9, 'v': 11}
	for i := 0; i < len(in); i++ {
		c := in[i]
		if c != '\\' {
			out = append(out, c)
			continue
		}
		if i+1 >= len(in) {
			return nil, fmt.Errorf("Trailing \\ in string") //nolint:stylecheck // Python's message
		}
		i++
		c = in[i]
		switch {
		case simple[c] != 0:
			out = append(out, simple[c])
		case c == '\n':
		case c >= '0' && c <= '7':
			v := int(c - '0')
			for n := 0; n < 2 && i+1 < len(in) && in[i+1] >= '0' && in[i+1] <= '7'; n++ {
				i++
				v = v*8 + int(in[i]-'0')
			}
			out = append(out, byte(v))
		case c == 'x':
			if i+2 >= len(in) || !isHexByte(in[i+1]) || !isHexByte(in[i+2]) {
				return nil, fmt.Errorf("invalid \\x escape at position %d", i-1)
			}
			var v byte
			_, _ = fmt.Sscanf(string(in[i+1:i+3]), "%02x", &v)
			out = append(out, v)
			i += 2
		default:
			out = append(out, '\\', c)
		}
	}
	return out, nil
}

func isHexByte(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}
