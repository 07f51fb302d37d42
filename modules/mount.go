package modules

import (
	"context"
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/edxplay/edxplay/internal/modspec"
	"github.com/edxplay/edxplay/modules/hostfile"
)

// Mount manages fstab entries and mounted filesystems (ansible.posix.mount
// on Linux).
type Mount struct{}

// Spec describes mount's arguments.
func (Mount) Spec() modspec.Spec {
	return modspec.Spec{
		Name:  "mount",
		Short: "Control active and configured mount points",
		Args: []modspec.Arg{
			{Name: "path", Type: modspec.Path, Required: true, Aliases: []string{"name"}, Doc: "Mount point."},
			{Name: "src", Type: modspec.Path, Doc: "Device or directory to mount (required for mounted and present)."},
			{Name: "fstype", Type: modspec.String, Doc: "Filesystem type (required for mounted and present)."},
			{Name: "opts", Type: modspec.String, Doc: "Mount options (default defaults)."},
			{Name: "dump", Type: modspec.String, Default: "0", Doc: "fstab dump field."},
			{Name: "passno", Type: modspec.String, Default: "0", Doc: "fstab passno field."},
			{Name: "fstab", Type: modspec.String, Doc: "File to edit instead of /etc/fstab."},
			{Name: "boot", Type: modspec.Bool, Default: true, Doc: "Mount at boot (false adds noauto)."},
			{Name: "backup", Type: modspec.Bool, Default: false, Doc: "Back up fstab before changing it."},
			{Name: "state", Type: modspec.String, Required: true, Choices: []string{"absent", "absent_from_fstab", "mounted", "present", "unmounted", "remounted"},
				Doc: "mounted/present add the fstab entry (mounted also mounts), unmounted/remounted act on the mount only, absent removes both."},
		},
		Example: "- mount:\n    path: /mnt/data\n    src: /dev/sdb1\n    fstype: ext4\n    state: mounted\n",
	}
}

// Run brings the mount point and its fstab entry to the state.
func (m Mount) Run(ctx context.Context, call *Call) (*Result, error) {
	return runDescribed(ctx, m, call)
}

// mountOp is one mount call: its arguments as Ansible computes them and
// what the host holds.
type mountOp struct {
	a        args
	fs       *hostfile.FS
	entry    fstabEntry
	fstab    string
	before   string
	mounted  bool
	exists   bool
	boot     string
	warnings []any
}

// Describe reads fstab and the mount table and describes the change.
func (m Mount) Describe(ctx context.Context, call *Call) (*Planned, error) {
	a := args(call.Args)
	state := a.str("state")
	if (state == "mounted" || state == "present") && (!a.has("src") || !a.has("fstype")) {
		return reported(&Result{Failed: true, Msg: "state is " + state + " but all of the following are missing: " + missingOf(a, "src", "fstype")}), nil
	}
	op, err := newMountOp(ctx, call)
	if err != nil {
		return nil, err
	}
	after, changed := op.before, false
	switch state {
	case "present", "mounted":
		after, changed = setFstab(op.before, op.entry, a.has("src"))
	case "absent", "absent_from_fstab":
		after, changed = unsetFstab(op.before, op.entry.name)
	}
	switch state {
	case "unmounted":
		changed = op.mounted
	case "mounted":
		changed = changed || !op.mounted
	case "remounted":
		changed = true
	}
	res := &Result{Changed: changed, Data: op.data()}
	if call.Diff && after != op.before {
		res.Diffs = []modspec.Diff{{Before: op.before, After: after, BeforeHeader: op.fstab, AfterHeader: op.fstab}}
	}
	if !changed {
		return reported(res), nil
	}
	return planned(res, func(ctx context.Context, call *Call) (*Result, error) {
		return op.apply(ctx, call, res, after)
	}), nil
}

// missingOf lists the named arguments a lacks, comma separated.
func missingOf(a args, names ...string) string {
	var miss []string
	for _, n := range names {
		if !a.has(n) {
			miss = append(miss, n)
		}
	}
	return strings.Join(miss, ", ")
}

