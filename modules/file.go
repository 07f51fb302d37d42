package modules

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"path"
	"strings"

	"github.com/edxplay/edxplay/internal/modspec"
	"github.com/edxplay/edxplay/modules/hostfile"
)

// File manages files, directories, links and their attributes.
type File struct{}

// Spec describes file's arguments.
func (File) Spec() modspec.Spec {
	return modspec.Spec{
		Name:  "file",
		Short: "Manage files and file properties",
		Args: append([]modspec.Arg{
			// required, checked when the task runs as Ansible does (a playbook
			// testing the failure loads)
			{Name: "path", Type: modspec.Path, Aliases: []string{"dest", "name"}, Doc: "Path to the file being managed (required)."},
			{Name: "state", Type: modspec.String, Choices: []string{"absent", "directory", "file", "hard", "link", "touch"}, Doc: "What the path should be; default: its current kind, or file."},
			{Name: "src", Type: modspec.Path, Doc: "Target of a link (state=link or hard)."},
			{Name: "recurse", Type: modspec.Bool, Default: false, Doc: "Apply attributes recursively (state=directory)."},
			{Name: "force", Type: modspec.Bool, Default: false, Doc: "Replace an existing file by a link, or link to a missing src."},
			{Name: "follow", Type: modspec.Bool, Default: true, Doc: "Act on the target of a symlink at path."},
			{Name: "_diff_peek", Type: modspec.Bool, Doc: "Internal (action plugins): only report whether path appears binary (a NUL in its first 8192 bytes)."},
		}, append(append(fileAttrArgs(), fileTimeArgs()...), selinuxArgs()...)...),
		Example: "- file:\n    path: /etc/app\n    state: directory\n    mode: \"0755\"\n",
	}
}

// fileOp carries one file-module invocation.
type fileOp struct {
	call *Call
	a    args
	fs   *hostfile.FS
	path string
	prev hostfile.Info
	// times are the timestamps wanted (file, directory and touch).
	times fileTimes
	// before/after are the state diff, in Ansible's form.
	before, after map[string]any
}

// Run brings path to the requested state.
func (f File) Run(ctx context.Context, call *Call) (*Result, error) {
	return runDescribed(ctx, f, call)
}

// Describe reads path and describes how file would bring it to the
// requested state, changing nothing.
func (File) Describe(ctx context.Context, call *Call) (*Planned, error) {
	a := args(call.Args)
	op := &fileOp{call: call, a: a, fs: hostfile.New(call.Conn, call.Become), path: a.str("path")}
	if !a.has("path") {
		return reported(&Result{Failed: true, Msg: "missing required arguments: path"}), nil
	}
	if a.has("_diff_peek") {
		res, err := op.diffPeek(ctx)
		return reported(res), err
	}
	if failed, err := refuseSELinux(ctx, op.fs, a); err != nil {
		return nil, err
	} else if failed != nil {
		return reported(failed), nil
	}
	var err error
	if op.prev, err = op.fs.Stat(ctx, op.path, hostfile.StatOptions{}); err != nil {
		return nil, err
	}
	state := a.str("state")
	if state == "" {
		state = op.defaultState()
	}
	if failed := op.stateConflict(state); failed != nil {
		return reported(failed), nil
	}
	if state != "link" && state != "hard" && state != "absent" && op.prev.IsLink() && a.boolean("follow") {
		if op.prev, err = op.fs.Stat(ctx, op.prev.LinkSource, hostfile.StatOptions{}); err != nil {
			return nil, err
		}
	}
	op.before = map[string]any{"path": op.path}
	op.after = map[string]any{"path": op.path}
	if state == "file" || state == "directory" || state == "touch" {
		var failed *Result
		if op.times, failed, err = op.wantedTimes(ctx, state); err != nil {
			return nil, err
		} else if failed != nil {
			failed.Data = map[string]any{"path": op.path}
			return reported(failed), nil
		}
	}
	if prevState := fileState(op.prev)["state"]; prevState != state {
		op.before["state"], op.after["state"] = prevState, state
	}
	switch state {
	case "absent":
		return op.absent(ctx)
	case "directory":
		return op.directory(ctx)
	case "touch":
		return op.touch(ctx)
	case "link", "hard":
		return op.link(ctx, state)
	}
	return op.file(ctx)
}

// defaultState is Ansible's: the current kind, directory with recurse,
// else file.
func (op *fileOp) defaultState() string {
	switch {
	case op.prev.Exists:
		return fileState(op.prev)["state"].(string)
	case op.a.boolean("recurse"):
		return "directory"
	}
	return "file"
}

// stateConflict is Ansible's failure for recurse or src with a state
// (given or defaulted) they do not apply to, nil when they fit.
func (op *fileOp) stateConflict(state string) *Result {
	switch {
	case op.a.boolean("recurse") && state != "directory":
		return op.failure("recurse option requires state to be 'directory'")
	case op.a.str("src") != "" && state != "link" && state != "hard":
		return op.failure("src option requires state to be 'link' or 'hard'")
	}
	return nil
}

