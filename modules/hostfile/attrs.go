package hostfile

import (
	"context"
	"fmt"
	"strconv"
	"strings"
)

// Attrs are the ownership and mode wanted on a path; empty fields are left alone.
type Attrs struct {
	// Mode is octal ("0644") or symbolic ("u+rwx,g-w").
	Mode  string
	Owner string
	Group string
}

// AttrChange is what SetAttrs changed or, in check mode, would change, in
// Ansible's diff form: before/after maps with keys owner (uid), group (gid)
// and mode ("0644").
type AttrChange struct {
	Before map[string]any
	After  map[string]any
}

// Changed reports whether any attribute differs.
func (c AttrChange) Changed() bool { return len(c.After) > 0 }

func (c *AttrChange) add(key string, before, after any) {
	if c.Before == nil {
		c.Before, c.After = map[string]any{}, map[string]any{}
	}
	c.Before[key], c.After[key] = before, after
}

// SetAttrs brings the existing path described by info to want. In check
// mode it only reports what would change. Symbolic links themselves get
// their ownership changed but never their mode, as with Ansible on Linux.
func (f *FS) SetAttrs(ctx context.Context, info Info, want Attrs, check bool) (AttrChange, error) {
	plan, err := f.PlanAttrs(ctx, info, want)
	if err != nil || check {
		return plan.Change, err
	}
	return plan.Change, f.ApplyAttrs(ctx, plan)
}

// AttrPlan is the attribute change SetAttrs would make, described from
// the path's state, and the command that makes it.
type AttrPlan struct {
	Change AttrChange
	path   string
	cmd    string
}

// PlanAttrs describes how SetAttrs would bring info to want, changing nothing.
func (f *FS) PlanAttrs(ctx context.Context, info Info, want Attrs) (AttrPlan, error) {
	change, cmd, err := f.planAttrs(ctx, info, want)
	return AttrPlan{Change: change, path: info.Path, cmd: cmd}, err
}

// ApplyAttrs makes the change plan describes.
func (f *FS) ApplyAttrs(ctx context.Context, plan AttrPlan) error {
	if plan.cmd == "" {
		return nil
	}
	if _, err := f.Exec(ctx, plan.cmd); err != nil {
		return fmt.Errorf("set attributes of %s: %w", plan.path, err)
	}
	return nil
}

// planAttrs computes the change and the command performing it.
func (f *FS) planAttrs(ctx context.Context, info Info, want Attrs) (AttrChange, string, error) {
	var change AttrChange
	var cmds []string
	p := Quote(info.Path)
	if want.Owner != "" && want.Owner != info.Owner && want.Owner != strconv.Itoa(info.UID) {
		uid, err := f.lookupID(ctx, "passwd", want.Owner)
		if err != nil {
			return change, "", fmt.Errorf("chown failed: %w", err)
		}
		if uid != info.UID {
			change.add("owner", info.UID, uid)
			cmds = append(cmds, fmt.Sprintf("chown -h %d %s", uid, p))
		}
	}
	if want.Group != "" && want.Group != info.Group && want.Group != strconv.Itoa(info.GID) {
		gid, err := f.lookupID(ctx, "group", want.Group)
		if err != nil {
			return change, "", fmt.Errorf("chgrp failed: %w", err)
		}
		if gid != info.GID {
			change.add("group", info.GID, gid)
			cmds = append(cmds, fmt.Sprintf("chgrp -h %d %s", gid, p))
		}
	}
	if want.Mode != "" {
		mode, err := ResolveMode(want.Mode, info.Mode, info.IsDir(), info.Umask)
		if err != nil {
			return change, "", err
		}
		if mode != info.Mode {
			change.add("mode", "0"+fmt.Sprintf("%03o", info.Mode), "0"+fmt.Sprintf("%03o", mode))
			if !info.IsLink() {
				cmds = append(cmds, fmt.Sprintf("chmod %04o %s", mode, p))
			}
		}
	}
	return change, strings.Join(cmds, " && "), nil
}

// lookupID resolves a user (db "passwd") or group (db "group") name or
// number to its numeric id on the target.
func (f *FS) lookupID(ctx context.Context, db, name string) (int, error) {
	if n, err := strconv.Atoi(name); err == nil {
		return n, nil
	}
	out, err := f.Exec(ctx, fmt.Sprintf("getent %s %s | cut -d: -f3", db, Quote(name)))
	id, convErr := strconv.Atoi(strings.TrimSpace(out))
	if err != nil || convErr != nil {
		kind := map[string]string{"passwd": "user", "group": "group"}[db]
		return 0, fmt.Errorf("failed to look up %s %s", kind, name)
	}
	return id, nil
}
