package modules

import (
	"context"
	"fmt"
	"strconv"

	"github.com/edxplay/edxplay/internal/modspec"
	"github.com/edxplay/edxplay/internal/pyvalue"
	"github.com/edxplay/edxplay/modules/hostfile"
)

// args reads a call's converted arguments; a missing or nil value reads as
// the type's zero value.
type args map[string]any

// has reports whether the argument was given (or defaulted) non-nil.
func (a args) has(name string) bool { return a[name] != nil }

func (a args) str(name string) string {
	switch v := a[name].(type) {
	case nil:
		return ""
	case string:
		return v
	case int:
		if name == "mode" {
			return fmt.Sprintf("%04o", v)
		}
		return strconv.Itoa(v)
	default:
		return fmt.Sprint(v)
	}
}

// boolean reads a boolean argument with Ansible's non-strict boolean().
func (a args) boolean(name string) bool {
	b, _ := pyvalue.Boolean(a[name])
	return b
}

func (a args) integer(name string) int {
	switch v := a[name].(type) {
	case int:
		return v
	case string:
		n, _ := strconv.Atoi(v)
		return n
	}
	return 0
}

// list returns a list argument; a lone string reads as a one-element list.
func (a args) list(name string) []any {
	switch v := a[name].(type) {
	case []any:
		return v
	case []string:
		out := make([]any, len(v))
		for i, s := range v {
			out[i] = s
		}
		return out
	case nil:
		return nil
	default:
		return []any{v}
	}
}

// attrs returns the common file arguments owner, group and mode.
func (a args) attrs() hostfile.Attrs {
	return hostfile.Attrs{Owner: a.str("owner"), Group: a.str("group"), Mode: a.str("mode")}
}

// fileAttrArgs are the arguments every file-writing module accepts.
func fileAttrArgs() []modspec.Arg {
	return []modspec.Arg{
		{Name: "owner", Type: modspec.String, Doc: "Name (or uid) of the user owning the file."},
		{Name: "group", Type: modspec.String, Doc: "Name (or gid) of the group owning the file."},
		{Name: "mode", Type: modspec.Mode, Doc: "Permissions, octal (0644) or symbolic (u=rw,g=r,o=r)."},
	}
}

// selinuxArgs are the SELinux context arguments of the file modules.
// edxplay does not set contexts: on a target without SELinux they are
// ignored, as by Ansible; on one with SELinux the task fails.
func selinuxArgs() []modspec.Arg {
	var out []modspec.Arg
	for _, n := range []string{"seuser", "serole", "setype", "selevel"} {
		out = append(out, modspec.Arg{Name: n, Type: modspec.String, Doc: "SELinux context part: ignored without SELinux; not implemented with it (the task fails)."})
	}
	return out
}

// refuseSELinux fails a task giving an SELinux context on a target with
// SELinux enabled (/sys/fs/selinux/enforce exists).
func refuseSELinux(ctx context.Context, fs *hostfile.FS, a args) (*Result, error) {
	given := ""
	for _, n := range []string{"seuser", "serole", "setype", "selevel"} {
		if a.str(n) != "" && given == "" {
			given = n
		}
	}
	if given == "" {
		return nil, nil
	}
	res, err := fs.Run(ctx, "test -e /sys/fs/selinux/enforce")
	if err != nil {
		return nil, err
	}
	if res.RC == 0 {
		return &Result{Failed: true, Msg: given + ": SELinux contexts are not implemented by edxplay"}, nil
	}
	return nil, nil
}