// newMountOp computes the entry (defaults, boot/noauto) and reads fstab,
// whether the path exists and whether it is mounted, in one command.
func newMountOp(ctx context.Context, call *Call) (*mountOp, error) {
	a := args(call.Args)
	op := &mountOp{a: a, fs: hostfile.New(call.Conn, call.Become), fstab: "/etc/fstab", boot: "yes"}
	opts := "defaults"
	if a.has("fstab") {
		op.fstab = a.str("fstab")
	}
	if a.has("opts") {
		opts = a.str("opts")
	}
	words := strings.Split(opts, ",")
	switch {
	case slices.Contains(words, "noauto"):
		op.warnings = append(op.warnings, "Ignore the 'boot' due to 'opts' contains 'noauto'.")
	case !a.boolean("boot") && slices.Contains(words, "defaults"):
		op.boot = "no"
		op.warnings = append(op.warnings, "Ignore the 'boot' due to 'opts' contains 'defaults'.")
	case !a.boolean("boot"):
		op.boot, opts = "no", opts+",noauto"
	}
	op.entry = fstabEntry{escapeFstab(a.str("src")), escapeFstab(a.str("path")), escapeFstab(a.str("fstype")), escapeFstab(opts), escapeFstab(a.str("dump")), escapeFstab(a.str("passno"))}
	q := hostfile.Quote
	out, err := op.fs.Exec(ctx, "cat -- "+q(op.fstab)+" 2>/dev/null; printf '\\0'; cat /proc/self/mountinfo; printf '\\0'; [ -e "+q(a.str("path"))+" ] && echo yes; true")
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", op.fstab, err)
	}
	parts := strings.SplitN(out, "\x00", 3)
	if len(parts) != 3 {
		return nil, fmt.Errorf("read %s: unexpected output", op.fstab)
	}
	op.before, op.mounted, op.exists = parts[0], mountinfoHas(parts[1], a.str("path")), strings.TrimSpace(parts[2]) == "yes"
	return op, nil
}

// data is the result data Ansible's mount returns (its computed args).
func (op *mountOp) data() map[string]any {
	d := map[string]any{"name": op.a.str("path"), "opts": optsOf(op), "dump": op.a.str("dump"), "passno": op.a.str("passno"),
		"fstab": op.fstab, "boot": op.boot, "backup_file": ""}
	for _, k := range []string{"src", "fstype"} {
		if op.a.has(k) {
			d[k] = op.a.str(k)
		}
	}
	if len(op.warnings) > 0 {
		d["warnings"] = op.warnings
	}
	return d
}

