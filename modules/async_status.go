package modules

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/edxplay/edxplay/internal/connection"
	"github.com/edxplay/edxplay/internal/modspec"
	"github.com/edxplay/edxplay/internal/odict"
	"github.com/edxplay/edxplay/internal/pyvalue"
	"github.com/edxplay/edxplay/modules/hostfile"
)

// AsyncStatus reads (or removes) the job file of an async task on the
// host: ~/.ansible_async/JID (the directory is ansible_async_dir), in
// ansible-core's format, so jobs started by edxplay or by Ansible read
// alike.
type AsyncStatus struct{}

// DefaultAsyncDir is where async jobs keep their job files unless
// ansible_async_dir says otherwise.
const DefaultAsyncDir = "~/.ansible_async"

// Spec describes async_status.
func (AsyncStatus) Spec() modspec.Spec {
	return modspec.Spec{
		Name:  "async_status",
		Short: "Obtain status of asynchronous task",
		Args: []modspec.Arg{
			{Name: "jid", Type: modspec.String, Required: true, Doc: "Job or task identifier."},
			{Name: "mode", Type: modspec.String, Default: "status", Choices: []string{"status", "cleanup"}, Doc: "status reads the job's state, cleanup removes its job file."},
		},
		Example: "- async_status:\n    jid: \"{{ job.ansible_job_id }}\"\n  register: job_result\n  until: job_result is finished\n  retries: 30\n",
	}
}

// Run returns the job's state as ansible-core's async_status does.
func (m AsyncStatus) Run(ctx context.Context, call *Call) (*Result, error) {
	return runDescribed(ctx, m, call)
}

// Describe is check mode's skip: ansible-core's async_status does not
// support check mode; the apply step reads (or removes) the job file.
func (AsyncStatus) Describe(_ context.Context, _ *Call) (*Planned, error) {
	return planned(&Result{Skipped: true, Msg: "remote module (async_status) does not support check mode"}, runAsyncStatus), nil
}

// runAsyncStatus reads or removes the job file.
func runAsyncStatus(ctx context.Context, call *Call) (*Result, error) {
	dir := DefaultAsyncDir
	if call.Host != nil {
		if v, ok, err := call.Host.Var("ansible_async_dir"); err == nil && ok && v != nil {
			dir = fmt.Sprint(v)
		}
	}
	data, err := AsyncJobStatus(ctx, call.Conn, call.Become, dir, args(call.Args).str("jid"), args(call.Args).str("mode"))
	if err != nil {
		return nil, err
	}
	return resultFromData(data), nil
}

// AsyncJobStatus reads job jid's file in dir (mode status) or removes it
// (mode cleanup) and returns async_status's result.
func AsyncJobStatus(ctx context.Context, conn connection.Conn, become *connection.Become, dir, jid, mode string) (map[string]any, error) {
	path := AsyncJobPath(dir, jid)
	out := map[string]any{"started": 0, "finished": 0, "stdout": "", "stderr": "",
		"stdout_lines": []any{}, "stderr_lines": []any{}, "ansible_job_id": jid, "changed": false}
	script := fmt.Sprintf(`p=%s; if test -e "$p"; then echo "found $p"; cat "$p"; else echo "missing $p"; fi`, path)
	if mode == "cleanup" {
		script = fmt.Sprintf(`p=%s; if test -e "$p"; then echo "found $p"; rm -f "$p"; else echo "missing $p"; fi`, path)
	}
	res, err := hostfile.New(conn, become).Run(ctx, script)
	if err != nil {
		return nil, fmt.Errorf("async_status: %w", err)
	}
	first, content, _ := strings.Cut(res.Stdout, "\n")
	state, expanded, _ := strings.Cut(first, " ")
	if state != "found" {
		out["failed"], out["msg"], out["started"], out["finished"] = true, "could not find job", 1, 1
		return out, nil
	}
	if mode == "cleanup" {
		out["erased"] = expanded
		return out, nil
	}
	out["results_file"], out["started"] = expanded, 1
	v, err := pyvalue.ParseJSON(content)
	m, ok := odict.Plain(v)
	if err != nil || !ok {
		// not written yet: the job is running
		return out, nil
	}
	for k, val := range m {
		out[k] = val
	}
	if _, ok := m["started"]; !ok {
		out["finished"], out["ansible_job_id"] = 1, jid
	} else if _, ok := m["finished"]; !ok {
		out["finished"] = 0
	}
	return out, nil
}

// resultFromData turns a result map into a Result (changed, failed and
// msg taken from it).
func resultFromData(data map[string]any) *Result {
	res := &Result{Data: data}
	res.Changed = pyvalue.Truthy(data["changed"])
	res.Failed = pyvalue.Truthy(data["failed"])
	return res
}

// AsyncJobPath is the shell word naming job jid's file in dir (~ and ~/
// expand to $HOME).
func AsyncJobPath(dir, jid string) string {
	return asyncShellPath(strings.TrimRight(dir, "/") + "/" + jid)
}

func asyncShellPath(p string) string {
	switch {
	case p == "~":
		return `"$HOME"`
	case strings.HasPrefix(p, "~/"):
		return `"$HOME"/` + hostfile.Quote(p[2:])
	}
	return hostfile.Quote(p)
}

// WriteAsyncJob writes job jid's file in dir atomically (a temporary
// file renamed), creating dir, as ansible-core's async_wrapper does, and
// returns the file's path on the host.
func WriteAsyncJob(ctx context.Context, conn connection.Conn, become *connection.Become, dir, jid string, data map[string]any) (string, error) {
	body, err := pyvalue.JSON(data, pyvalue.JSONStyle{Indent: -1, ItemSep: ", ", KeySep: ": "})
	if err != nil {
		return "", fmt.Errorf("async job %s: %w", jid, err)
	}
	script := fmt.Sprintf(`p=%s; mkdir -p %s && cat > "$p.tmp" && mv "$p.tmp" "$p" && printf '%%s' "$p"`,
		AsyncJobPath(dir, jid), asyncShellPath(strings.TrimRight(dir, "/")))
	res, err := conn.Run(ctx, connection.Command{Cmd: script, Stdin: []byte(body), Become: become})
	if err != nil {
		return "", fmt.Errorf("async job %s: %w", jid, err)
	}
	if res.RC != 0 {
		return "", errors.New("async job " + jid + ": could not write the job file: " + strings.TrimSpace(res.Stderr))
	}
	return res.Stdout, nil
}
