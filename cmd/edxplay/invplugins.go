package main

import (
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/edxplay/edxplay/internal/jinja"
	"github.com/edxplay/edxplay/inventory"
)

// inventoryTemplar renders the Jinja2 of constructed inventory sources on
// the project's template engine, made on first use.
type inventoryTemplar struct {
	baseDir string
	once    sync.Once
	eng     *jinja.Engine
}

// Template renders text with vars (lookups are not refused yet: Ansible
// disables them in compose and keyed_groups keys).
func (t *inventoryTemplar) Template(text string, vars map[string]any, _ bool) (any, error) {
	t.once.Do(func() { t.eng = jinja.New(jinja.Options{BaseDir: t.baseDir}) })
	return t.eng.Template(text, t.eng.NewScope(vars))
}

// inventoryPlugins are the inventory plugin settings from Ansible's
// environment (INVENTORY_ENABLED, the plugin paths,
// TRANSFORM_INVALID_GROUP_CHARS), the -e variables and a templar.
func inventoryPlugins(playbookDir string, extraVars map[string]any, flushCache bool) inventory.PluginOptions {
	o := inventory.PluginOptions{
		Enabled:             envList("ANSIBLE_INVENTORY_ENABLED", ","),
		TransformGroupChars: strings.ToLower(strings.TrimSpace(os.Getenv("ANSIBLE_TRANSFORM_INVALID_GROUP_CHARS"))),
		Templar:             &inventoryTemplar{baseDir: playbookDir},
		ExtraVars:           extraVars,
		FlushCache:          flushCache,
	}
	for _, d := range envList("ANSIBLE_INVENTORY_PLUGINS", string(os.PathListSeparator)) {
		if abs, err := filepath.Abs(d); err == nil {
			o.Dirs = append(o.Dirs, abs)
		}
	}
	for _, d := range envList("ANSIBLE_VARS_PLUGINS", string(os.PathListSeparator)) {
		if abs, err := filepath.Abs(d); err == nil {
			o.VarsDirs = append(o.VarsDirs, abs)
		}
	}
	if playbookDir != "" {
		o.Dirs = append(o.Dirs, filepath.Join(playbookDir, "inventory_plugins"))
		o.VarsDirs = append(o.VarsDirs, filepath.Join(playbookDir, "vars_plugins"))
	}
	if home, err := os.UserHomeDir(); err == nil {
		o.Dirs = append(o.Dirs, filepath.Join(home, ".ansible", "plugins", "inventory"))
	}
	o.Dirs = append(o.Dirs, "/usr/share/ansible/plugins/inventory")
	return o
}

// envList splits an environment variable's list value.
func envList(name, sep string) []string {
	var out []string
	for _, p := range strings.Split(os.Getenv(name), sep) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