// optsOf is the options unescaped.
func optsOf(op *mountOp) string {
	return strings.NewReplacer(`\134`, `\`, `\040`, " ", `\046`, "&").Replace(op.entry.opts)
}

// apply makes the change described: fstab written, then the mount
// brought in line; a failed mount puts fstab back as Ansible does.
func (op *mountOp) apply(ctx context.Context, call *Call, res *Result, after string) (*Result, error) {
	state, name := op.a.str("state"), op.a.str("path")
	out := reportedTo(res, call)
	if after != op.before {
		backup, err := op.writeFstab(ctx, after)
		if err != nil {
			return nil, err
		}
		out.Data["backup_file"] = backup
	}
	fail := func(format string, msg string) (*Result, error) {
		return &Result{Failed: true, Msg: fmt.Sprintf(format, name, msg), Data: map[string]any{"name": name}}, nil
	}
	switch state {
	case "absent", "unmounted":
		if op.mounted {
			if msg, ok := op.run(ctx, "umount -- "+hostfile.Quote(name)); !ok {
				return fail("Error unmounting %s: %s", msg)
			}
		}
		if state == "absent" && op.exists {
			if msg, ok := op.run(ctx, "rmdir -- "+hostfile.Quote(name)); !ok {
				return fail("Error rmdir %s: %s", msg)
			}
		}
	case "remounted":
		if msg, ok := op.remount(ctx); !ok {
			return fail("Error remounting %s: %s", msg)
		}
	case "mounted":
		return op.applyMounted(ctx, out, after)
	}
	return out, nil
}

// applyMounted creates the mount point, then mounts it, or remounts it
// when its fstab entry changed.
func (op *mountOp) applyMounted(ctx context.Context, out *Result, after string) (*Result, error) {
	name := op.a.str("path")
	if !op.exists {
		if msg, ok := op.run(ctx, "mkdir -p -- "+hostfile.Quote(name)); !ok {
			return &Result{Failed: true, Msg: fmt.Sprintf("Error making dir %s: %s", name, msg), Data: map[string]any{"name": name}}, nil
		}
	}
	msg, ok := "", true
	switch {
	case op.mounted && after != op.before:
		msg, ok = op.remount(ctx)
	case !op.mounted:
		msg, ok = op.run(ctx, "mount "+op.fstabFlag()+"-- "+hostfile.Quote(name))
	}
	if ok {
		return out, nil
	}
	if after != op.before {
		_, _ = op.writeFstab(ctx, op.before)
	}
	if !op.exists {
		_, _ = op.run(ctx, "rmdir -p --ignore-fail-on-non-empty -- "+hostfile.Quote(name))
	}
	return &Result{Failed: true, Msg: fmt.Sprintf("Error mounting %s: %s", name, msg), Data: map[string]any{"name": name}}, nil
}

// fstabFlag is mount's -T option for an fstab other than /etc/fstab.
func (op *mountOp) fstabFlag() string {
	if op.fstab == "/etc/fstab" {
		return ""
	}
	return "-T " + hostfile.Quote(op.fstab) + " "
}

// remount remounts the path (with the given options for remounted),
// falling back to umount and mount as Ansible does.
func (op *mountOp) remount(ctx context.Context) (string, bool) {
	name := hostfile.Quote(op.a.str("path"))
	o := "remount"
	withOpts := op.a.str("state") == "remounted" && op.a.has("opts") && op.a.str("opts") != "defaults"
	if withOpts {
		o += "," + op.a.str("opts")
	}
	if _, ok := op.run(ctx, "mount -o "+hostfile.Quote(o)+" "+op.fstabFlag()+"-- "+name); ok {
		return "", true
	}
	if withOpts {
		return "Options were specified with remounted, but the remount command failed. Failing in order to prevent an unexpected mount result. " +
			"Try replacing this command with a \"state: unmounted\" followed by a \"state: mounted\" using the full desired mount options instead.", false
	}
	if msg, ok := op.run(ctx, "umount -- "+name); !ok {
		return msg, false
	}
	return op.run(ctx, "mount "+op.fstabFlag()+"-- "+name)
}

// run runs cmd on the host and returns its output when it fails.
func (op *mountOp) run(ctx context.Context, cmd string) (string, bool) {
	res, err := op.fs.Run(ctx, cmd)
	if err != nil {
		return err.Error(), false
	}
	return res.Stdout + res.Stderr, res.RC == 0
}

// writeFstab writes text to fstab in place (creating its directory),
// backing it up first with backup, and returns the backup's path.
func (op *mountOp) writeFstab(ctx context.Context, text string) (string, error) {
	backup := ""
	if op.a.boolean("backup") && op.before != "" {
		b, err := op.fs.Backup(ctx, op.fstab)
		if err != nil {
			return "", fmt.Errorf("back up %s: %w", op.fstab, err)
		}
		backup = b
	}
	q := hostfile.Quote(op.fstab)
	if _, err := op.fs.Exec(ctx, "mkdir -p -- "+hostfile.Quote(path.Dir(op.fstab))+" && printf '%s' "+hostfile.Quote(text)+" > "+q); err != nil {
		return "", fmt.Errorf("write %s: %w", op.fstab, err)
	}
	return backup, nil
}
