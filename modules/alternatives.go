package modules

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/edxplay/edxplay/internal/modspec"
	"github.com/edxplay/edxplay/internal/odict"
	"github.com/edxplay/edxplay/internal/shellwords"
	"github.com/edxplay/edxplay/modules/hostfile"
)

// Alternatives manages symbolic links with update-alternatives, as
// community.general.alternatives does.
type Alternatives struct{}

// Spec describes alternatives's arguments.
func (Alternatives) Spec() modspec.Spec {
	return modspec.Spec{
		Name:  "alternatives",
		Short: "Manages alternative programs for common commands",
		Args: []modspec.Arg{
			{Name: "name", Type: modspec.String, Required: true, Doc: "The generic name of the link."},
			{Name: "path", Type: modspec.Path, Required: true, Doc: "The path to the real executable the link should point to."},
			{Name: "link", Type: modspec.Path, Doc: "The path to the symbolic link (needed to install a new alternative)."},
			{Name: "priority", Type: modspec.Int, Doc: "The priority of the alternative (default: the current one, else 50)."},
			{Name: "state", Type: modspec.String, Default: "selected", Choices: []string{"present", "selected", "absent", "auto"}, Doc: "present installs, selected also selects it, auto installs and resets to auto mode, absent removes."},
			{Name: "subcommands", Type: modspec.List, Aliases: []string{"slaves"}, Doc: "Subcommands (dicts of name, path, link) installed with the alternative."},
		},
		Example: "- alternatives:\n    name: editor\n    path: /usr/bin/vim.basic\n    link: /usr/bin/editor\n    priority: 100\n",
	}
}

// altState is update-alternatives --display's view of one name.
type altState struct {
	mode, path, link string
	alts             map[string]altEntry
}

type altEntry struct {
	priority int
	subs     []any
}

var (
	altModeRe   = regexp.MustCompile(`(?m)\s-\s(?:status\sis\s)?(\w*)(?:\smode|.)$`)
	altPathRe   = regexp.MustCompile(`(?m)^\s*link currently points to (.*)$`)
	altLinkRe   = regexp.MustCompile(`(?m)^\s*link \w+ is (.*)$`)
	altSubLink  = regexp.MustCompile(`(?m)^\s*(?:slave|follower) (\S+) is (.*)$`)
	altEntryRe  = regexp.MustCompile(`(?m)^(/.*)\s-\s(?:family\s\S+\s)?priority\s(\d+)((?:\s+(?:slave|follower).*)*)`)
	altSubEntry = regexp.MustCompile(`(?m)^\s+(?:slave|follower) (.*): (.*)$`)
)

// altRun is one invocation.
type altRun struct {
	a        args
	fs       *hostfile.FS
	cur      altState
	changed  bool
	messages []string
	cmds     []string
	before   map[string]any
	after    map[string]any
}

// Run parses the current state and installs, selects, resets or removes.
func (m Alternatives) Run(ctx context.Context, call *Call) (*Result, error) {
	return runDescribed(ctx, m, call)
}

// Describe parses the current state and describes the update-alternatives
// commands that install, select, reset or remove, changing nothing.
func (Alternatives) Describe(ctx context.Context, call *Call) (*Planned, error) {
	r := &altRun{a: args(call.Args), fs: hostfile.New(call.Conn, call.Become), before: map[string]any{}, after: map[string]any{}}
	if err := r.parse(ctx); err != nil {
		return nil, err
	}
	if failed, err := r.plan(ctx); err != nil || failed != nil {
		if err != nil {
			return nil, err
		}
		return reported(failed), nil
	}
	msg := strings.Join(r.messages, " ")
	res := &Result{Changed: r.changed, Msg: msg, Data: map[string]any{"msg": msg, "diff": map[string]any{"before": r.before, "after": r.after}}}
	if r.changed {
		res.Diffs = []modspec.Diff{{Before: jsonDiff(r.before), After: jsonDiff(r.after)}}
	}
	if len(r.cmds) == 0 {
		return reported(res), nil
	}
	return planned(res, func(ctx context.Context, _ *Call) (*Result, error) {
		for _, cmd := range r.cmds {
			if _, err := r.fs.Exec(ctx, cmd); err != nil {
				return &Result{Failed: true, Msg: err.Error()}, nil
			}
		}
		return resultCopy(res), nil
	}), nil
}

// plan describes the commands to run in r.cmds; a non-nil result is a
// failure found while describing.
func (r *altRun) plan(ctx context.Context) (*Result, error) {
	path, state := r.a.str("path"), r.a.str("state")
	if state == "absent" {
		if _, ok := r.cur.alts[path]; ok {
			r.after = map[string]any{"state": "absent"}
			return r.exec(ctx, fmt.Sprintf("Remove alternative '%s' from '%s'.", path, r.a.str("name")), "--remove", r.a.str("name"), path)
		}
		return nil, nil
	}
	if r.needsInstall() {
		if res, err := r.install(ctx); err != nil || res != nil {
			return res, err
		}
	}
	if state == "selected" && r.cur.path != path {
		r.after["state"] = "selected"
		return r.exec(ctx, fmt.Sprintf("Set alternative '%s' for '%s'.", path, r.a.str("name")), "--set", r.a.str("name"), path)
	}
	if state == "auto" && r.cur.mode == "manual" {
		r.after["state"] = "present"
		return r.exec(ctx, fmt.Sprintf("Set alternative to auto for '%s'.", r.a.str("name")), "--auto", r.a.str("name"))
	}
	return nil, nil
}

