package modules

import (
	"context"
	"fmt"
	"strings"

	"github.com/edxplay/edxplay/internal/modspec"
	"github.com/edxplay/edxplay/internal/pyregex"
	"github.com/edxplay/edxplay/modules/hostfile"
)

// WaitFor waits, on the target, for a port or file to reach a state.
type WaitFor struct{}

// Spec describes wait_for's arguments.
func (WaitFor) Spec() modspec.Spec {
	return modspec.Spec{
		Name:  "wait_for",
		Short: "Waits for a condition before continuing",
		Args: []modspec.Arg{
			{Name: "host", Type: modspec.String, Default: "127.0.0.1", Doc: "Host to probe the port of (from the target)."},
			{Name: "port", Type: modspec.Int, Doc: "TCP port to wait for."},
			{Name: "path", Type: modspec.Path, Doc: "File to wait for."},
			{Name: "state", Type: modspec.String, Default: "started", Choices: []string{"absent", "drained", "present", "started", "stopped"}, Doc: "started/present: open or existing; stopped/absent: closed or missing; drained: no active connections."},
			{Name: "search_regex", Type: modspec.String, Doc: "With path, wait until the file matches this regular expression."},
			{Name: "delay", Type: modspec.Int, Default: 0, Doc: "Seconds to wait before the first check."},
			{Name: "timeout", Type: modspec.Int, Default: 300, Doc: "Maximum seconds to wait."},
			{Name: "sleep", Type: modspec.Int, Default: 1, Doc: "Seconds between checks."},
			{Name: "connect_timeout", Type: modspec.Int, Default: 5, Doc: "Seconds to wait for a connection."},
			{Name: "msg", Type: modspec.String, Doc: "Message on timeout instead of the default."},
			{Name: "exclude_hosts", Type: modspec.List, Doc: "Accepted for compatibility with drained."},
			{Name: "active_connection_states", Type: modspec.List, Doc: "Accepted for compatibility with drained."},
		},
		Example: "- wait_for:\n    port: 8080\n    delay: 2\n    timeout: 60\n",
	}
}

// Run waits for the condition.
func (m WaitFor) Run(ctx context.Context, call *Call) (*Result, error) {
	return runDescribed(ctx, m, call)
}

// Describe reads nothing: whether the condition will hold is only known
// by waiting, so check mode skips the task, as Ansible skips wait_for (it
// does not support check mode); the apply step waits.
func (WaitFor) Describe(_ context.Context, _ *Call) (*Planned, error) {
	return planned(&Result{Skipped: true, Msg: "remote module (wait_for) does not support check mode"}, waitFor), nil
}

// waitFor builds one shell loop that probes until success or timeout.
func waitFor(ctx context.Context, call *Call) (*Result, error) {
	a := args(call.Args)
	state, port, p := a.str("state"), a.integer("port"), a.str("path")
	fail := func(msg string) (*Result, error) {
		return &Result{Failed: true, Msg: msg, Data: map[string]any{"elapsed": 0}}, nil
	}
	switch {
	case a.has("port") && p != "":
		return fail("port and path parameter can not both be passed to wait_for")
	case p != "" && state == "stopped":
		return fail("state=stopped should only be used for checking a port in the wait_for module")
	case p != "" && state == "drained":
		return fail("state=drained should only be used for checking a port in the wait_for module")
	}
	var re interface{ FindStringSubmatch(string) []string }
	if rx := a.str("search_regex"); rx != "" {
		compiled, err := pyregex.Compile(rx, pyregex.Multiline)
		if err != nil {
			return fail("Invalid regular expression: " + err.Error())
		}
		re = compiled
	}
	probe := waitProbe(a, state, port, p)
	script := fmt.Sprintf(`%s
start=$(date +%%s); sleep %d; end=$((start + %d))
while :; do
  if %s; then echo "ok $(( $(date +%%s) - start ))"; exit 0; fi
  [ "$(date +%%s)" -ge "$end" ] && { echo "timeout $(( $(date +%%s) - start ))"; exit 0; }
  sleep %d
done`, portOpenFunc(a), a.integer("delay"), a.integer("timeout"), probe, max(a.integer("sleep"), 1))
	res, err := hostfile.New(call.Conn, call.Become).Run(ctx, script)
	if err != nil {
		return nil, err
	}
	verdict, secs, _ := strings.Cut(strings.TrimSpace(res.Stdout), " ")
	data := map[string]any{"state": state, "port": nilIfZero(port), "path": nilIfEmpty(p), "search_regex": nilIfEmpty(a.str("search_regex")),
		"elapsed": atoiOr(secs, 0), "match_groups": []any{}, "match_groupdict": map[string]any{}}
	if verdict == "ok" || (!a.has("port") && p == "") {
		if re != nil && p != "" {
			fillMatch(ctx, call, p, re, data)
		}
		return &Result{Data: data}, nil
	}
	if verdict != "timeout" {
		return &Result{Failed: true, Msg: "wait_for failed: " + strings.TrimSpace(res.Stderr), Data: data}, nil
	}
	msg := a.str("msg")
	if msg == "" {
		msg = timeoutMessage(a, state, port, p)
	}
	return &Result{Failed: true, Msg: msg, Data: data}, nil
}

