package modules

import (
	"context"
	"crypto/md5"
	"crypto/rand"
	"crypto/sha1"
	"encoding/hex"
	"fmt"
	"path"
	"strings"

	"github.com/edxplay/edxplay/internal/connection"
	"github.com/edxplay/edxplay/internal/modspec"
	"github.com/edxplay/edxplay/modules/hostfile"
)

// putRequest is one file that copy or template places on the target.
type putRequest struct {
	dest string
	data []byte
	// srcLabel names the source in the diff's after header.
	srcLabel string
	attrs    hostfile.Attrs
	force    bool
	backup   bool
	follow   bool
	validate string
	// parentKnown skips the parent-directory check (trees create parents first).
	parentKnown bool
	// seen, when set, is a checksummed stat of dest (not a link) made just
	// before, which stands for describePut's own.
	seen *hostfile.Info
}

// describePut describes placing req.data at req.dest: a write when the
// content differs (and force allows it), else bringing the attributes in
// line. Its result is Ansible's copy result in check mode; the apply step
// makes the change and reports the file's final state.
func describePut(ctx context.Context, call *Call, fs *hostfile.FS, req putRequest) (*Planned, error) {
	info, err := destInfo(ctx, fs, req)
	if err != nil {
		return nil, err
	}
	if info.IsDir() {
		return reported(&Result{Failed: true, Msg: fmt.Sprintf("Destination %s is a directory", req.dest)}), nil
	}
	sum := sha1Hex(req.data)
	if info.Exists && (info.Checksum == sum || !req.force) {
		return describePutAttrs(ctx, fs, req, info, sum)
	}
	var content []modspec.Diff
	if call.Diff {
		if content, err = contentDiff(ctx, fs, info, req); err != nil {
			return nil, err
		}
	}
	result := func(diff bool) *Result {
		res := putResult(req, sum)
		if diff {
			res.Diffs = content
		}
		res.Changed = true
		res.Data["md5sum"] = md5Hex(req.data)
		return res
	}
	apply := func(ctx context.Context, call *Call) (*Result, error) {
		// A missing directory fails only for real: in check mode it may
		// come from an earlier task of the same run, and Ansible reports
		// the file as changed.
		if !info.Exists && !req.parentKnown {
			if err := checkParentDir(ctx, fs, req.dest); err != nil {
				return &Result{Failed: true, Msg: err.Error()}, nil
			}
		}
		res := result(call.Diff)
		if err := writeValidated(ctx, call, fs, info, req, res); err != nil || res.Failed {
			return res, err
		}
		return finishPut(ctx, fs, res, info, true, true)
	}
	res, err := finishPut(ctx, fs, result(call.Diff), info, true, false)
	return planned(res, apply), err
}

// describePutAttrs describes a put whose content stays: only the
// attributes change, if any.
func describePutAttrs(ctx context.Context, fs *hostfile.FS, req putRequest, info hostfile.Info, sum string) (*Planned, error) {
	plan, err := fs.PlanAttrs(ctx, info, req.attrs)
	if err != nil {
		return nil, err
	}
	changed := plan.Change.Changed()
	result := func() *Result {
		res := putResult(req, sum)
		res.Changed, res.Diffs = changed, attrDiff(req.dest, plan.Change)
		return res
	}
	res, err := finishPut(ctx, fs, result(), info, changed, false)
	if err != nil || !changed {
		return reported(res), err
	}
	return planned(res, func(ctx context.Context, call *Call) (*Result, error) {
		if err := fs.ApplyAttrs(ctx, plan); err != nil {
			return nil, err
		}
		return finishPut(ctx, fs, result(), info, true, true)
	}), nil
}

// putResult is the start of a put's result.
func putResult(req putRequest, sum string) *Result {
	return &Result{Data: map[string]any{"dest": req.dest, "checksum": sum}}
}

// writeValidated backs up, validates and writes the file.
func writeValidated(ctx context.Context, call *Call, fs *hostfile.FS, info hostfile.Info, req putRequest, res *Result) error {
	if req.backup && info.Exists {
		name, err := fs.Backup(ctx, info.Path)
		if err != nil {
			return err
		}
		res.Data["backup_file"] = name
	}
	if req.validate != "" {
		msg, err := validateContent(ctx, call, fs, info, req.data, req.validate)
		if err != nil || msg != "" {
			res.Failed, res.Msg = msg != "", msg
			return err
		}
	}
	return fs.Write(ctx, info, req.data, req.attrs)
}