// needsInstall: the path is not installed, or its priority or subcommands differ.
func (r *altRun) needsInstall() bool {
	entry, ok := r.cur.alts[r.a.str("path")]
	if !ok || (r.a.has("priority") && entry.priority != r.a.integer("priority")) {
		return true
	}
	return r.a.has("subcommands") && !sameSubcommands(r.a.list("subcommands"), entry.subs)
}

func sameSubcommands(want, have []any) bool {
	key := func(v any) string {
		m, _ := odict.Plain(v)
		return fmt.Sprint(m["name"], "\x00", m["path"], "\x00", m["link"])
	}
	set := func(l []any) map[string]bool {
		s := map[string]bool{}
		for _, v := range l {
			s[key(v)] = true
		}
		return s
	}
	w, h := set(want), set(have)
	for k := range w {
		if !h[k] {
			return false
		}
	}
	for k := range h {
		if !w[k] {
			return false
		}
	}
	return true
}

func (r *altRun) install(ctx context.Context) (*Result, error) {
	path := r.a.str("path")
	if res, err := r.fs.Run(ctx, "test -e "+hostfile.Quote(path)); err != nil || res.RC != 0 {
		return &Result{Failed: true, Msg: fmt.Sprintf("Specified path %s does not exist", path)}, err
	}
	link := r.a.str("link")
	if link == "" {
		link = r.cur.link
	}
	if link == "" {
		return &Result{Failed: true, Msg: "Needed to install the alternative, but unable to do so as we are missing the link"}, nil
	}
	priority := 50
	if r.a.has("priority") {
		priority = r.a.integer("priority")
	} else if e, ok := r.cur.alts[path]; ok {
		priority = e.priority
	}
	argv := []string{"--install", link, r.a.str("name"), path, strconv.Itoa(priority)}
	subs := r.a.list("subcommands")
	if !r.a.has("subcommands") {
		subs = r.cur.alts[path].subs
	}
	for _, s := range subs {
		m, _ := odict.Plain(s)
		argv = append(argv, "--slave", fmt.Sprint(m["link"]), fmt.Sprint(m["name"]), fmt.Sprint(m["path"]))
	}
	r.after = map[string]any{"state": "present", "path": path, "priority": priority, "link": link}
	if len(subs) > 0 {
		r.after["subcommands"] = subs
	}
	return r.exec(ctx, fmt.Sprintf("Install alternative '%s' for '%s'.", path, r.a.str("name")), argv...)
}

// exec records the change and the update-alternatives command that makes it.
func (r *altRun) exec(_ context.Context, msg string, argv ...string) (*Result, error) {
	r.changed = true
	r.messages = append(r.messages, msg)
	r.cmds = append(r.cmds, "LC_ALL=C update-alternatives "+shellwords.Join(argv))
	return nil, nil
}

// parse reads update-alternatives --display as the module's regexes do.
func (r *altRun) parse(ctx context.Context) error {
	r.cur.alts = map[string]altEntry{}
	res, err := r.fs.Run(ctx, "LC_ALL=C update-alternatives --display "+hostfile.Quote(r.a.str("name")))
	if err != nil {
		return err
	}
	out := res.Stdout
	m := altModeRe.FindStringSubmatch(out)
	if res.RC != 0 || m == nil {
		return nil // Ansible leaves the diff's before empty here
	}
	r.cur.mode = m[1]
	if m := altPathRe.FindStringSubmatch(out); m != nil {
		r.cur.path = m[1]
	}
	if m := altLinkRe.FindStringSubmatch(out); m != nil {
		r.cur.link = m[1]
	}
	subLinks := map[string]string{}
	for _, m := range altSubLink.FindAllStringSubmatch(out, -1) {
		subLinks[m[1]] = m[2]
	}
	for _, m := range altEntryRe.FindAllStringSubmatch(out, -1) {
		prio, _ := strconv.Atoi(m[2])
		var subs []any
		for _, s := range altSubEntry.FindAllStringSubmatch(m[3], -1) {
			if s[2] != "(null)" {
				subs = append(subs, map[string]any{"name": s[1], "path": s[2], "link": subLinks[s[1]]})
			}
		}
		r.cur.alts[m[1]] = altEntry{priority: prio, subs: subs}
	}
	r.describeBefore()
	return nil
}

func (r *altRun) describeBefore() {
	path := r.a.str("path")
	e, ok := r.cur.alts[path]
	if !ok {
		r.before["state"] = "absent"
		return
	}
	r.before["state"], r.before["path"], r.before["priority"], r.before["link"] = "present", path, e.priority, r.cur.link
	if len(e.subs) > 0 {
		r.before["subcommands"] = e.subs
	}
	if r.cur.mode == "manual" && r.cur.path != path {
		r.before["state"] = "selected"
	}
}
