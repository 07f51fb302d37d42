package modules

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/edxplay/edxplay/internal/connection"
	"github.com/edxplay/edxplay/internal/modspec"
	"github.com/edxplay/edxplay/internal/pyregex"
	"github.com/edxplay/edxplay/modules/hostfile"
)

// Find returns the files under the given paths that pass its filters,
// with their stat fields, as Ansible's find does. Each path is listed by
// one GNU find command on the host; the walk order, filters and result
// fields are Ansible's (os.walk, fnmatch or re.match on the basename).
type Find struct{}

// Spec describes find's arguments.
func (Find) Spec() modspec.Spec {
	return modspec.Spec{
		Name:  "find",
		Short: "Return a list of files based on specific criteria",
		Args: []modspec.Arg{
			{Name: "paths", Type: modspec.List, Required: true, Aliases: []string{"name", "path"}, Doc: "Directories to search (~ expands to the remote user's home)."},
			{Name: "patterns", Type: modspec.List, Default: []any{}, Aliases: []string{"pattern"}, Doc: "Shell globs (or Python regexes with use_regex) the basename must match."},
			{Name: "excludes", Type: modspec.List, Aliases: []string{"exclude"}, Doc: "Globs or regexes of basenames to leave out."},
			{Name: "contains", Type: modspec.String, Doc: "A Python regex a line of the file must match (file_type file only)."},
			{Name: "read_whole_file", Type: modspec.Bool, Default: false, Doc: "Search contains in the whole file instead of matching line by line."},
			{Name: "file_type", Type: modspec.String, Default: "file", Choices: []string{"any", "directory", "file", "link"}, Doc: "Type of file to select."},
			{Name: "age", Type: modspec.String, Doc: "Select files at least this old (negative: at most), e.g. 2d, 4w, -1h."},
			{Name: "age_stamp", Type: modspec.String, Default: "mtime", Choices: []string{"atime", "ctime", "mtime"}, Doc: "Timestamp age compares."},
			{Name: "size", Type: modspec.String, Doc: "Select files at least this large (negative: at most), e.g. 10k, -1m."},
			{Name: "recurse", Type: modspec.Bool, Default: false, Doc: "Descend into directories."},
			{Name: "hidden", Type: modspec.Bool, Default: false, Doc: "Include files whose name starts with a dot."},
			{Name: "follow", Type: modspec.Bool, Default: false, Doc: "Follow symlinks to directories while recursing."},
			{Name: "get_checksum", Type: modspec.Bool, Default: false, Doc: "Add the sha1 checksum of regular files."},
			{Name: "use_regex", Type: modspec.Bool, Default: false, Doc: "patterns and excludes are Python regexes instead of globs."},
			{Name: "depth", Type: modspec.Int, Doc: "Maximum depth to recurse to (with recurse)."},
		},
		Example: "- find:\n    paths: /var/log\n    patterns: '*.log,*.gz'\n    age: 2d\n    recurse: true\n  register: old_logs\n",
	}
}

// findQuery is one find invocation's parsed filters.
type findQuery struct {
	a                  args
	patterns, excludes []*pyregex.Regexp
	contains           *pyregex.Regexp
	age, size          *int64
	now                float64
}

// Run lists each path on the host and filters the entries.
func (Find) Run(ctx context.Context, call *Call) (*Result, error) {
	a := args(call.Args)
	q, bad := newFindQuery(a)
	if bad != nil {
		return bad, nil
	}
	files, skipped := []any{}, map[string]any{}
	examined := 0
	for _, p := range a.list("paths") {
		root := fmt.Sprint(p)
		listing, err := listTree(ctx, call, root, q)
		if err != nil {
			return nil, err
		}
		q.now = listing.now
		walked, looked, walkErr := listing.walk(a.boolean("recurse"), a.boolean("follow"))
		examined += looked
		if walkErr != "" {
			skipped[root] = walkErr
		}
		matched, err := q.filter(ctx, call, walked, listing.root)
		if err != nil {
			return nil, err
		}
		files = append(files, matched...)
	}
	msg := "All paths examined"
	if len(skipped) > 0 {
		msg = "Not all paths examined, check warnings for details"
	}
	return &Result{Msg: msg, Data: map[string]any{
		"files": files, "matched": len(files), "examined": examined, "skipped_paths": skipped, "msg": msg,
	}}, nil
}

