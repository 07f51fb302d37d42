package inventory

import (
	"errors"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
)

// PluginOptions are the settings of Ansible's inventory plugins.
type PluginOptions struct {
	// Enabled is INVENTORY_ENABLED (ANSIBLE_INVENTORY_ENABLED), the
	// plugins tried on each source in order; empty means Ansible's
	// default: host_list, script, auto, yaml, ini, toml.
	Enabled []string
	// Dirs are the directories of Python inventory plugins
	// (ANSIBLE_INVENTORY_PLUGINS, then inventory_plugins/ beside the
	// playbook directory).
	Dirs []string
	// VarsDirs are the directories of Python vars plugins
	// (ANSIBLE_VARS_PLUGINS, then vars_plugins/ beside the playbook
	// directory); the built-in host_group_vars is edxplay's own.
	VarsDirs []string
	// TransformGroupChars is TRANSFORM_INVALID_GROUP_CHARS: never
	// (default), always, ignore or silently.
	TransformGroupChars string
	// Templar evaluates the Jinja2 of constructed sources; nil makes a
	// constructed source an error.
	Templar Templar
	// ExtraVars are the -e variables (constructed's use_extra_vars).
	ExtraVars map[string]any
	// FlushCache is --flush-cache: cacheable plugins refresh their cache.
	FlushCache bool
}

// Templar renders Jinja2 templates with a set of variables, natively
// typed as Ansible's templar does.
type Templar interface {
	// Template renders text with vars; lookups are refused when
	// noLookups is set.
	Template(text string, vars map[string]any, noLookups bool) (any, error)
}

// defaultEnabled is ansible-core's INVENTORY_ENABLED default.
var defaultEnabled = []string{"host_list", "script", "auto", "yaml", "ini", "toml"}

// enabledNames returns the enabled plugins' names as configured.
func (o PluginOptions) enabledNames() []string {
	if len(o.Enabled) == 0 {
		return defaultEnabled
	}
	return o.Enabled
}

// shortPluginName drops the ansible.builtin. or ansible.legacy. prefix.
func shortPluginName(name string) string {
	name = strings.TrimSpace(name)
	for _, p := range []string{"ansible.builtin.", "ansible.legacy."} {
		if rest, ok := strings.CutPrefix(name, p); ok {
			return rest
		}
	}
	return name
}

// invalidGroupChars is Ansible's INVALID_VARIABLE_NAMES: a leading digit
// or non-word character, or any non-word character.
var invalidGroupChars = regexp.MustCompile(`^(?:\p{Nd}|[^\p{L}\p{N}_])|[^\p{L}\p{N}_]`)

// Group name warnings, as to_safe_group_name words them.
const (
	warnGroupsReplaced    = "Invalid characters were found in group names and automatically replaced, use -vvvv to see details"
	warnGroupsNotReplaced = "Invalid characters were found in group names but not replaced, use -vvvv to see details"
)

// safeGroupName is to_safe_group_name under TRANSFORM_INVALID_GROUP_CHARS:
// invalid characters become '_' (always, silently) or stay (never,
// ignore), with Ansible's warning for always and never.
func (inv *Inventory) safeGroupName(name string) string {
	if name == "" || !invalidGroupChars.MatchString(name) {
		return name
	}
	switch inv.plugins.TransformGroupChars {
	case "always":
		inv.warn(warnGroupsReplaced)
		return invalidGroupChars.ReplaceAllString(name, "_")
	case "silently":
		return invalidGroupChars.ReplaceAllString(name, "_")
	case "ignore":
		return name
	default:
		inv.warn(warnGroupsNotReplaced)
		return name
	}
}

// warn records a warning once (Ansible's display deduplicates them).
func (inv *Inventory) warn(msg string) {
	for _, w := range inv.warnings {
		if w == msg {
			return
		}
	}
	inv.warnings = append(inv.warnings, msg)
}

// Warnings are the warnings loading the inventory gave, each once, in the
// order they arose (print them as "[WARNING]: " lines).
func (inv *Inventory) Warnings() []string { return append([]string(nil), inv.warnings...) }

