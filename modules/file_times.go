package modules

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/edxplay/edxplay/internal/modspec"
	"github.com/edxplay/edxplay/internal/pytime"
	"github.com/edxplay/edxplay/modules/hostfile"
)

// fileTimeArgs are the file module's timestamp arguments.
func fileTimeArgs() []modspec.Arg {
	return []modspec.Arg{
		{Name: "modification_time", Type: modspec.String,
			Doc: "preserve, now, or a time in modification_time_format; default: now with state=touch, else preserve."},
		{Name: "modification_time_format", Type: modspec.String, Default: "%Y%m%d%H%M.%S", Doc: "Python strptime format of modification_time."},
		{Name: "access_time", Type: modspec.String,
			Doc: "preserve, now, or a time in access_time_format; default: now with state=touch, else preserve."},
		{Name: "access_time_format", Type: modspec.String, Default: "%Y%m%d%H%M.%S", Doc: "Python strptime format of access_time."},
	}
}

// timeSpec is one timestamp a file task asks for.
type timeSpec struct {
	keep, now bool
	// at is the time in seconds since the epoch (the target's local time
	// reading of the given time, as Python's time.mktime).
	at float64
}

// fileTimes are the modification and access times wanted.
type fileTimes struct{ m, a timeSpec }

// wantedTimes reads the timestamp arguments for state: a time that does
// not parse fails the task with Ansible's message.
func (op *fileOp) wantedTimes(ctx context.Context, state string) (fileTimes, *Result, error) {
	def := "preserve"
	if state == "touch" {
		def = "now"
	}
	var t fileTimes
	for _, p := range []struct {
		spec       *timeSpec
		arg, frmat string
	}{{&t.m, "modification_time", "modification_time_format"}, {&t.a, "access_time", "access_time_format"}} {
		v := op.a.str(p.arg)
		if v == "" {
			v = def
		}
		switch v {
		case "preserve":
			p.spec.keep = true
		case "now":
			p.spec.now = true
		default:
			at, failed, err := op.targetTime(ctx, v, op.a.str(p.frmat))
			if failed != nil || err != nil {
				return t, failed, err
			}
			p.spec.at = at
		}
	}
	return t, nil, nil
}

// targetTime parses v with format and converts it to epoch seconds in
// the target's local time zone.
func (op *fileOp) targetTime(ctx context.Context, v, format string) (float64, *Result, error) {
	tm, err := pytime.Strptime(v, format)
	if err != nil {
		return 0, &Result{Failed: true, Msg: fmt.Sprintf("Error while obtaining timestamp for time %s using format %s: %v", v, format, err)}, nil
	}
	out, err := op.fs.Exec(ctx, "date -d "+hostfile.Quote(tm.Format("2006-01-02 15:04:05"))+" +%s")
	if err != nil {
		return 0, nil, fmt.Errorf("convert time %s: %w", v, err)
	}
	sec, err := strconv.ParseFloat(strings.TrimSpace(out), 64)
	if err != nil {
		return 0, nil, fmt.Errorf("convert time %s: unexpected output %q", v, out)
	}
	return sec, nil, nil
}

// planTimes describes bringing info's timestamps to t, merging the change
// into the diff, and returns the command making it ("" for none). As in
// Ansible, "now" for both always changes.
func (op *fileOp) planTimes(info hostfile.Info, t fileTimes) string {
	if t.m.keep && t.a.keep {
		return ""
	}
	p := hostfile.Quote(info.Path)
	now := float64(time.Now().UnixNano()) / 1e9
	if t.m.now && t.a.now {
		op.before["mtime"], op.before["atime"] = info.MTime, info.ATime
		op.after["mtime"], op.after["atime"] = now, now
		return "touch -c -- " + p
	}
	pick := func(s timeSpec, prev float64) float64 {
		switch {
		case s.keep:
			return prev
		case s.now:
			return now
		}
		return s.at
	}
	mt, at := pick(t.m, info.MTime), pick(t.a, info.ATime)
	var cmds []string
	if mt != info.MTime {
		op.before["mtime"], op.after["mtime"] = info.MTime, mt
		cmds = append(cmds, fmt.Sprintf("touch -c -m -d @%s -- %s", strconv.FormatFloat(mt, 'f', -1, 64), p))
	}
	if at != info.ATime {
		op.before["atime"], op.after["atime"] = info.ATime, at
		cmds = append(cmds, fmt.Sprintf("touch -c -a -d @%s -- %s", strconv.FormatFloat(at, 'f', -1, 64), p))
	}
	return strings.Join(cmds, " && ")
}

// applyTimes runs a planTimes command.
func (op *fileOp) applyTimes(ctx context.Context, cmd string) error {
	if cmd == "" {
		return nil
	}
	if _, err := op.fs.Exec(ctx, cmd); err != nil {
		return fmt.Errorf("set timestamps of %s: %w", op.path, err)
	}
	return nil
}
