package modules

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"path"

	"github.com/edxplay/edxplay/internal/modspec"
	"github.com/edxplay/edxplay/modules/hostfile"
)

// textFile is a file edited in place by lineinfile, blockinfile or replace.
type textFile struct {
	call *Call
	fs   *hostfile.FS
	info hostfile.Info
	// content is the current content (nil when the file does not exist).
	content []byte
}

// loadText stats (following symlinks) and reads path.
func loadText(ctx context.Context, call *Call, p string) (*textFile, error) {
	t := &textFile{call: call, fs: hostfile.New(call.Conn, call.Become)}
	var err error
	if t.info, t.content, err = t.fs.StatRead(ctx, p); err != nil {
		return nil, err
	}
	if t.info.Exists && !t.info.IsDir() && t.content == nil {
		// not readable by this user, or not a regular file: read it the usual way
		if t.content, err = t.fs.Read(ctx, p); err != nil {
			return nil, err
		}
	}
	return t, nil
}

// validationError is a failed validate command; its text is Ansible's message.
type validationError string

func (e validationError) Error() string { return string(e) }

// contentDiffOf is the "(content)" diff of an edit.
func contentDiffOf(p string, before, after []byte) modspec.Diff {
	return modspec.Diff{BeforeHeader: p + " (content)", AfterHeader: p + " (content)", Before: string(before), After: string(after)}
}

// failedResult is a failure with Ansible's rc and message.
func failedResult(rc int, format string, a ...any) *Result {
	msg := fmt.Sprintf(format, a...)
	return &Result{Failed: true, Msg: msg, Data: map[string]any{"rc": rc, "msg": msg}}
}

// loadEditable loads the file a text-editing module changes; a directory
// is Ansible's rc 256 failure, returned as the module's result.
func loadEditable(ctx context.Context, call *Call, p string) (*textFile, *Result, error) {
	t, err := loadText(ctx, call, p)
	if err != nil {
		return nil, nil, err
	}
	if t.info.IsDir() {
		return nil, failedResult(256, "Path %s is a directory !", p), nil
	}
	return t, nil, nil
}

// describeEdit describes an edit of t's file from before to after (when
// changed) with the wanted attributes, and builds the result shared by
// lineinfile, blockinfile and replace from data; adapt, when set, turns
// it into the module's own result (failures stay as they are).
func describeEdit(ctx context.Context, t *textFile, a args, e edit) (*Planned, error) {
	e.path = a.str("path")
	var attrs hostfile.AttrPlan
	if t.info.Exists {
		info := t.info
		info.Path = info.RealPath()
		var err error
		if attrs, err = t.fs.PlanAttrs(ctx, info, a.attrs()); err != nil {
			return nil, fmt.Errorf("set attributes: %w", err)
		}
	}
	res := e.result(t, t.call.Diff, "", attrs.Change)
	if !res.Changed {
		return reported(res), nil
	}
	return planned(res, func(ctx context.Context, call *Call) (*Result, error) {
		backup := ""
		if e.changed {
			var err error
			if backup, err = t.write(ctx, e.after, a.boolean("backup"), a.str("validate")); err != nil {
				var verr validationError
				if errors.As(err, &verr) {
					return &Result{Failed: true, Msg: verr.Error()}, nil
				}
				return nil, err
			}
		}
		if !t.info.Exists {
			info, err := t.fs.Stat(ctx, t.info.Path, hostfile.StatOptions{Follow: true})
			if err != nil {
				return nil, err
			}
			info.Path = info.RealPath()
			if attrs, err = t.fs.PlanAttrs(ctx, info, a.attrs()); err != nil {
				return nil, fmt.Errorf("set attributes: %w", err)
			}
		}
		if err := t.fs.ApplyAttrs(ctx, attrs); err != nil {
			return nil, fmt.Errorf("set attributes: %w", err)
		}
		return e.result(t, call.Diff, backup, attrs.Change), nil
	}), nil
}

// edit is a described change of a text file's content.
type edit struct {
	path          string
	before, after []byte
	changed       bool
	msg           string
	data          map[string]any
	adapt         func(*Result) *Result
}

// result is the edit's result with backup and the attribute change.
func (e edit) result(t *textFile, diff bool, backup string, attrs hostfile.AttrChange) *Result {
	data := maps.Clone(e.data)
	res := &Result{Data: data}
	data["backup"] = backup
	if diff {
		res.Diffs = []modspec.Diff{contentDiffOf(e.path, e.before, e.after)}
	}
	msg, changed := withAttrMsg(e.msg, e.changed, attrs)
	res.Changed, res.Msg = changed, msg
	data["msg"] = msg
	res.Diffs = append(res.Diffs, attrDiff(t.info.Path, attrs)...)
	if e.adapt != nil {
		return e.adapt(res)
	}
	return res
}

// write writes data: it creates missing parent directories, backs the
// old file up and validates the new content first. It returns the
// backup's name ("" without backup).
func (t *textFile) write(ctx context.Context, data []byte, backup bool, validate string) (string, error) {
	target := t.info
	target.Path = t.info.RealPath()
	if !t.info.Exists {
		if _, err := t.fs.MkdirAll(ctx, path.Dir(target.Path), 0, "", ""); err != nil {
			return "", err
		}
	}
	name := ""
	if backup && t.info.Exists {
		var err error
		if name, err = t.fs.Backup(ctx, target.Path); err != nil {
			return "", err
		}
	}
	if validate != "" {
		msg, err := validateContent(ctx, t.call, t.fs, target, data, validate)
		if err != nil {
			return "", err
		}
		if msg != "" {
			return "", validationError(msg)
		}
	}
	if err := t.fs.Write(ctx, target, data, hostfile.Attrs{}); err != nil {
		return "", err
	}
	return name, nil
}
