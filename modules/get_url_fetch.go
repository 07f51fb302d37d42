package modules

import (
	"context"
	"fmt"
	"maps"
	"path"
	"strings"
	"time"

	"github.com/edxplay/edxplay/internal/modspec"
	"github.com/edxplay/edxplay/modules/hostfile"
)

// describeDownload downloads next to dest and compares; the description
// holds the download until it is moved into place (when its content
// differs) or released.
func describeDownload(ctx context.Context, call *Call, fs *hostfile.FS, rawURL, dest string, info hostfile.Info, sum wantedSum, o downloadOptions, data map[string]any) (*Planned, error) {
	a := args(call.Args)
	dir := path.Dir(dest)
	if d, err := fs.Stat(ctx, dir, hostfile.StatOptions{Follow: true}); err != nil || !d.IsDir() {
		return reported(&Result{Failed: true, Msg: fmt.Sprintf("Destination %s does not exist", dir), Data: data}), err
	}
	o.dir = dir
	start := time.Now()
	tmp, status, err := downloadWithStatus(ctx, fs, rawURL, o)
	data["elapsed"] = int(time.Since(start).Seconds())
	if err != nil {
		return reported(&Result{Failed: true, Msg: err.Error(), Data: data}), nil
	}
	held := true
	discard := func() {
		if held {
			held = false
			_, _ = fs.Run(context.WithoutCancel(ctx), "rm -f "+hostfile.Quote(tmp))
		}
	}
	src, err := fs.Stat(ctx, tmp, hostfile.StatOptions{Checksum: "sha1"})
	if err != nil {
		discard()
		return nil, err
	}
	data["checksum_src"], data["status_code"], data["size"] = src.Checksum, status, src.Size
	var destSum string
	if info.Exists {
		cur, err := fs.Stat(ctx, dest, hostfile.StatOptions{Follow: true, Checksum: "sha1"})
		if err != nil {
			discard()
			return nil, err
		}
		destSum, data["checksum_dest"] = cur.Checksum, cur.Checksum
	}
	changed := destSum != src.Checksum
	msg := fmt.Sprintf("OK (%d bytes)", src.Size)
	if sum.hex != "" && !checkTmpSum(ctx, fs, sum, tmp) {
		got, _ := fs.Stat(ctx, tmp, hostfile.StatOptions{Checksum: sum.algo})
		discard()
		return reported(&Result{Failed: true, Msg: fmt.Sprintf("The checksum for %s did not match %s; it was %s.", dest, sum.hex, got.Checksum), Data: data}), nil
	}
	out := &Result{Changed: changed, Msg: msg, Data: data}
	if changed {
		out.Diffs = downloadDiff(call, dest, info.Exists)
	} else if change, err := fs.SetAttrs(ctx, info, a.attrs(), true); err == nil && change.Changed() {
		out.Changed, out.Diffs = true, attrDiffs(call, dest, change)
	}
	p := planned(out, func(ctx context.Context, call *Call) (*Result, error) {
		data := maps.Clone(data)
		if changed {
			if a.boolean("backup") && info.Exists {
				if b, err := fs.Backup(ctx, dest); err == nil {
					data["backup_file"] = b
				}
			}
			if _, err := fs.Exec(ctx, fmt.Sprintf("chmod %04o %s && mv -f %s %s", hostfile.NewFileMode(info.Umask), hostfile.Quote(tmp), hostfile.Quote(tmp), hostfile.Quote(dest))); err != nil {
				discard()
				return &Result{Failed: true, Msg: fmt.Sprintf("failed to copy %s to %s: %v", tmp, dest, err), Data: data}, nil
			}
			held = false
		} else {
			discard()
		}
		return finishDownload(ctx, call, fs, dest, info, changed, msg, data)
	})
	p.release = discard
	return p, nil
}

// finishDownload brings the attributes of the placed dest in line and
// reports its final state.
func finishDownload(ctx context.Context, call *Call, fs *hostfile.FS, dest string, info hostfile.Info, changed bool, msg string, data map[string]any) (*Result, error) {
	final, err := fs.Stat(ctx, dest, hostfile.StatOptions{Follow: true, Checksum: "md5"})
	if err != nil {
		return nil, err
	}
	change, err := fs.SetAttrs(ctx, final, args(call.Args).attrs(), false)
	if err != nil {
		return &Result{Failed: true, Msg: err.Error(), Data: data}, nil
	}
	data["md5sum"] = final.Checksum
	out := &Result{Changed: changed || change.Changed(), Msg: msg, Data: data}
	if changed {
		out.Diffs = downloadDiff(call, dest, info.Exists)
	} else {
		out.Diffs = attrDiffs(call, dest, change)
	}
	return out, nil
}

// checkTmpSum verifies the downloaded file's checksum.
func checkTmpSum(ctx context.Context, fs *hostfile.FS, sum wantedSum, p string) bool {
	info, err := fs.Stat(ctx, p, hostfile.StatOptions{Checksum: sum.algo})
	return err == nil && strings.EqualFold(info.Checksum, sum.hex)
}

// downloadDiff says a file was created or replaced with downloaded content.
func downloadDiff(call *Call, dest string, existed bool) []modspec.Diff {
	if !call.Diff {
		return nil
	}
	before := "state: absent\n"
	if existed {
		before = "state: file (previous content)\n"
	}
	return []modspec.Diff{{BeforeHeader: dest, AfterHeader: dest, Before: before, After: "state: file (downloaded content)\n"}}
}
