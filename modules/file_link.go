package modules

import (
	"context"
	"fmt"
	"path"
	"strconv"
	"strings"

	"github.com/edxplay/edxplay/modules/hostfile"
)

// link describes creating or fixing a symbolic (state=link) or hard
// (state=hard) link.
func (op *fileOp) link(ctx context.Context, state string) (*Planned, error) {
	src, err := op.linkSource(ctx, state)
	if err != nil {
		return nil, err
	}
	// without src only a link already in place can be updated
	if src == "" && !(state == "link" && op.prev.IsLink()) && !(state == "hard" && fileState(op.prev)["state"] == "hard") {
		return reported(op.failure("src is required for creating new %ss", map[string]string{"link": "symlink", "hard": "hardlink"}[state])), nil
	}
	need := false
	if src != "" {
		abs := src
		if !path.IsAbs(src) {
			abs = path.Join(path.Dir(op.path), src)
		}
		srcInfo, err := op.fs.Stat(ctx, abs, hostfile.StatOptions{Follow: state == "hard"})
		if err != nil {
			return nil, err
		}
		if !srcInfo.Exists && (state == "hard" || !op.a.boolean("force")) {
			return reported(op.failure(`src file does not exist, use "force=yes" if you really want to create the link: %s`, abs)), nil
		}
		var res *Result
		if need, res, err = op.linkNeeded(ctx, state, src, srcInfo); res != nil || err != nil {
			return reported(res), err
		}
	}
	extra := map[string]any{"dest": op.path, "src": src}
	if src == "" {
		extra["src"] = nil
	}
	if need {
		return op.describeResult(ctx, true, map[string]any{"dest": op.path, "src": src, "state": state}, func(ctx context.Context, call *Call) (*Result, error) {
			if err := op.makeLink(ctx, state, src); err != nil {
				return nil, err
			}
			info, err := op.fs.Stat(ctx, op.path, hostfile.StatOptions{})
			if err != nil {
				return nil, err
			}
			op.prev = info
			if target, ok, err := op.attrTarget(ctx, info); err != nil {
				return nil, err
			} else if ok {
				if _, err := op.setAttrs(ctx, target); err != nil {
					return nil, err
				}
			}
			return op.result(ctx, true, true, extra)
		})
	}
	return op.linkAttrs(ctx, extra)
}

// linkSource is src, or without it (state=link, follow) the current
// target of the link at path when that target exists, as Ansible reuses.
func (op *fileOp) linkSource(ctx context.Context, state string) (string, error) {
	src := op.a.str("src")
	if src != "" || state != "link" || !op.a.boolean("follow") || !op.prev.IsLink() {
		return src, nil
	}
	target, err := op.fs.Stat(ctx, op.path, hostfile.StatOptions{Follow: true})
	if err != nil || !target.Exists {
		return "", err
	}
	return op.prev.LinkTarget, nil
}

// attrTarget is what owner/group/mode apply to for the link info: its
// resolved target with follow (ok false when that target is missing,
// as Ansible then sets nothing), else the link itself.
func (op *fileOp) attrTarget(ctx context.Context, info hostfile.Info) (hostfile.Info, bool, error) {
	if !op.a.boolean("follow") || !info.IsLink() {
		return info, true, nil
	}
	target, err := op.fs.Stat(ctx, info.LinkSource, hostfile.StatOptions{})
	if err != nil {
		return info, false, err
	}
	return target, target.Exists, nil
}

// linkAttrs describes bringing owner/group/mode of a link already in
// place (or of its target, with follow) in line.
func (op *fileOp) linkAttrs(ctx context.Context, extra map[string]any) (*Planned, error) {
	info, err := op.fs.Stat(ctx, op.path, hostfile.StatOptions{})
	if err != nil {
		return nil, err
	}
	op.prev = info
	target, ok, err := op.attrTarget(ctx, info)
	if err != nil {
		return nil, err
	}
	if !ok {
		p, err := op.describeResult(ctx, false, extra, nil)
		if err != nil {
			return nil, err
		}
		return withWarning(p, "Cannot set fs attributes on a non-existent symlink target. follow should be set to False to avoid this."), nil
	}
	plan, err := op.planAttrs(ctx, target)
	if err != nil {
		return nil, err
	}
	// Linux cannot chmod a symlink: Ansible's check mode predicts the
	// mode change, its real run finds the mode unchanged and reports none
	_, modeChange := plan.Change.After["mode"]
	linkModeOnly := target.IsLink() && modeChange && len(plan.Change.After) == 1
	return op.describeResult(ctx, plan.Change.Changed(), extra, func(ctx context.Context, call *Call) (*Result, error) {
		if err := op.fs.ApplyAttrs(ctx, plan); err != nil {
			return nil, fmt.Errorf("set attributes: %w", err)
		}
		return op.result(ctx, !linkModeOnly, !linkModeOnly, extra)
	})
}

