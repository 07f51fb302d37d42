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
	// before, which stands for putFile's own.
	seen *hostfile.Info
}

// putFile writes req.data to req.dest when it differs (or, in check mode,
// reports whether it would), then brings the attributes in line. It
// returns Ansible's copy result.
func putFile(ctx context.Context, call *Call, fs *hostfile.FS, req putRequest) (*Result, error) {
	info, err := destInfo(ctx, fs, req)
	if err != nil {
		return nil, err
	}
	if info.IsDir() {
		return &Result{Failed: true, Msg: fmt.Sprintf("Destination %s is a directory", req.dest)}, nil
	}
	sum := sha1Hex(req.data)
	res := &Result{Data: map[string]any{"dest": req.dest, "checksum": sum}}
	if info.Exists && (info.Checksum == sum || !req.force) {
		change, err := fs.SetAttrs(ctx, info, req.attrs, call.Check)
		if err != nil {
			return nil, err
		}
		res.Changed, res.Diffs = change.Changed(), attrDiff(req.dest, change)
		return finishPut(ctx, call, fs, res, info, change.Changed())
	}
	// In check mode a missing directory may come from an earlier task of
	// the same run: Ansible reports the file as changed, not a failure.
	if !info.Exists && !req.parentKnown && !call.Check {
		if err := checkParentDir(ctx, fs, req.dest); err != nil {
			return &Result{Failed: true, Msg: err.Error()}, nil
		}
	}
	if call.Diff {
		if res.Diffs, err = contentDiff(ctx, fs, info, req); err != nil {
			return nil, err
		}
	}
	res.Changed = true
	res.Data["md5sum"] = md5Hex(req.data)
	if call.Check {
		return finishPut(ctx, call, fs, res, info, true)
	}
	if err := writeValidated(ctx, call, fs, info, req, res); err != nil || res.Failed {
		return res, err
	}
	return finishPut(ctx, call, fs, res, info, true)
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

// finishPut adds the file's final state (re-read after a real change,
// predicted in check mode) to the result.
func finishPut(ctx context.Context, call *Call, fs *hostfile.FS, res *Result, before hostfile.Info, changed bool) (*Result, error) {
	final := before
	if changed && !call.Check {
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
