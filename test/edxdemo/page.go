package edxdemo

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os/exec"
	"strings"
	"time"
)

// URL is the LMS as nginx on the stateless host serves it.
func (d *Demo) URL() string { return "http://" + d.Stateless.Addr + "/" }

// Page fetches the LMS page through nginx, with curl when the machine has
// it (as the README shows), else with Go's HTTP client.
func (d *Demo) Page(ctx context.Context) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	if curl, err := exec.LookPath("curl"); err == nil {
		out, err := exec.CommandContext(ctx, curl, "-sS", "--fail", d.URL()).CombinedOutput()
		if err != nil {
			return "", fmt.Errorf("edxdemo: curl %s: %w: %s", d.URL(), err, out)
		}
		return string(out), nil
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, d.URL(), nil)
	if err != nil {
		return "", fmt.Errorf("edxdemo: %w", err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return "", fmt.Errorf("edxdemo: get %s: %w", d.URL(), err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err == nil && resp.StatusCode != http.StatusOK {
		err = fmt.Errorf("status %s", resp.Status)
	}
	if err != nil {
		return "", fmt.Errorf("edxdemo: get %s: %w", d.URL(), err)
	}
	return string(body), nil
}

// FileDiff is one file's --diff output in a run: the removed and added
// lines of its hunks (without the leading - or +).
type FileDiff struct {
	Path           string
	Removed, Added []string
	// Secret marks the diff of a no_log file: it is key-level (values of secret keys hidden).
	Secret bool
}

// secretNote ends the header of a secret file's diff.
const secretNote = " (secret: values hidden)"

// Diffs collects the file diffs ("--- before: PATH" blocks) of a run's
// output, in order.
func (r *Result) Diffs() []FileDiff {
	var diffs []FileDiff
	var cur *FileDiff
	for _, line := range strings.Split(r.Output, "\n") {
		switch {
		case strings.HasPrefix(line, "--- before: "):
			path, secret := strings.CutSuffix(strings.TrimPrefix(line, "--- before: "), secretNote)
			diffs = append(diffs, FileDiff{Path: path, Secret: secret})
			cur = &diffs[len(diffs)-1]
		case cur == nil, strings.HasPrefix(line, "+++ "), strings.HasPrefix(line, "@@"):
		case strings.HasPrefix(line, "-"):
			cur.Removed = append(cur.Removed, line[1:])
		case strings.HasPrefix(line, "+"):
			cur.Added = append(cur.Added, line[1:])
		case line == "" || strings.HasPrefix(line, "TASK ") || strings.HasPrefix(line, "RUNNING HANDLER "):
			cur = nil
		}
	}
	return diffs
}

// DiffText is the --diff output of the run's file diffs (every "--- before:"
// block up to its blank line), for printing.
func (r *Result) DiffText() string {
	var b strings.Builder
	in := false
	for _, line := range strings.Split(r.Output, "\n") {
		if strings.HasPrefix(line, "--- before: ") {
			in = true
		}
		if in {
			b.WriteString(line + "\n")
		}
		if in && line == "" {
			in = false
		}
	}
	return b.String()
}
