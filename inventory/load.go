package inventory

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/edxplay/edxplay/internal/pyvalue"
)

// Options tunes Load.
type Options struct {
	// PlaybookDir is the directory of the playbook; its group_vars/ and
	// host_vars/ are layered above the inventory-adjacent ones. Empty means
	// no playbook-adjacent vars (like ansible-inventory without
	// --playbook-dir).
	PlaybookDir string
	// Vault decrypts vaulted files and !vault values; nil rejects them.
	Vault Decrypter
	// Plugins says which inventory plugins parse the sources, and with
	// what (see PluginOptions).
	Plugins PluginOptions
}

// Decrypter decrypts Ansible Vault data found while loading.
type Decrypter interface {
	// DecryptNode replaces !vault scalars under n with their plain text.
	DecryptNode(n *yaml.Node) error
	// DecryptFile returns the plain text of a wholly vaulted file, and any
	// other data unchanged.
	DecryptFile(data []byte) ([]byte, error)
}

// ignoredInDir matches directory entries that ansible skips when an
// inventory source is a directory (IGNORED_ALWAYS plus the default
// INVENTORY_IGNORE_EXTS).
var ignoredInDir = regexp.MustCompile(`^\.|^host_vars$|^group_vars$|^vars_plugins$|` +
	`(\.pyc|\.pyo|\.swp|\.bak|~|\.rpm|\.md|\.txt|\.rst|\.orig|\.ini|\.cfg|\.retry)$`)

// Load parses the inventory sources in order (files, directories or
// comma-separated host lists, as ansible's -i) and returns the reconciled
// inventory. Unlike ansible, which only warns, a source that cannot be read
// or parsed is an error.
func Load(sources []string, opts Options) (*Inventory, error) {
	inv := newInventory()
	inv.vault = opts.Vault
	inv.varsCache.vault = opts.Vault
	inv.plugins = opts.Plugins
	if opts.PlaybookDir != "" {
		dir, err := filepath.Abs(opts.PlaybookDir)
		if err != nil {
			return nil, fmt.Errorf("resolve playbook dir: %w", err)
		}
		inv.playbookDir = dir
	}
	for _, src := range sources {
		if src == "" {
			continue
		}
		if !strings.Contains(src, ",") {
			abs, err := filepath.Abs(pyvalue.ExpandUser(src))
			if err != nil {
				return nil, fmt.Errorf("resolve inventory source %s: %w", src, err)
			}
			src = abs
		}
		inv.sources = append(inv.sources, src)
		if err := inv.parseSource(src); err != nil {
			return nil, err
		}
	}
	if err := inv.reconcile(); err != nil {
		return nil, fmt.Errorf("reconcile inventory: %w", err)
	}
	if err := inv.loadPluginVars(); err != nil {
		return nil, err
	}
	return inv, nil
}

func (inv *Inventory) parseSource(src string) error {
	st, err := os.Stat(src)
	if err != nil {
		if strings.Contains(src, ",") && errors.Is(err, os.ErrNotExist) {
			return inv.parseHostListSource(src)
		}
		return fmt.Errorf("inventory source %s: %w", src, err)
	}
	if st.IsDir() {
		return inv.parseDir(src)
	}
	return inv.readSourceFile(src)
}

func (inv *Inventory) parseDir(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("read inventory directory: %w", err)
	}
	names := make([]string, 0, len(entries))
	for _, e := range entries {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	for _, name := range names {
		if ignoredInDir.MatchString(name) {
			continue
		}
		if err := inv.parseSource(filepath.Join(dir, name)); err != nil {
			return err
		}
	}
	return nil
}

// readSourceFile reads an inventory file and parses it with the enabled
// plugins.
func (inv *Inventory) readSourceFile(path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("read inventory: %w", err)
	}
	return inv.parseFile(path, data)
}

func isYAMLExt(ext string) bool {
	return ext == ".yml" || ext == ".yaml" || ext == ".json"
}

// parseHostListSource parses a comma-separated source with the first
// enabled of host_list and advanced_host_list (ranges like web[1:3]).
func (inv *Inventory) parseHostListSource(list string) error {
	for _, name := range inv.plugins.enabledNames() {
		switch shortPluginName(name) {
		case "host_list":
			return inv.parseHostList(list, false)
		case "advanced_host_list":
			return inv.parseHostList(list, true)
		}
	}
	return fmt.Errorf("inventory source %s: no enabled plugin parses host lists", list)
}

// parseHostList handles "-i host1,host2:22," sources; with ranges, items
// are host patterns ("web[1:3]:2222").
func (inv *Inventory) parseHostList(list string, ranges bool) error {
	for _, item := range strings.Split(list, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		hosts, port, err := hostListItem(item, ranges)
		var ve valueError
		if ranges && errors.As(err, &ve) {
			return fmt.Errorf("Failed to parse %s with advanced_host_list plugin: Invalid data from string, could not parse: %w", list, err)
		}
		if err != nil {
			hosts, port = []string{item}, nil
		}
		for _, host := range hosts {
			if _, ok := inv.hosts[host]; ok {
				continue
			}
			if _, err := inv.addHost(host, "ungrouped", port, list); err != nil {
				return fmt.Errorf("parse host list %q: %w", list, err)
			}
		}
	}
	return nil
}

// hostListItem reads one host list item: an address, or with ranges a
// host pattern.
func hostListItem(item string, ranges bool) ([]string, *int, error) {
	if ranges {
		return expandHostPattern(item)
	}
	host, port, err := parseAddress(item, false)
	return []string{host}, port, err
}

// sourceDir mirrors ansible.utils.path.basedir for inventory_dir.
func sourceDir(source string) string {
	if source == "" {
		return ""
	}
	st, err := os.Stat(source)
	switch {
	case err != nil:
		return "None"
	case st.IsDir():
		return source
	default:
		return filepath.Dir(source)
	}
}

// clone deep-copies the inventory so a failed parse attempt can be
// discarded (ansible keeps partial results, we do not).
func (inv *Inventory) clone() *Inventory {
	out := &Inventory{
		groups:      map[string]*Group{},
		groupOrder:  append([]string(nil), inv.groupOrder...),
		hosts:       map[string]*Host{},
		hostOrder:   append([]string(nil), inv.hostOrder...),
		sources:     append([]string(nil), inv.sources...),
		playbookDir: inv.playbookDir,
		varsCache:   inv.varsCache,
		vault:       inv.vault,
		plugins:     inv.plugins,
		warnings:    append([]string(nil), inv.warnings...),
		implicit:    map[string]*Host{},
		depthCache:  &groupDepths{},
	}
	gmap := map[*Group]*Group{}
	for name, g := range inv.groups {
		ng := &Group{Name: g.Name, Vars: copyVars(g.Vars), Priority: g.Priority, hostSet: map[string]bool{}}
		for k := range g.hostSet {
			ng.hostSet[k] = true
		}
		out.groups[name] = ng
		gmap[g] = ng
	}
	hmap := map[*Host]*Host{}
	for name, h := range inv.hosts {
		nh := &Host{Name: h.Name, Vars: copyVars(h.Vars)}
		for _, g := range h.groups {
			nh.groups = append(nh.groups, gmap[g])
		}
		out.hosts[name] = nh
		hmap[h] = nh
	}
	for g, ng := range gmap {
		for _, h := range g.Hosts {
			ng.Hosts = append(ng.Hosts, hmap[h])
		}
		for _, c := range g.Children {
			ng.Children = append(ng.Children, gmap[c])
		}
		for _, p := range g.Parents {
			ng.Parents = append(ng.Parents, gmap[p])
		}
	}
	return out
}

func copyVars(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}
