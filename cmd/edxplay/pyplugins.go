package main

import (
	"context"
	"fmt"
	"os"

	"github.com/edxplay/edxplay/internal/ansiblecfg"
	"github.com/edxplay/edxplay/internal/playbook"
	"github.com/edxplay/edxplay/internal/pyplugins"
)

// newPluginBridge is the session's bridge to the playbook's own Python
// filter and test plugins; its worker ends with ctx (or with edxplay).
func newPluginBridge(ctx context.Context, baseDir string, set ansiblecfg.Settings) *pyplugins.Bridge {
	return pyplugins.New(ctx, pyplugins.Options{BaseDir: baseDir, FilterPaths: set.FilterPlugins,
		TestPaths: set.TestPlugins, CollectionsPaths: set.CollectionsPaths,
		Warn: func(msg string) { fmt.Fprintln(os.Stderr, "[WARNING]: "+msg) }})
}

// addPlayRoles adds the directories of the roles of a playbook's plays
// (and their dependencies) to the bridge's search, as Ansible adds a
// role's plugin directories when it loads the role.
func addPlayRoles(b *pyplugins.Bridge, pb *playbook.Playbook) {
	seen := map[*playbook.Role]bool{}
	var add func(ref *playbook.RoleRef)
	add = func(ref *playbook.RoleRef) {
		if ref.Role == nil || ref.Role.FS != nil || seen[ref.Role] {
			return
		}
		seen[ref.Role] = true
		for _, dep := range ref.Role.Deps {
			add(dep)
		}
		b.AddRoleDir(ref.Role.Path)
	}
	for _, p := range pb.Plays {
		for _, ref := range append(append([]*playbook.RoleRef{}, p.Roles...), p.ImportedRoles...) {
			add(ref)
		}
	}
}