// linkNeeded reports whether the link must be (re)made, or a failure result.
func (op *fileOp) linkNeeded(ctx context.Context, state, src string, srcInfo hostfile.Info) (bool, *Result, error) {
	prev, force := op.prev, op.a.boolean("force")
	switch {
	case !prev.Exists:
		return true, nil, nil
	case state == "link" && prev.IsLink():
		if prev.LinkTarget != src {
			op.before["src"], op.after["src"] = prev.LinkTarget, src
			return true, nil, nil
		}
		return false, nil, nil
	case state == "hard" && prev.Inode == srcInfo.Inode && prev.Dev == srcInfo.Dev:
		return false, nil, nil
	case prev.IsDir():
		if !force {
			return false, op.failure("refusing to convert from directory to %s for %s", map[string]string{"link": "symlink", "hard": "hard link"}[state], op.path), nil
		}
		out, err := op.fs.Exec(ctx, "ls -A -- "+hostfile.Quote(op.path))
		if err != nil {
			return false, nil, err
		}
		if strings.TrimSpace(out) != "" {
			return false, op.failure("the directory %s is not empty, refusing to convert it", op.path), nil
		}
		return true, nil, nil
	case state == "link" && !force:
		return false, op.failure("refusing to convert from %s to symlink for %s", fileState(prev)["state"], op.path), nil
	}
	return true, nil, nil
}

// makeLink replaces path by the link.
func (op *fileOp) makeLink(ctx context.Context, state, src string) error {
	p := hostfile.Quote(op.path)
	cmd := ""
	if op.prev.IsDir() {
		cmd = "rmdir -- " + p + " && "
	}
	flags := "-fn"
	if state == "link" {
		flags = "-sfn"
	}
	cmd += fmt.Sprintf("ln %s -- %s %s", flags, hostfile.Quote(src), p)
	if _, err := op.fs.Exec(ctx, cmd); err != nil {
		return fmt.Errorf("create %s link %s: %w", state, op.path, err)
	}
	return nil
}

// failure is a failed result for path with a formatted message.
func (op *fileOp) failure(format string, a ...any) *Result {
	return &Result{Failed: true, Msg: fmt.Sprintf(format, a...), Data: map[string]any{"path": op.path}}
}

// recurse applies owner/group/mode to everything below the directory
// (with recurse) with one listing and one change command.
func (op *fileOp) recurse(ctx context.Context) error {
	if !op.a.boolean("recurse") {
		return nil
	}
	cmds, err := op.recursePlan(ctx)
	if err != nil {
		return err
	}
	return op.recurseApply(ctx, cmds)
}

// recursePlan lists everything below the directory and returns the
// commands bringing its owner/group/mode in line.
func (op *fileOp) recursePlan(ctx context.Context) ([]string, error) {
	want := op.a.attrs()
	if want == (hostfile.Attrs{}) {
		return nil, nil
	}
	follow := ""
	if op.a.boolean("follow") {
		follow = "-L "
	}
	out, err := op.fs.Exec(ctx, fmt.Sprintf("find %s%s -mindepth 1 -printf '%%m %%U %%G %%u %%g %%y %%p\\n'", follow, hostfile.Quote(op.prev.Path)))
	if err != nil {
		return nil, fmt.Errorf("list %s: %w", op.path, err)
	}
	var cmds []string
	for _, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		f := strings.SplitN(line, " ", 7)
		if len(f) < 7 {
			continue
		}
		cmd, err := recurseCmd(f, want, op.prev.Umask)
		if err != nil {
			return nil, err
		}
		cmds = append(cmds, cmd...)
	}
	return cmds, nil
}

// recurseApply runs the commands recursePlan returned.
func (op *fileOp) recurseApply(ctx context.Context, cmds []string) error {
	if len(cmds) == 0 {
		return nil
	}
	_, err := op.fs.Exec(ctx, strings.Join(cmds, " && "))
	return err
}

// recurseCmd returns the commands fixing one `find -printf` entry
// (mode uid gid user group type path).
func recurseCmd(f []string, want hostfile.Attrs, umask uint32) ([]string, error) {
	p := hostfile.Quote(f[6])
	var cmds []string
	if want.Owner != "" && want.Owner != f[1] && want.Owner != f[3] {
		cmds = append(cmds, "chown -h "+hostfile.Quote(want.Owner)+" "+p)
	}
	if want.Group != "" && want.Group != f[2] && want.Group != f[4] {
		cmds = append(cmds, "chgrp -h "+hostfile.Quote(want.Group)+" "+p)
	}
	if want.Mode != "" && f[5] != "l" {
		cur, _ := strconv.ParseUint(f[0], 8, 32)
		mode, err := hostfile.ResolveMode(want.Mode, uint32(cur), f[5] == "d", umask)
		if err != nil {
			return nil, err
		}
		if mode != uint32(cur) {
			cmds = append(cmds, fmt.Sprintf("chmod %04o %s", mode, p))
		}
	}
	return cmds, nil
}
