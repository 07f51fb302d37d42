package modules

import (
	"strings"

	"github.com/edxplay/edxplay/internal/modspec"
)

// all is the one explicit list of modules. Add a module here to make it available.
func all() []Module {
	return []Module{
		Alternatives{},
		Apt{},
		AptKey{},
		AptRepository{},
		Assert{},
		BlockInFile{},
		Command{},
		Copy{},
		Cron{},
		Debug{},
		Fail{},
		Fetch{},
		File{},
		GatherFacts{},
		GetURL{},
		Git{},
		Group{},
		Htpasswd{},
		IncludeVars{},
		LineInFile{},
		Pause{},
		Meta{},
		Pip{},
		Replace{},
		Service{},
		SetFact{},
		Setup{},
		Shell{},
		Slurp{},
		Stat{},
		Systemd{},
		Supervisorctl{},
		SysVInit{},
		Template{},
		Unarchive{},
		URI{},
		User{},
		WaitFor{},
		Debconf{},
		DpkgSelections{},
		Find{},
		Getent{},
		KnownHosts{},
		Package{},
		Ping{},
		Raw{},
		Script{},
		Tempfile{},
		MySQLDB{},
		MySQLUser{},
		MySQLReplication{},
		AddHost{},
		GroupBy{},
		AsyncStatus{},
		WaitForConnection{},
		SetStats{},
		Assemble{},
		PackageFacts{},
		AuthorizedKey{},
		Mount{},
	}
}

// collectionModules maps the collection names of modules outside
// ansible.builtin (which ansible-core also routes their short names to).
var collectionModules = map[string]string{
	"ansible.posix.authorized_key":      "authorized_key",
	"community.general.alternatives":    "alternatives",
	"community.general.htpasswd":        "htpasswd",
	"community.mysql.mysql_db":          "mysql_db",
	"community.mysql.mysql_user":        "mysql_user",
	"community.mysql.mysql_replication": "mysql_replication",
	"ansible.posix.mount":               "mount",
}

var registry = func() map[string]Module {
	m := map[string]Module{}
	for _, mod := range all() {
		m[mod.Spec().Name] = mod
	}
	// Modules edxplay does not implement load by their short name and
	// FQCN; an implemented module of the same name wins under both.
	for _, ni := range notImplementedSpecs() {
		if _, done := m[ni.Doc.Name]; !done {
			m[ni.Doc.Name] = ni
		}
		m[ni.FQCN] = m[ni.Doc.Name]
	}
	return m
}()

// Lookup returns the module for a task's action name, accepting the
// short form ("copy") and the collection forms ("ansible.builtin.copy",
// "ansible.legacy.copy").
func Lookup(name string) (Module, bool) {
	name = strings.TrimPrefix(strings.TrimPrefix(name, "ansible.builtin."), "ansible.legacy.")
	if short, ok := collectionModules[name]; ok {
		name = short
	}
	m, ok := registry[name]
	return m, ok
}

// Specs serves the specs of the registered modules to the playbook
// loader (playbook.Options.Modules).
type Specs struct{}

// Spec returns the spec of a registered module as the loader checks it:
// the module's own arguments, plus those Ansible declares that edxplay
// does not implement yet (they load, and the task fails when it runs).
func (Specs) Spec(name string) (modspec.Spec, bool) {
	m, ok := Lookup(name)
	if !ok {
		return modspec.Spec{}, false
	}
	return withAnsibleArgs(m.Spec()), true
}

// withAnsibleArgs adds to spec, as Raw arguments, the names Ansible
// declares for the module that spec lacks.
func withAnsibleArgs(spec modspec.Spec) modspec.Spec {
	extra := ansibleArgNames[spec.Name]
	if len(extra) == 0 {
		return spec
	}
	known := map[string]bool{}
	for _, a := range spec.Args {
		known[a.Name] = true
		for _, al := range a.Aliases {
			known[al] = true
		}
	}
	args := append([]modspec.Arg{}, spec.Args...)
	for _, n := range extra {
		if !known[n] {
			args = append(args, modspec.Arg{Name: n, Type: modspec.Raw, Doc: notImplementedArgDoc})
		}
	}
	spec.Args = args
	return spec
}

// notImplementedArgDoc documents an Ansible argument edxplay does not implement.
const notImplementedArgDoc = "not implemented by edxplay (the task fails when it runs)"

// Names returns the names of all implemented modules.
func Names() []string {
	out := make([]string, 0, len(registry))
	for _, mod := range all() {
		out = append(out, mod.Spec().Name)
	}
	return out
}
