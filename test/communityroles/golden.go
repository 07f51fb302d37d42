package communityroles

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"unicode/utf8"
)

// Golden is what Ansible's run left on a role's host: the commit of the
// role it ran and the files the role manages.
type Golden struct {
	Role   string `json:"role"`
	Commit string `json:"commit"`
	Files  []File `json:"files"`
}

// File is one managed path as found on a host after a run, normalized
// (see normalize).
type File struct {
	Path   string `json:"path"`
	Absent bool   `json:"absent,omitempty"`
	// Type is stat's %F ("regular file", "directory", ...).
	Type  string `json:"type,omitempty"`
	Mode  string `json:"mode,omitempty"`
	Owner string `json:"owner,omitempty"`
	Group string `json:"group,omitempty"`
	// SHA256 is the normalized content's digest; Content the normalized
	// content itself when it is text.
	SHA256  string `json:"sha256,omitempty"`
	Content string `json:"content,omitempty"`
}

// fileMarker separates the paths in Collect's output.
const fileMarker = "@@edxplay-file@@"

// Collect reads the paths on the host (one ssh command): type, mode,
// owner and group, and for regular files the content.
func (h Host) Collect(ctx context.Context, paths []string, cpus int) ([]File, error) {
	var script strings.Builder
	for _, p := range paths {
		q := shellQuote(p)
		fmt.Fprintf(&script, "echo %s; if [ -e %s ] || [ -L %s ]; then stat -c '%%F|%%a|%%U|%%G' %s; [ -f %s ] && base64 -w0 %s; echo; else echo absent; fi; ",
			fileMarker, q, q, q, q, q)
	}
	out, err := h.Shell(ctx, script.String())
	if err != nil {
		return nil, err
	}
	chunks := strings.Split(out, fileMarker+"\n")[1:]
	if len(chunks) != len(paths) {
		return nil, fmt.Errorf("communityroles: collect: %d answers for %d paths:\n%s", len(chunks), len(paths), out)
	}
	files := make([]File, len(paths))
	for i, chunk := range chunks {
		f, err := parseCollected(paths[i], chunk, h.Addr, cpus)
		if err != nil {
			return nil, err
		}
		files[i] = f
	}
	return files, nil
}

// parseCollected reads one path's "absent" or "type|mode|owner|group"
// line and base64 content line.
func parseCollected(path, chunk, addr string, cpus int) (File, error) {
	lines := strings.SplitN(chunk, "\n", 3)
	if lines[0] == "absent" {
		return File{Path: path, Absent: true}, nil
	}
	meta := strings.Split(lines[0], "|")
	if len(meta) != 4 || len(lines) < 2 {
		return File{}, fmt.Errorf("communityroles: collect %s: unexpected answer %q", path, chunk)
	}
	f := File{Path: path, Type: meta[0], Mode: meta[1], Owner: meta[2], Group: meta[3]}
	if f.Type != "regular file" && f.Type != "regular empty file" {
		return f, nil
	}
	raw, err := base64.StdEncoding.DecodeString(strings.TrimSpace(lines[1]))
	if err != nil {
		return File{}, fmt.Errorf("communityroles: collect %s: %w", path, err)
	}
	content := normalize(string(raw), addr, cpus)
	sum := sha256.Sum256([]byte(content))
	f.SHA256 = hex.EncodeToString(sum[:])
	if utf8.ValidString(content) && !strings.ContainsRune(content, 0) {
		f.Content = content
	}
	return f, nil
}

// ReadGolden reads a golden file.
func ReadGolden(path string) (Golden, error) {
	var g Golden
	data, err := os.ReadFile(path)
	if err != nil {
		return g, fmt.Errorf("communityroles: %w", err)
	}
	if err := json.Unmarshal(data, &g); err != nil {
		return g, fmt.Errorf("communityroles: %s: %w", path, err)
	}
	if g.Commit == "" || len(g.Files) == 0 {
		return g, fmt.Errorf("communityroles: %s: no commit or no files recorded", path)
	}
	return g, nil
}

// WriteGolden writes a golden file.
func WriteGolden(path string, g Golden) error {
	data, err := json.MarshalIndent(g, "", "  ")
	if err != nil {
		return fmt.Errorf("communityroles: %w", err)
	}
	if err := os.WriteFile(path, append(data, '\n'), 0o644); err != nil {
		return fmt.Errorf("communityroles: %w", err)
	}
	return nil
}

// Compare lists how the files differ from the golden ones, one line (or
// a content diff) per difference; none means they match.
func Compare(want, got []File) []string {
	var diffs []string
	byPath := map[string]File{}
	for _, f := range got {
		byPath[f.Path] = f
	}
	for _, w := range want {
		g, ok := byPath[w.Path]
		switch {
		case !ok:
			diffs = append(diffs, w.Path+": not collected")
		case w.Absent != g.Absent:
			diffs = append(diffs, fmt.Sprintf("%s: absent=%v, Ansible's run: absent=%v", w.Path, g.Absent, w.Absent))
		case w.Type != g.Type || w.Mode != g.Mode || w.Owner != g.Owner || w.Group != g.Group:
			diffs = append(diffs, fmt.Sprintf("%s: %s %s %s:%s, Ansible's run: %s %s %s:%s", w.Path,
				g.Type, g.Mode, g.Owner, g.Group, w.Type, w.Mode, w.Owner, w.Group))
		case w.SHA256 != g.SHA256:
			diffs = append(diffs, fmt.Sprintf("%s: content differs from Ansible's run:\n%s", w.Path, lineDiff(w.Content, g.Content)))
		}
	}
	return diffs
}

// lineDiff shows the lines only one side has ("-" Ansible's, "+" edxplay's).
func lineDiff(want, got string) string {
	count := func(s string) map[string]int {
		m := map[string]int{}
		for _, l := range strings.Split(s, "\n") {
			m[l]++
		}
		return m
	}
	w, g := count(want), count(got)
	var b strings.Builder
	for _, l := range strings.Split(want, "\n") {
		if g[l] < w[l] {
			fmt.Fprintf(&b, "- %q\n", l)
			w[l]--
		}
	}
	w = count(want)
	for _, l := range strings.Split(got, "\n") {
		if w[l] < g[l] {
			fmt.Fprintf(&b, "+ %q\n", l)
			g[l]--
		}
	}
	return b.String()
}
