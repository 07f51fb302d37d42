package inventory

import (
	"fmt"

	"github.com/edxplay/edxplay/internal/odict"
	"github.com/edxplay/edxplay/internal/pyvalue"
)

// keyedGroups adds the host to the groups named by each keyed_groups
// entry's key value, as Constructable._add_host_to_keyed_groups does.
func (inv *Inventory) keyedGroups(c *constructedConfig, host string, vars map[string]any) error {
	for _, entry := range c.keyedGroups {
		keyed, ok := entry.(*odict.Map)
		if !ok || keyed.Len() == 0 {
			return fmt.Errorf("Invalid keyed group entry, it must be a dictionary: %s ", pyvalue.Repr(odict.DeepPlain(entry)))
		}
		if err := inv.keyedGroup(c, host, keyed, vars); err != nil {
			return err
		}
	}
	return nil
}

// keyedEntry is one keyed_groups entry's options.
type keyedEntry struct {
	prefix, sep       string
	defaultValue      any
	hasDefault        bool
	trailingSeparator any
	parent            string
}

func readKeyedEntry(keyed *odict.Map) keyedEntry {
	e := keyedEntry{sep: "_"}
	if v, ok := keyed.Get("prefix"); ok {
		e.prefix = pyStr(v)
	}
	if v, ok := keyed.Get("separator"); ok {
		e.sep = pyStr(v)
	}
	e.defaultValue, e.hasDefault = keyed.Get("default_value")
	if e.defaultValue == nil {
		e.hasDefault = false
	}
	e.trailingSeparator, _ = keyed.Get("trailing_separator")
	if v, ok := keyed.Get("parent_group"); ok && pyvalue.Truthy(v) {
		e.parent = pyStr(v)
	}
	return e
}

// keyedGroup applies one keyed_groups entry to a host.
func (inv *Inventory) keyedGroup(c *constructedConfig, host string, keyed *odict.Map, vars map[string]any) error {
	keyExpr, _ := keyed.Get("key")
	key, err := inv.compose(c, pyStr(keyExpr), vars)
	if err != nil {
		if c.strict {
			return fmt.Errorf("Could not generate group for host %s from %s entry: %s", host, pyStr(keyExpr), err)
		}
		return nil
	}
	e := readKeyedEntry(keyed)
	if e.trailingSeparator != nil && e.hasDefault {
		return fmt.Errorf("parameters are mutually exclusive for keyed groups: default_value|trailing_separator")
	}
	if !pyvalue.Truthy(key) && !(key == "" && e.hasDefault) {
		if c.strict && !isEmptyContainer(key) {
			return fmt.Errorf("No key or key resulted empty for %s in host %s, invalid entry", pyStr(keyExpr), host)
		}
		return nil
	}
	if e.parent != "" {
		p, err := inv.plugins.Templar.Template(e.parent, vars, false)
		if err != nil {
			if c.strict {
				return fmt.Errorf("Could not generate parent group %s for group %s: %s", e.parent, pyStr(key), err)
			}
			return nil
		}
		e.parent = pyStr(p)
	}
	names, err := e.rawNames(key)
	if err != nil {
		return err
	}
	return inv.addKeyedGroups(c, host, e, names)
}

// rawNames are the group names before the prefix, from a string, a list
// or a dict key value.
func (e keyedEntry) rawNames(key any) ([]string, error) {
	def := pyStr(e.defaultValue)
	switch k := key.(type) {
	case string:
		if k == "" && e.hasDefault {
			return []string{def}, nil
		}
		return []string{k}, nil
	case []any:
		var out []string
		for _, item := range k {
			if item == "" && e.hasDefault {
				out = append(out, def)
			} else {
				out = append(out, pyStr(item))
			}
		}
		return out, nil
	case *odict.Map:
		var out []string
		for _, name := range k.Keys() {
			val, _ := k.Get(name)
			bare := name + e.sep + pyStr(val)
			if val == "" {
				if e.hasDefault {
					bare = name + e.sep + def
				} else if e.trailingSeparator == false {
					bare = name
				}
			}
			out = append(out, bare)
		}
		return out, nil
	}
	return nil, fmt.Errorf("Invalid group name format, expected a string or a list of them or dictionary, got: <class '%s'>", pyTypeName(key))
}

// addKeyedGroups adds the host to prefix+sep+name for each name.
func (inv *Inventory) addKeyedGroups(c *constructedConfig, host string, e keyedEntry, names []string) error {
	sep := e.sep
	for _, bare := range names {
		if e.prefix == "" && !c.leadingSeparator {
			sep = ""
		}
		name := inv.safeGroupName(e.prefix + sep + bare)
		if name == "" {
			return fmt.Errorf("Invalid empty/false group name provided: %s", name)
		}
		g := inv.addGroup(name)
		g.addHost(inv.hosts[host])
		if e.parent != "" {
			p := inv.addGroup(inv.safeGroupName(e.parent))
			if err := inv.addChildGroup(p.Name, g.Name); err != nil {
				return err
			}
		}
	}
	return nil
}

// isEmptyContainer reports an empty list or dict (a valid key value that
// makes no group).
func isEmptyContainer(v any) bool {
	switch x := v.(type) {
	case []any:
		return len(x) == 0
	case *odict.Map:
		return x.Len() == 0
	case map[string]any:
		return len(x) == 0
	}
	return false
}
