package modules

import (
	"context"
	"fmt"
	"maps"
	"strings"

	"github.com/edxplay/edxplay/internal/modspec"
	"github.com/edxplay/edxplay/modules/hostfile"
)

// on is g as the apply step of call runs it (call's diff setting).
func (g *gitRun) on(call *Call) *gitRun {
	out := *g
	out.call = call
	out.fs = hostfile.New(call.Conn, call.Become)
	return &out
}

// describeClone describes a new checkout: dest must be missing or empty,
// and version resolves on the remote to the revision the clone will have.
func (g *gitRun) describeClone(ctx context.Context, data map[string]any) (*Planned, error) {
	if res, err := g.fs.Run(ctx, "[ -d "+hostfile.Quote(g.dest)+" ] && [ -n \"$(ls -A "+hostfile.Quote(g.dest)+")\" ]"); err == nil && res.RC == 0 {
		return reported(&Result{Failed: true, Msg: fmt.Sprintf("Destination path '%s' already exists and is not an empty directory.", g.dest), Data: data}), nil
	}
	res := &Result{Changed: true, Data: data}
	if sha, err := g.remoteSHA(ctx); err != nil {
		res = &Result{Failed: true, Msg: err.Error(), Data: data}
	} else {
		data["after"] = sha
		res.Diffs = g.diff(nil, sha)
	}
	return planned(res, func(ctx context.Context, call *Call) (*Result, error) {
		return g.on(call).clone(ctx, map[string]any{"before": nil, "after": nil})
	}), nil
}

// describeUpdate describes fetching and checking out version in an
// existing clone at before: changed when the remote resolves version to
// another revision, or the remote's URL is not repo.
func (g *gitRun) describeUpdate(ctx context.Context, before string, data map[string]any) (*Planned, error) {
	url, _ := g.git(ctx, "remote get-url "+hostfile.Quote(g.a.str("remote")))
	urlChanged := url != g.a.str("repo")
	data["remote_url_changed"] = urlChanged
	applied := maps.Clone(data)
	res := &Result{Data: data}
	if sha, err := g.remoteSHA(ctx); err != nil {
		res = &Result{Failed: true, Msg: err.Error(), Data: data}
	} else {
		res.Changed = !strings.HasPrefix(before, sha) || urlChanged
		if res.Changed {
			data["after"] = sha
		}
		res.Diffs = g.diffIf(res.Changed, before, sha)
	}
	return planned(res, func(ctx context.Context, call *Call) (*Result, error) {
		return g.on(call).update(ctx, before, urlChanged, maps.Clone(applied))
	}), nil
}

// clone makes a new checkout.
func (g *gitRun) clone(ctx context.Context, data map[string]any) (*Result, error) {
	repo, version := g.a.str("repo"), g.a.str("version")
	if _, err := g.fs.MkdirAll(ctx, parentDir(g.dest), 0, "", ""); err != nil {
		return &Result{Failed: true, Msg: err.Error(), Data: data}, nil
	}
	opts := []string{"--origin " + hostfile.Quote(g.a.str("remote"))}
	named := version != "HEAD" && !isSHA(version)
	if g.a.has("depth") {
		opts = append(opts, fmt.Sprintf("--depth %d", g.a.integer("depth")))
	}
	if named && (g.a.has("depth") || g.a.boolean("single_branch")) {
		opts = append(opts, "--branch "+hostfile.Quote(version))
	}
	if g.a.boolean("single_branch") {
		opts = append(opts, "--single-branch")
	}
	if _, err := g.exec(ctx, g.env()+g.bin()+" clone "+strings.Join(opts, " ")+" "+hostfile.Quote(repo)+" "+hostfile.Quote(g.dest)); err != nil {
		return &Result{Failed: true, Msg: "Failed to clone: " + err.Error(), Data: data}, nil
	}
	if version != "HEAD" {
		if err := g.checkout(ctx, version); err != nil {
			return &Result{Failed: true, Msg: err.Error(), Data: data}, nil
		}
	}
	after, err := g.git(ctx, "rev-parse HEAD")
	if err != nil {
		return nil, err
	}
	data["after"] = after
	return &Result{Changed: true, Data: data, Diffs: g.diff(nil, after)}, nil
}