// result builds the module result from the path's final state: re-read
// after a change that was made, the described pre-state otherwise.
func (op *fileOp) result(ctx context.Context, changed, made bool, extra map[string]any) (*Result, error) {
	final := op.prev
	if changed && made {
		var err error
		if final, err = op.fs.Stat(ctx, op.prev.Path, hostfile.StatOptions{}); err != nil {
			return nil, err
		}
	}
	data := fileState(final)
	data["path"] = op.path
	for k, v := range extra {
		data[k] = v
	}
	data["diff"] = op.diffData()
	res := &Result{Changed: changed, Data: data}
	if len(op.before) > 1 || len(op.after) > 1 {
		res.Diffs = []modspec.Diff{{Before: jsonDiff(op.before), After: jsonDiff(op.after)}}
	}
	return res, nil
}

// diffData is the diff the file module returns in its result (also
// without --diff): the before and after states.
func (op *fileOp) diffData() map[string]any {
	return map[string]any{"before": maps.Clone(op.before), "after": maps.Clone(op.after)}
}

// describeResult is the described result, with apply making the change
// when there is one.
func (op *fileOp) describeResult(ctx context.Context, changed bool, extra map[string]any, apply applyStep) (*Planned, error) {
	res, err := op.result(ctx, changed, false, extra)
	if err != nil || !changed {
		return reported(res), err
	}
	return planned(res, apply), nil
}

// planAttrs describes bringing owner/group/mode of info in line, merging
// the change into the diff.
func (op *fileOp) planAttrs(ctx context.Context, info hostfile.Info) (hostfile.AttrPlan, error) {
	plan, err := op.fs.PlanAttrs(ctx, info, op.a.attrs())
	if err != nil {
		return plan, fmt.Errorf("set attributes: %w", err)
	}
	for k, v := range plan.Change.Before {
		op.before[k], op.after[k] = v, plan.Change.After[k]
	}
	return plan, nil
}

// setAttrs applies owner/group/mode to info (a path this run just made),
// merging the change into the diff.
func (op *fileOp) setAttrs(ctx context.Context, info hostfile.Info) (bool, error) {
	plan, err := op.planAttrs(ctx, info)
	if err != nil {
		return false, err
	}
	if err := op.fs.ApplyAttrs(ctx, plan); err != nil {
		return false, fmt.Errorf("set attributes: %w", err)
	}
	return plan.Change.Changed(), nil
}

func (op *fileOp) file(ctx context.Context) (*Planned, error) {
	switch {
	case !op.prev.Exists:
		return reported(&Result{Failed: true, Msg: fmt.Sprintf("file (%s) is absent, cannot continue", op.path), Data: map[string]any{"path": op.path, "state": "absent"}}), nil
	case op.prev.IsDir():
		return reported(&Result{Failed: true, Msg: fmt.Sprintf("%s already exists as a directory", op.path), Data: map[string]any{"path": op.path}}), nil
	}
	delete(op.before, "state")
	delete(op.after, "state")
	return op.attrsAndTimes(ctx)
}

// attrsAndTimes describes bringing the existing path's attributes and
// timestamps in line.
func (op *fileOp) attrsAndTimes(ctx context.Context) (*Planned, error) {
	plan, err := op.planAttrs(ctx, op.prev)
	if err != nil {
		return nil, err
	}
	times := op.planTimes(op.prev, op.times)
	return op.describeResult(ctx, plan.Change.Changed() || times != "", nil, func(ctx context.Context, call *Call) (*Result, error) {
		if err := op.fs.ApplyAttrs(ctx, plan); err != nil {
			return nil, fmt.Errorf("set attributes: %w", err)
		}
		if err := op.applyTimes(ctx, times); err != nil {
			return nil, err
		}
		return op.result(ctx, true, true, nil)
	})
}

func (op *fileOp) absent(ctx context.Context) (*Planned, error) {
	if !op.prev.Exists {
		return reported(&Result{Data: map[string]any{"path": op.path, "state": "absent"}}), nil
	}
	if op.prev.IsDir() {
		content, err := op.pathContent(ctx)
		if err != nil {
			return nil, err
		}
		op.before["path_content"] = content
	}
	res := &Result{Changed: true, Data: map[string]any{"path": op.path, "state": "absent", "diff": op.diffData()},
		Diffs: []modspec.Diff{{Before: jsonDiff(op.before), After: jsonDiff(op.after)}}}
	return planned(res, func(ctx context.Context, call *Call) (*Result, error) {
		if err := op.fs.Remove(ctx, op.path, op.prev.IsDir()); err != nil {
			return nil, err
		}
		return res, nil
	}), nil
}

