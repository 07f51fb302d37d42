package modules

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/edxplay/edxplay/internal/modspec"
	"github.com/edxplay/edxplay/modules/hostfile"
)

// Run adds or removes the source line and writes the changed files.
func (m AptRepository) Run(ctx context.Context, call *Call) (*Result, error) {
	return runDescribed(ctx, m, call)
}

// Describe reads the sources files and describes the files the source
// line's addition or removal changes, changing nothing.
func (AptRepository) Describe(ctx context.Context, call *Call) (*Planned, error) {
	a := args(call.Args)
	repo := strings.TrimSpace(a.str("repo"))
	if repo == "" {
		return reported(&Result{Failed: true, Msg: "Please set argument 'repo' to a non-empty value"}), nil
	}
	if strings.HasPrefix(repo, "ppa:") {
		return reported(&Result{Failed: true, Msg: "ppa repositories are not supported: give the deb line"}), nil
	}
	want := parseSourceLine(repo)
	if !want.valid || !want.enabled {
		return reported(&Result{Failed: true, Msg: "Invalid repository string: " + repo}), nil
	}
	files, err := readSources(ctx, hostfile.New(call.Conn, call.Become))
	if err != nil {
		return nil, err
	}
	before := dumpSources(files)
	if a.str("state") == "absent" {
		removeSource(files, want.source)
	} else {
		addSource(files, want, suggestSourceFile(want.source, a.str("filename")))
	}
	after := dumpSources(files)
	data := map[string]any{"repo": repo, "state": a.str("state")}
	names := changedSourceFiles(before, after)
	if len(names) == 0 {
		return reported(&Result{Data: data}), nil
	}
	out := &Result{Changed: true, Data: data}
	if call.Diff {
		out.Diffs = sourceDiffs(names, before, after)
	}
	return planned(out, func(ctx context.Context, call *Call) (*Result, error) {
		return applySources(ctx, call, reportedTo(out, call), names, before, after)
	}), nil
}

// applySources writes the described sources files and, with
// update_cache, updates apt's cache (restoring the files when it fails).
func applySources(ctx context.Context, call *Call, out *Result, names []string, before, after map[string]string) (*Result, error) {
	a := args(call.Args)
	fs := hostfile.New(call.Conn, call.Become)
	if err := writeSources(ctx, fs, names, before, after, a.str("mode")); err != nil {
		return &Result{Failed: true, Msg: err.Error(), Data: out.Data}, nil
	}
	if a.boolean("update_cache") {
		res, err := fs.Run(ctx, aptEnv+"apt-get update -q")
		if err != nil {
			return nil, err
		}
		if res.RC != 0 {
			_ = writeSources(ctx, fs, names, after, before, "")
			return &Result{Failed: true, Msg: "Failed to update apt cache: " + strings.TrimSpace(res.Stderr), Data: out.Data}, nil
		}
	}
	return out, nil
}

// addSource enables matching lines anywhere, or appends the line to file.
func addSource(files map[string][]sourceLine, want sourceLine, file string) {
	found := false
	for _, lines := range files {
		for i := range lines {
			if lines[i].valid && lines[i].source == want.source {
				lines[i].enabled, found = true, true
			}
		}
	}
	if !found {
		files[file] = append(files[file], want)
	}
}

// removeSource drops every enabled line with the source.
func removeSource(files map[string][]sourceLine, source string) {
	for name, lines := range files {
		kept := lines[:0:0]
		for _, l := range lines {
			if !(l.valid && l.enabled && l.source == source) {
				kept = append(kept, l)
			}
		}
		files[name] = kept
	}
}

func changedSourceFiles(before, after map[string]string) []string {
	seen := map[string]bool{}
	var names []string
	for _, m := range []map[string]string{before, after} {
		for name := range m {
			if !seen[name] && before[name] != after[name] {
				seen[name] = true
				names = append(names, name)
			}
		}
	}
	sort.Strings(names)
	return names
}

func sourceDiffs(names []string, before, after map[string]string) []modspec.Diff {
	var diffs []modspec.Diff
	for _, name := range names {
		d := modspec.Diff{BeforeHeader: name, AfterHeader: name, Before: before[name], After: after[name]}
		if _, ok := before[name]; !ok {
			d.BeforeHeader = "/dev/null"
		}
		if _, ok := after[name]; !ok {
			d.AfterHeader = "/dev/null"
		}
		diffs = append(diffs, d)
	}
	return diffs
}

// writeSources writes changed files and deletes emptied ones.
func writeSources(ctx context.Context, fs *hostfile.FS, names []string, before, after map[string]string, mode string) error {
	for _, name := range names {
		content, keep := after[name]
		if !keep {
			if err := fs.Remove(ctx, name, false); err != nil {
				return fmt.Errorf("remove %s: %w", name, err)
			}
			continue
		}
		info, err := fs.Stat(ctx, name, hostfile.StatOptions{})
		if err != nil {
			return err
		}
		attrs := hostfile.Attrs{Mode: mode}
		if attrs.Mode == "" && !info.Exists {
			attrs.Mode = "0644"
		}
		if err := fs.Write(ctx, info, []byte(content), attrs); err != nil {
			return fmt.Errorf("write %s: %w", name, err)
		}
	}
	return nil
}