// update fetches and checks out the version in an existing clone at
// before, first setting the remote's URL to repo when urlChanged.
func (g *gitRun) update(ctx context.Context, before string, urlChanged bool, data map[string]any) (*Result, error) {
	remote := g.a.str("remote")
	if urlChanged {
		if _, err := g.git(ctx, "remote set-url "+hostfile.Quote(remote)+" "+hostfile.Quote(g.a.str("repo"))); err != nil {
			return &Result{Failed: true, Msg: err.Error(), Data: data}, nil
		}
	}
	fetch := "fetch --tags --force " + hostfile.Quote(remote)
	if g.a.has("depth") {
		fetch += fmt.Sprintf(" --depth %d", g.a.integer("depth"))
	}
	if _, err := g.git(ctx, fetch); err != nil {
		return &Result{Failed: true, Msg: "Failed to download remote objects and refs: " + err.Error(), Data: data}, nil
	}
	if err := g.checkout(ctx, g.a.str("version")); err != nil {
		return &Result{Failed: true, Msg: err.Error(), Data: data}, nil
	}
	after, err := g.git(ctx, "rev-parse HEAD")
	if err != nil {
		return nil, err
	}
	data["after"] = after
	changed := after != before || urlChanged
	return &Result{Changed: changed, Data: data, Diffs: g.diffIf(changed, before, after)}, nil
}

// checkout moves HEAD to version: a remote branch is reset to, a tag or
// sha checked out detached.
func (g *gitRun) checkout(ctx context.Context, version string) error {
	remote := hostfile.Quote(g.a.str("remote"))
	force := ""
	if g.a.boolean("force") {
		force = " --force"
	}
	v := hostfile.Quote(version)
	script := fmt.Sprintf(`set -e
if [ %[1]s = HEAD ]; then ref=$(git symbolic-ref -q --short refs/remotes/%[2]s/HEAD 2>/dev/null || echo %[2]s/HEAD); git reset --hard -q "$ref"
elif git show-ref -q --verify refs/remotes/%[2]s/%[1]s; then git checkout -q%[3]s -B %[1]s refs/remotes/%[2]s/%[1]s; git reset --hard -q refs/remotes/%[2]s/%[1]s
else git checkout -q%[3]s --detach %[1]s; fi`, v, remote, force)
	if !g.a.boolean("force") {
		script = strings.Replace(script, "git reset --hard -q refs", "git merge --ff-only -q refs", 1)
	}
	cmd := g.env() + "cd " + hostfile.Quote(g.dest) + " && " + script
	if _, err := g.exec(ctx, cmd); err != nil {
		return fmt.Errorf("Failed to checkout %s: %w", version, err)
	}
	if g.a.boolean("recursive") {
		if _, err := g.git(ctx, "submodule update --init --recursive"); err != nil {
			return fmt.Errorf("Failed to init/update submodules: %w", err)
		}
	}
	return nil
}

func (g *gitRun) diffIf(changed bool, before, after string) []modspec.Diff {
	if !changed {
		return nil
	}
	return g.diff(&before, after)
}

func (g *gitRun) diff(before *string, after string) []modspec.Diff {
	if !g.call.Diff {
		return nil
	}
	b := "state: absent\n"
	if before != nil {
		b = *before + "\n"
	}
	return []modspec.Diff{{BeforeHeader: g.dest, AfterHeader: g.dest, Before: b, After: after + "\n"}}
}

// parentDir is the directory containing p.
func parentDir(p string) string {
	p = strings.TrimRight(p, "/")
	if i := strings.LastIndex(p, "/"); i > 0 {
		return p[:i]
	}
	return "/"
}