func (op *fileOp) touch(ctx context.Context) (*Planned, error) {
	if op.prev.Exists {
		return op.attrsAndTimes(ctx)
	}
	return op.describeResult(ctx, true, nil, func(ctx context.Context, call *Call) (*Result, error) {
		if _, err := op.fs.Exec(ctx, "touch -- "+hostfile.Quote(op.path)); err != nil {
			return nil, fmt.Errorf("touch %s: %w", op.path, err)
		}
		info, err := op.fs.Stat(ctx, op.path, hostfile.StatOptions{})
		if err != nil {
			return nil, err
		}
		op.prev = info
		if _, err := op.setAttrs(ctx, op.prev); err != nil {
			// as Ansible does, the file just created goes when its attributes fail
			_, _ = op.fs.Exec(ctx, "rm -f -- "+hostfile.Quote(op.path))
			if inner := errors.Unwrap(err); inner != nil {
				err = inner
			}
			return &Result{Failed: true, Msg: err.Error(), Data: map[string]any{"path": op.path}}, nil
		}
		if err := op.applyTimes(ctx, op.planTimes(op.prev, op.times)); err != nil {
			_, _ = op.fs.Exec(ctx, "rm -f -- "+hostfile.Quote(op.path))
			return nil, err
		}
		return op.result(ctx, true, true, nil)
	})
}

// directory describes creating path (and parents) or checking it is one,
// then applying attributes, recursively with recurse.
func (op *fileOp) directory(ctx context.Context) (*Planned, error) {
	if op.prev.Exists && !op.prev.IsDir() {
		return reported(&Result{Failed: true, Msg: fmt.Sprintf("%s already exists as a %s", op.path, fileState(op.prev)["state"]), Data: map[string]any{"path": op.path}}), nil
	}
	if !op.prev.Exists {
		return op.describeResult(ctx, true, nil, func(ctx context.Context, call *Call) (*Result, error) {
			if err := op.mkdir(ctx); err != nil {
				return nil, err
			}
			if _, err := op.setAttrs(ctx, op.prev); err != nil {
				return nil, err
			}
			if err := op.recurse(ctx); err != nil {
				return nil, err
			}
			if err := op.applyTimes(ctx, op.planTimes(op.prev, op.times)); err != nil {
				return nil, err
			}
			return op.result(ctx, true, true, nil)
		})
	}
	plan, err := op.planAttrs(ctx, op.prev)
	if err != nil {
		return nil, err
	}
	var below []string
	if op.a.boolean("recurse") {
		if below, err = op.recursePlan(ctx); err != nil {
			return nil, err
		}
	}
	times := op.planTimes(op.prev, op.times)
	changed := plan.Change.Changed() || len(below) > 0 || times != ""
	return op.describeResult(ctx, changed, nil, func(ctx context.Context, call *Call) (*Result, error) {
		if err := op.fs.ApplyAttrs(ctx, plan); err != nil {
			return nil, fmt.Errorf("set attributes: %w", err)
		}
		if err := op.recurseApply(ctx, below); err != nil {
			return nil, err
		}
		if err := op.applyTimes(ctx, times); err != nil {
			return nil, err
		}
		return op.result(ctx, true, true, nil)
	})
}

// mkdir creates the directory and missing parents, each with the wanted
// mode resolved against the default directory mode.
func (op *fileOp) mkdir(ctx context.Context) error {
	var mode uint32
	if spec := op.a.str("mode"); spec != "" {
		def := hostfile.NewDirMode(op.prev.Umask)
		m, err := hostfile.ResolveMode(spec, def, true, op.prev.Umask)
		if err != nil {
			return err
		}
		mode = m
	}
	if _, err := op.fs.MkdirAll(ctx, path.Clean(op.path), mode, op.a.str("owner"), op.a.str("group")); err != nil {
		return err
	}
	info, err := op.fs.Stat(ctx, op.path, hostfile.StatOptions{})
	op.prev = info
	return err
}

// diffPeek is Ansible's _diff_peek short cut: whether path appears binary
// (a NUL byte in its first 8192 bytes; an unreadable file reads as text),
// with the path's state and nothing changed.
func (op *fileOp) diffPeek(ctx context.Context) (*Result, error) {
	info, err := op.fs.Stat(ctx, op.path, hostfile.StatOptions{})
	if err != nil {
		return nil, err
	}
	if info.IsLink() { // Ansible describes the link itself, when its target exists
		target, err := op.fs.Stat(ctx, op.path, hostfile.StatOptions{Follow: true})
		if err != nil {
			return nil, err
		}
		info.Exists = target.Exists
	}
	q := hostfile.Quote(op.path)
	out, err := op.fs.Exec(ctx, "if [ -f "+q+" ] && [ -r "+q+" ]; then head -c 8192 -- "+q+" | tr -dc '\\000' | wc -c; else echo 0; fi")
	if err != nil {
		return nil, err
	}
	data := map[string]any{"path": op.path, "appears_binary": strings.TrimSpace(out) != "0"}
	if info.Exists {
		for k, v := range fileState(info) {
			if k != "path" {
				data[k] = v
			}
		}
	}
	return &Result{Data: data}, nil
}