// finishPut adds the file's final state (re-read after a change that was
// made, predicted from before otherwise) to the result.
func finishPut(ctx context.Context, fs *hostfile.FS, res *Result, before hostfile.Info, changed, made bool) (*Result, error) {
	final := before
	if changed && made {
		var err error
		if final, err = fs.Stat(ctx, before.Path, hostfile.StatOptions{}); err != nil {
			return nil, err
		}
	}
	for _, k := range []string{"mode", "owner", "group", "uid", "gid", "size", "state"} {
		if v, ok := fileState(final)[k]; ok && final.Exists {
			res.Data[k] = v
		}
	}
	if !changed {
		res.Data["path"] = before.Path
	}
	return res, nil
}

// checkParentDir fails like Ansible when dest's directory is missing.
func checkParentDir(ctx context.Context, fs *hostfile.FS, dest string) error {
	dir := path.Dir(dest)
	parent, err := fs.Stat(ctx, dir, hostfile.StatOptions{Follow: true})
	if err != nil {
		return err
	}
	if !parent.IsDir() {
		return fmt.Errorf("Destination directory %s does not exist", dir)
	}
	return nil
}

// contentDiff returns the before/after content diff of a put.
func contentDiff(ctx context.Context, fs *hostfile.FS, info hostfile.Info, req putRequest) ([]modspec.Diff, error) {
	d := modspec.Diff{BeforeHeader: req.dest, AfterHeader: req.srcLabel, After: string(req.data)}
	if info.Exists {
		old, err := fs.Read(ctx, info.Path)
		if err != nil {
			return nil, err
		}
		d.Before = string(old)
	}
	return []modspec.Diff{d}, nil
}

// validateContent writes data to a scratch file beside the destination
// and runs the validate command on it; it returns Ansible's failure
// message when validation fails. The scratch file is removed when the
// command ends or is killed, and by the transport's cleanup of temporary
// files when the connection breaks first.
func validateContent(ctx context.Context, call *Call, fs *hostfile.FS, info hostfile.Info, data []byte, validate string) (string, error) {
	if !strings.Contains(validate, "%s") {
		return fmt.Sprintf("validate must contain %%s: %s", validate), nil
	}
	tmp, err := scratchPath(info.Path)
	if err != nil {
		return "", err
	}
	if err := fs.Conn.WriteFile(ctx, tmp, data, connection.FileAttrs{Mode: 0o600, Become: fs.Become, Scratch: true}); err != nil {
		return "", err
	}
	q := hostfile.Quote(tmp)
	res, err := fs.Run(ctx, "trap 'rm -f -- "+strings.ReplaceAll(q, "'", `'\''`)+"' EXIT; trap 'exit 143' HUP INT TERM\n"+
		strings.ReplaceAll(validate, "%s", q))
	if err != nil {
		return "", err
	}
	if res.RC != 0 {
		return fmt.Sprintf("failed to validate: rc:%d error:%s", res.RC, res.Stderr), nil
	}
	return "", nil
}

// scratchPath is a new scratch file name beside dest (see connection.TempPrefix).
func scratchPath(dest string) (string, error) {
	b := make([]byte, 8)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	base := path.Base(dest)
	if len(base) > 64 {
		base = base[:64]
	}
	return path.Join(path.Dir(dest), connection.TempPrefix+"validate-"+hex.EncodeToString(b)+"-"+base), nil
}

func sha1Hex(data []byte) string {
	sum := sha1.Sum(data)
	return hex.EncodeToString(sum[:])
}

func md5Hex(data []byte) string {
	sum := md5.Sum(data)
	return hex.EncodeToString(sum[:])
}

// destInfo is the checksummed stat of the destination, reusing one made
// while resolving it.
func destInfo(ctx context.Context, fs *hostfile.FS, req putRequest) (hostfile.Info, error) {
	if req.seen != nil {
		return *req.seen, nil
	}
	return fs.Stat(ctx, req.dest, hostfile.StatOptions{Follow: req.follow, Checksum: "sha1"})
}
