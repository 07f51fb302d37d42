package modules

import (
	"context"
	"fmt"
	"strings"

	"github.com/edxplay/edxplay/internal/modspec"
	"github.com/edxplay/edxplay/modules/hostfile"
)

// Git checks out git repositories on the target with the git command.
type Git struct{}

// Spec describes git's arguments.
func (Git) Spec() modspec.Spec {
	return modspec.Spec{
		Name:  "git",
		Short: "Deploy software (or files) from git checkouts",
		Args: []modspec.Arg{
			{Name: "repo", Type: modspec.String, Required: true, Aliases: []string{"name"}, Doc: "git URL of the repository."},
			{Name: "dest", Type: modspec.Path, Required: true, Doc: "Where to check out the repository."},
			{Name: "version", Type: modspec.String, Default: "HEAD", Doc: "Branch, tag or commit SHA to check out."},
			{Name: "remote", Type: modspec.String, Default: "origin", Doc: "Name of the remote."},
			{Name: "force", Type: modspec.Bool, Default: false, Doc: "Discard local modifications."},
			{Name: "depth", Type: modspec.Int, Doc: "Shallow clone with this many commits."},
			{Name: "clone", Type: modspec.Bool, Default: true, Doc: "Clone when dest does not exist."},
			{Name: "update", Type: modspec.Bool, Default: true, Doc: "Fetch and check out the version in an existing clone."},
			{Name: "accept_hostkey", Type: modspec.Bool, Default: false, Doc: "Accept the SSH host key of a new server (StrictHostKeyChecking=accept-new)."},
			{Name: "key_file", Type: modspec.Path, Doc: "SSH private key on the target for the repository."},
			{Name: "ssh_opts", Type: modspec.String, Doc: "Extra ssh options."},
			{Name: "recursive", Type: modspec.Bool, Default: true, Doc: "Also update submodules."},
			{Name: "single_branch", Type: modspec.Bool, Default: false, Doc: "Clone only the branch of version."},
			{Name: "executable", Type: modspec.Path, Doc: "git executable."},
			{Name: "umask", Type: modspec.String, Doc: "Umask (octal) for git commands."},
		},
		Example: "- git:\n    repo: https://github.com/example/app.git\n    dest: /srv/app\n    version: release-1.2\n",
	}
}

// gitRun is one git invocation.
type gitRun struct {
	call *Call
	a    args
	fs   *hostfile.FS
	dest string
}

// Run clones or updates the checkout to the wanted version.
func (m Git) Run(ctx context.Context, call *Call) (*Result, error) {
	return runDescribed(ctx, m, call)
}

// newGitRun is the git invocation of call.
func newGitRun(call *Call) *gitRun {
	a := args(call.Args)
	return &gitRun{call: call, a: a, fs: hostfile.New(call.Conn, call.Become), dest: a.str("dest")}
}

// Describe reads the checkout (whether dest is a clone, its HEAD, local
// modifications, the remote's URL) and resolves version on the remote
// with git ls-remote, as Ansible's check mode does: it reports the
// revision before and the one the clone or update would check out. The
// apply step clones, or fetches and checks out, from that pre-state and
// reports the revision it reached.
func (Git) Describe(ctx context.Context, call *Call) (*Planned, error) {
	g := newGitRun(call)
	data := map[string]any{"before": nil, "after": nil}
	exists, err := g.isRepo(ctx)
	if err != nil {
		return nil, err
	}
	if !exists {
		if !g.a.boolean("clone") {
			return reported(&Result{Data: data}), nil
		}
		return g.describeClone(ctx, data)
	}
	before, err := g.git(ctx, "rev-parse HEAD")
	if err != nil {
		return reported(&Result{Failed: true, Msg: err.Error(), Data: data}), nil
	}
	data["before"], data["after"] = before, before
	if !g.a.boolean("update") {
		return reported(&Result{Data: data}), nil
	}
	if dirty, _ := g.git(ctx, "status --porcelain --untracked-files=no"); dirty != "" && !g.a.boolean("force") {
		return reported(&Result{Failed: true, Msg: "Local modifications exist in the destination: " + g.dest + " (force=no).", Data: data}), nil
	}
	return g.describeUpdate(ctx, before, data)
}

// env returns the environment prefix for ssh options.
func (g *gitRun) env() string {
	var opts []string
	if g.a.boolean("accept_hostkey") {
		opts = append(opts, "-o StrictHostKeyChecking=accept-new")
	}
	if k := g.a.str("key_file"); k != "" {
		opts = append(opts, "-i "+hostfile.Quote(k)+" -o IdentitiesOnly=yes")
	}
	if o := g.a.str("ssh_opts"); o != "" {
		opts = append(opts, o)
	}
	pre := "LC_ALL=C GIT_TERMINAL_PROMPT=0 "
	if u := g.a.str("umask"); u != "" {
		pre = "umask " + hostfile.Quote(u) + "; " + pre
	}
	if len(opts) > 0 {
		pre += "GIT_SSH_COMMAND=" + hostfile.Quote("ssh "+strings.Join(opts, " ")) + " "
	}
	return pre
}

func (g *gitRun) bin() string {
	if exe := g.a.str("executable"); exe != "" {
		return hostfile.Quote(exe)
	}
	return "git"
}

// git runs a git command in dest and returns its trimmed stdout.
func (g *gitRun) git(ctx context.Context, cmd string) (string, error) {
	return g.exec(ctx, g.env()+g.bin()+" -C "+hostfile.Quote(g.dest)+" "+cmd)
}

func (g *gitRun) exec(ctx context.Context, cmd string) (string, error) {
	out, err := g.fs.Exec(ctx, cmd)
	return strings.TrimSpace(out), err
}

func (g *gitRun) isRepo(ctx context.Context) (bool, error) {
	res, err := g.fs.Run(ctx, "[ -e "+hostfile.Quote(g.dest+"/.git")+" ]")
	return err == nil && res.RC == 0, err
}

// remoteSHA resolves version on the remote with git ls-remote.
func (g *gitRun) remoteSHA(ctx context.Context) (string, error) {
	version := g.a.str("version")
	if isSHA(version) {
		return version, nil
	}
	out, err := g.exec(ctx, g.env()+g.bin()+" ls-remote "+hostfile.Quote(g.a.str("repo"))+" "+hostfile.Quote(version)+" "+hostfile.Quote(version+"^{}"))
	if err != nil {
		return "", fmt.Errorf("Failed to ls-remote %s: %w", g.a.str("repo"), err)
	}
	sha := ""
	for _, line := range strings.Split(out, "\n") {
		f := strings.Fields(line)
		if len(f) != 2 {
			continue
		}
		if strings.HasSuffix(f[1], "^{}") || sha == "" {
			sha = f[0] // a peeled tag wins over the tag object
		}
	}
	if sha == "" {
		return "", fmt.Errorf("Failed to find version %s in %s", version, g.a.str("repo"))
	}
	return sha, nil
}

// isSHA reports whether v looks like a commit id.
func isSHA(v string) bool {
	return len(v) >= 7 && len(v) <= 40 && isHex(strings.ToUpper(v))
}