// parseFile tries the enabled plugins on a file in order, as Ansible's
// inventory manager does, and keeps the first that parses it. When none
// does, the error is the most specific plugin's: the one the file asked
// for (plugin: key), else the script's, the yaml plugin's for YAML file
// names, else the ini plugin's.
func (inv *Inventory) parseFile(path string, data []byte) error {
	ext := filepath.Ext(path)
	var errs []pluginError
	for _, full := range inv.plugins.enabledNames() {
		name := shortPluginName(full)
		run := inv.pluginFor(name, full, path, ext, data)
		if run == nil {
			continue
		}
		trial := inv.clone()
		err := run(trial)
		if errors.Is(err, errNotVerified) {
			continue
		}
		if err == nil {
			*inv = *trial
			return nil
		}
		errs = append(errs, pluginError{name, err})
	}
	if len(errs) == 0 {
		return fmt.Errorf("parse inventory %s: no inventory plugin accepts it", path)
	}
	return fmt.Errorf("parse inventory %s: %w", path, bestPluginError(errs, ext).err)
}

// errNotVerified is a Python plugin's verify_file refusing a source.
var errNotVerified = errors.New("the plugin does not take the source")

// pluginError is one plugin's failure on a source.
type pluginError struct {
	plugin string
	err    error
}

// bestPluginError picks the error to report among the plugins' failures.
func bestPluginError(errs []pluginError, ext string) pluginError {
	for _, pref := range []string{"auto", "script", "constructed"} {
		for _, e := range errs {
			if e.plugin == pref {
				return e
			}
		}
	}
	for _, e := range errs {
		if e.plugin == "yaml" && isYAMLExt(ext) {
			return e
		}
	}
	for _, e := range errs {
		if e.plugin == "ini" {
			return e
		}
	}
	return errs[0]
}

// pluginFor returns the parse of one plugin for a file, nil when the
// plugin does not take the file (its verify_file; a Python plugin's run
// answers errNotVerified).
func (inv *Inventory) pluginFor(name, full, path, ext string, data []byte) func(*Inventory) error {
	switch name {
	case "host_list", "advanced_host_list":
		return nil
	case "script":
		if !isScript(path, data) {
			return nil
		}
		return func(t *Inventory) error { return t.parseScript(path) }
	case "auto":
		plugin, isConfig := pluginConfigName(path, ext, data, inv.vault)
		if !isConfig {
			return nil
		}
		return func(t *Inventory) error { return t.runConfiguredPlugin(plugin, path, data) }
	case "yaml":
		if ext != "" && !isYAMLExt(ext) {
			return nil
		}
		return func(t *Inventory) error { return t.parseYAML(path, data) }
	case "ini":
		return func(t *Inventory) error { return t.parseINI(path, data) }
	case "toml":
		if ext != ".toml" {
			return nil
		}
		return func(*Inventory) error { return errors.New("toml inventories are not supported") }
	case "constructed":
		if ext != "" && ext != ".config" && ext != ".yml" && ext != ".yaml" && ext != ".json" {
			return nil
		}
		return func(t *Inventory) error { return t.parseConstructed(path, data) }
	}
	if _, found := inv.plugins.findPyPlugin(name); !found {
		return nil
	}
	return func(t *Inventory) error {
		ok, err := t.tryPyPlugin(full, path)
		if !ok && err == nil {
			return errNotVerified
		}
		return err
	}
}

// pluginConfigName returns the plugin: key of a YAML plugin configuration
// file, as the auto plugin reads it (.yml/.yaml files only).
func pluginConfigName(path, ext string, data []byte, vault Decrypter) (string, bool) {
	if ext != ".yml" && ext != ".yaml" {
		return "", false
	}
	doc, err := parseYAMLDoc(data, vault)
	if err != nil || doc.root == nil {
		return "", false
	}
	v, err := doc.Value(doc.root)
	if err != nil {
		return "", false
	}
	m, ok := asStringMap(v)
	if !ok {
		return "", false
	}
	name, _ := m["plugin"].(string)
	return name, name != ""
}

// runConfiguredPlugin runs the plugin a configuration file names (the
// auto plugin).
func (inv *Inventory) runConfiguredPlugin(plugin, path string, data []byte) error {
	switch shortPluginName(plugin) {
	case "constructed":
		return inv.parseConstructed(path, data)
	case "yaml", "ini", "script", "host_list", "auto", "toml":
		return fmt.Errorf("inventory config '%s' specifies unknown plugin '%s'", path, plugin)
	}
	if _, found := inv.plugins.findPyPlugin(shortPluginName(plugin)); !found {
		return fmt.Errorf("inventory config '%s' specifies unknown plugin '%s'", path, plugin)
	}
	ok, err := inv.tryPyPlugin(plugin, path)
	if !ok && err == nil {
		return fmt.Errorf("inventory source '%s' could not be verified by inventory plugin '%s'", path, plugin)
	}
	return err
}