// waitProbe is the sh condition that ends the wait.
func waitProbe(a args, state string, port int, p string) string {
	q := hostfile.Quote(p)
	switch {
	case a.has("port") && state == "drained":
		return fmt.Sprintf("! awk -v p=%04X 'NR>1 && $4!=\"0A\" && $4!=\"07\" && $2 ~ (\":\" p \"$\") {f=1} END {exit !f}' /proc/net/tcp /proc/net/tcp6 2>/dev/null", port)
	case a.has("port") && (state == "stopped" || state == "absent"):
		return "! port_open"
	case a.has("port"):
		return "port_open"
	case p != "" && state == "absent":
		return "[ ! -e " + q + " ]"
	case p != "" && a.str("search_regex") != "":
		rx := hostfile.Quote(a.str("search_regex"))
		return fmt.Sprintf("{ [ -r %s ] && { grep -Pq -- %s %s 2>/dev/null || { [ $? -eq 2 ] && grep -Eq -- %s %s; }; }; }", q, rx, q, rx, q)
	case p != "":
		return "[ -e " + q + " ]"
	}
	return "false"
}

// portOpenFunc defines port_open: nc -z, else bash's /dev/tcp, else a
// listening socket in /proc/net/tcp (local host only).
func portOpenFunc(a args) string {
	host, port, ct := hostfile.Quote(a.str("host")), a.integer("port"), max(a.integer("connect_timeout"), 1)
	return fmt.Sprintf(`port_open() {
  if command -v nc >/dev/null 2>&1; then nc -z -w %[3]d %[1]s %[2]d >/dev/null 2>&1
  elif command -v bash >/dev/null 2>&1; then timeout %[3]d bash -c 'exec 3<>/dev/tcp/'%[1]s'/%[2]d' >/dev/null 2>&1
  else awk -v p=%[4]s 'NR>1 && $4=="0A" && $2 ~ (":" p "$") {f=1} END {exit !f}' /proc/net/tcp /proc/net/tcp6 2>/dev/null; fi
}`, host, port, ct, fmt.Sprintf("%04X", port))
}

// fillMatch reads the file and records search_regex's groups.
func fillMatch(ctx context.Context, call *Call, p string, re interface{ FindStringSubmatch(string) []string }, data map[string]any) {
	content, err := hostfile.New(call.Conn, call.Become).Read(ctx, p)
	if err != nil {
		return
	}
	if m := re.FindStringSubmatch(string(content)); len(m) > 1 {
		groups := make([]any, len(m)-1)
		for i, g := range m[1:] {
			groups[i] = g
		}
		data["match_groups"] = groups
	}
}

func timeoutMessage(a args, state string, port int, p string) string {
	host := a.str("host")
	switch {
	case a.has("port") && state == "drained":
		return fmt.Sprintf("Timeout when waiting for %s:%d to drain", host, port)
	case a.has("port") && (state == "stopped" || state == "absent"):
		return fmt.Sprintf("Timeout when waiting for %s:%d to stop.", host, port)
	case a.has("port"):
		return fmt.Sprintf("Timeout when waiting for %s:%d", host, port)
	case state == "absent":
		return fmt.Sprintf("Timeout when waiting for %s to be absent.", p)
	case a.has("search_regex"):
		return fmt.Sprintf("Timeout when waiting for search string %s in %s", a.str("search_regex"), p)
	}
	return "Timeout when waiting for file " + p
}

func nilIfZero(n int) any {
	if n == 0 {
		return nil
	}
	return n
}

func nilIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}