// newFindQuery compiles the patterns and parses age and size; a bad value
// gives the failed result.
func newFindQuery(a args) (*findQuery, *Result) {
	q := &findQuery{a: a}
	pats := findPatternList(a.list("patterns"))
	if len(pats) == 0 {
		pats = []string{"*"}
		if a.boolean("use_regex") {
			pats = []string{".*"}
		}
	}
	var err error
	if q.patterns, err = compileFindPatterns(pats, a.boolean("use_regex")); err == nil {
		q.excludes, err = compileFindPatterns(findPatternList(a.list("excludes")), a.boolean("use_regex"))
	}
	if err == nil && a.has("contains") {
		q.contains, err = compilePyPattern(a.str("contains"))
	}
	if err != nil {
		return nil, &Result{Failed: true, Msg: err.Error()}
	}
	if a.has("age") {
		if q.age = parseUnitValue(a.str("age"), findAgeUnits); q.age == nil {
			return nil, &Result{Failed: true, Msg: "failed to process age", Data: map[string]any{"age": a.str("age")}}
		}
	}
	if a.has("size") {
		if q.size = parseUnitValue(a.str("size"), findSizeUnits); q.size == nil {
			return nil, &Result{Failed: true, Msg: "failed to process size", Data: map[string]any{"size": a.str("size")}}
		}
	}
	return q, nil
}

// findPatternList stringifies a list argument's items.
func findPatternList(items []any) []string {
	out := make([]string, 0, len(items))
	for _, it := range items {
		out = append(out, fmt.Sprint(it))
	}
	return out
}

var (
	findAgeUnits  = map[string]int64{"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}
	findSizeUnits = map[string]int64{"": 1, "b": 1, "k": 1024, "m": 1 << 20, "g": 1 << 30, "t": 1 << 40}
	unitValueRe   = regexp.MustCompile(`^(-?\d+)([a-z]?)$`)
)

// parseUnitValue parses "-12k" style values; nil when malformed.
func parseUnitValue(s string, units map[string]int64) *int64 {
	m := unitValueRe.FindStringSubmatch(strings.ToLower(s))
	if m == nil {
		return nil
	}
	mult, ok := units[m[2]]
	n, err := strconv.ParseInt(m[1], 10, 64)
	if !ok || err != nil {
		return nil
	}
	n *= mult
	return &n
}

// listTree runs GNU find on one path and parses its records.
func listTree(ctx context.Context, call *Call, root string, q *findQuery) (*findListing, error) {
	a := q.a
	start := hostfile.Quote(root)
	if root == "~" || strings.HasPrefix(root, "~/") {
		start = `"$HOME"` + hostfile.Quote(root[1:])
	}
	opts := ""
	switch depth := a.integer("depth"); {
	case !a.boolean("recurse") || depth < 0:
		opts = "-maxdepth 1"
	case depth > 0:
		opts = fmt.Sprintf("-maxdepth %d", depth+1)
	}
	follow := "-P"
	if a.boolean("follow") {
		follow = "-L"
	}
	script := fmt.Sprintf(`p=%s; date +%%s.%%N; if [ ! -d "$p" ]; then echo NOTDIR; exit 0; fi; printf '%%s\n' "$p"; find %s "$p" -mindepth 1 %s -printf '%s' 2>&1 >&3 | sed 's/^/E/' >&2`,
		start, follow, opts, findPrintf)
	res, err := call.Conn.Run(ctx, connection.Command{Cmd: "LC_ALL=C; export LC_ALL; { " + script + "; } 3>&1", Become: call.Become, ReadOnly: true})
	if err != nil {
		return nil, err
	}
	if res.RC != 0 {
		return nil, fmt.Errorf("list %s: rc %d: %s", root, res.RC, strings.TrimSpace(res.Stderr))
	}
	return parseListing(root, res.Stdout, res.Stderr)
}
