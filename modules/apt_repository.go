package modules

import (
	"context"
	"fmt"
	"path"
	"regexp"
	"strings"

	"github.com/edxplay/edxplay/internal/modspec"
	"github.com/edxplay/edxplay/modules/hostfile"
)

// AptRepository adds or removes APT source lines.
type AptRepository struct{}

// Spec describes apt_repository's arguments.
func (AptRepository) Spec() modspec.Spec {
	return modspec.Spec{
		Name:  "apt_repository",
		Short: "Add and remove APT repositories",
		Args: []modspec.Arg{
			{Name: "repo", Type: modspec.String, Required: true, Doc: "A source line, e.g. \"deb http://deb.example.org/ stable main\"."},
			{Name: "state", Type: modspec.String, Default: "present", Choices: []string{"absent", "present"}, Doc: "Whether the source line is present."},
			{Name: "filename", Type: modspec.String, Doc: "File name (without .list) in /etc/apt/sources.list.d; derived from the URL by default."},
			{Name: "mode", Type: modspec.Mode, Doc: "Mode of a new sources file (default 0644)."},
			{Name: "update_cache", Type: modspec.Bool, Default: true, Aliases: []string{"update-cache"}, Doc: "Run apt-get update after a change."},
			{Name: "update_cache_retries", Type: modspec.Int, Default: 5, Doc: "Retries of apt-get update."},
			{Name: "validate_certs", Type: modspec.Bool, Default: true, Doc: "Accepted for compatibility."},
			{Name: "codename", Type: modspec.String, Doc: "Accepted for compatibility (PPAs are not supported)."},
			{Name: "install_python_apt", Type: modspec.Bool, Default: true, Doc: "Accepted for compatibility; not needed."},
		},
		Example: "- apt_repository:\n    repo: deb http://dl.google.com/linux/chrome/deb/ stable main\n    filename: google-chrome\n",
	}
}

const (
	aptSourcesList = "/etc/apt/sources.list"
	aptSourcesDir  = "/etc/apt/sources.list.d"
)

var validSourceTypes = map[string]bool{"deb": true, "deb-src": true}

// sourceLine is one parsed line of a sources file.
type sourceLine struct {
	valid, enabled  bool
	source, comment string
}

// parseSourceLine parses a line as apt_repository does.
func parseSourceLine(line string) sourceLine {
	s := sourceLine{enabled: true}
	line = strings.TrimSpace(line)
	if strings.HasPrefix(line, "#") {
		s.enabled, line = false, line[1:]
	}
	if i := strings.Index(line, "#"); i > 0 {
		s.comment, line = strings.TrimSpace(line[i+1:]), line[:i]
	}
	s.source = strings.TrimSpace(line)
	if chunks := strings.Fields(s.source); len(chunks) > 0 && validSourceTypes[chunks[0]] {
		s.valid, s.source = true, strings.Join(chunks, " ")
	}
	return s
}

func (s sourceLine) String() string {
	var b strings.Builder
	if !s.enabled {
		b.WriteString("# ")
	}
	b.WriteString(s.source)
	if s.comment != "" {
		b.WriteString(" # " + s.comment)
	}
	return b.String() + "\n"
}

var (
	sourceOptions  = regexp.MustCompile(`\[[^\]]+\]`)
	sourceProtocol = regexp.MustCompile(`\w+://`)
	nonAlnum       = regexp.MustCompile(`[^a-zA-Z0-9]`)
)

// suggestSourceFile names the file a new source goes to, as Ansible does.
func suggestSourceFile(source, filename string) string {
	if filename != "" {
		return path.Join(aptSourcesDir, filename+".list")
	}
	line := sourceProtocol.ReplaceAllString(sourceOptions.ReplaceAllString(source, ""), "")
	var parts []string
	for _, p := range strings.Fields(line) {
		if !validSourceTypes[p] {
			parts = append(parts, p)
		}
	}
	first := ""
	if len(parts) > 0 {
		first = parts[0]
		if _, after, ok := strings.Cut(first, "@"); ok {
			first = after
		}
	}
	name := strings.Join(strings.Fields(nonAlnum.ReplaceAllString(first, " ")), "_")
	return path.Join(aptSourcesDir, name+".list")
}

// readSources returns every sources file's lines, keyed by path.
func readSources(ctx context.Context, fs *hostfile.FS) (map[string][]sourceLine, error) {
	out, err := fs.Exec(ctx, fmt.Sprintf("for f in %s %s/*.list; do [ -f \"$f\" ] || continue; printf '@@FILE %%s\\n' \"$f\"; cat \"$f\"; echo; done", aptSourcesList, aptSourcesDir))
	if err != nil {
		return nil, fmt.Errorf("read apt sources: %w", err)
	}
	files := map[string][]sourceLine{}
	cur := ""
	for _, line := range strings.Split(out, "\n") {
		if name, ok := strings.CutPrefix(line, "@@FILE "); ok {
			cur, files[name] = name, []sourceLine{}
			continue
		}
		if cur != "" && strings.TrimSpace(line) != "" {
			files[cur] = append(files[cur], parseSourceLine(line))
		}
	}
	return files, nil
}

// dumpSources renders each file; files without lines are left out.
func dumpSources(files map[string][]sourceLine) map[string]string {
	out := map[string]string{}
	for name, lines := range files {
		if len(lines) == 0 {
			continue
		}
		var b strings.Builder
		for _, l := range lines {
			b.WriteString(l.String())
		}
		out[name] = b.String()
	}
	return out
}
