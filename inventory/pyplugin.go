package inventory

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"

	"github.com/edxplay/edxplay/internal/ctlpython"
	"github.com/edxplay/edxplay/internal/odict"
)

// pyPluginName is an inventory plugin name that can be a plugin file's.
var pyPluginName = regexp.MustCompile(`^[A-Za-z0-9_]+$`)

// findPyPlugin returns the <name>.py of an inventory plugin in the plugin
// directories (each one and its subdirectories one and two levels down,
// as Ansible's plugin loader searches).
func (o PluginOptions) findPyPlugin(name string) (string, bool) {
	if !pyPluginName.MatchString(name) {
		return "", false
	}
	for _, dir := range o.Dirs {
		dirs := []string{dir}
		for _, pat := range []string{"*", "*/*"} {
			sub, _ := filepath.Glob(filepath.Join(dir, pat))
			dirs = append(dirs, sub...)
		}
		for _, d := range dirs {
			p := filepath.Join(d, name+".py")
			if st, err := os.Stat(p); err == nil && st.Mode().IsRegular() {
				return p, true
			}
		}
	}
	return "", false
}

// tryPyPlugin runs the Python inventory plugin name on a source, under
// the controller's ansible-core (ctlpython); ok is false when there is no
// such plugin or its verify_file refuses the source.
func (inv *Inventory) tryPyPlugin(name, path string) (bool, error) {
	file, found := inv.plugins.findPyPlugin(shortPluginName(name))
	if !found {
		return false, nil
	}
	req, err := inv.pyRequest(name, file, path)
	if err != nil {
		return true, err
	}
	res, err := runInventoryPython(pyInventoryRunner, req)
	if err != nil {
		return true, fmt.Errorf("inventory plugin %s (%s): %w", name, file, err)
	}
	switch {
	case res.Unverified:
		return false, nil
	case res.Error != "":
		return true, fmt.Errorf("%s", res.Error)
	}
	return true, inv.applyPyResult(res, path)
}

// pyEntity is a host or group as the runner reads and writes it.
type pyEntity struct {
	Name     string          `json:"name"`
	Vars     json.RawMessage `json:"vars"`
	Priority int             `json:"priority,omitempty"`
	Hosts    []string        `json:"hosts,omitempty"`
	Children []string        `json:"children,omitempty"`
	Groups   []string        `json:"groups,omitempty"`
}

// pyAnswer is the runner's answer.
type pyAnswer struct {
	Unverified bool       `json:"unverified"`
	Error      string     `json:"error"`
	Groups     []pyEntity `json:"groups"`
	Hosts      []pyEntity `json:"hosts"`
}

// pyRequest is the runner's input: the plugin, the source, and the
// inventory so far.
func (inv *Inventory) pyRequest(name, file, path string) ([]byte, error) {
	var groups, hosts []pyEntity
	for _, gn := range inv.groupOrder {
		g := inv.groups[gn]
		e := pyEntity{Name: gn, Vars: plainVarsJSON(g.Vars), Priority: g.Priority}
		for _, c := range g.Children {
			e.Children = append(e.Children, c.Name)
		}
		groups = append(groups, e)
	}
	for _, hn := range inv.hostOrder {
		h := inv.hosts[hn]
		e := pyEntity{Name: hn, Vars: plainVarsJSON(h.Vars)}
		for _, g := range h.groups {
			if g.hostSet[hn] {
				e.Groups = append(e.Groups, g.Name)
			}
		}
		hosts = append(hosts, e)
	}
	basedir := inv.playbookDir
	if basedir == "" {
		basedir, _ = os.Getwd()
	}
	return json.Marshal(map[string]any{"name": name, "file": file, "path": path, "dirs": inv.plugins.Dirs,
		"basedir": basedir, "playbook_dir": inv.playbookDir, "sources": inv.sources, "cache": !inv.plugins.FlushCache, "groups": groups, "hosts": hosts})
}

// plainVarsJSON is vars as JSON, leaving out values with no JSON form.
func plainVarsJSON(vars map[string]any) json.RawMessage {
	out := odict.New(len(vars))
	for k, v := range vars {
		if _, err := json.Marshal(odict.DeepPlain(v)); err == nil {
			out.Set(k, odict.DeepPlain(v))
		}
	}
	data, err := json.Marshal(out)
	if err != nil {
		return json.RawMessage("{}")
	}
	return data
}

// applyPyResult adds what the plugin added or changed.
func (inv *Inventory) applyPyResult(res *pyAnswer, path string) error {
	for _, g := range res.Groups {
		group := inv.addGroup(g.Name)
		vars, err := decodeVars(g.Vars)
		if err != nil {
			return err
		}
		for _, k := range vars.Keys() {
			group.Vars[k], _ = vars.Get(k)
		}
		if g.Priority != 0 {
			group.Priority = g.Priority
		}
	}
	for _, h := range res.Hosts {
		host, err := inv.addHost(h.Name, "", nil, path)
		if err != nil {
			return err
		}
		vars, err := decodeVars(h.Vars)
		if err != nil {
			return err
		}
		for _, k := range vars.Keys() {
			host.Vars[k], _ = vars.Get(k)
		}
	}
	return inv.applyPyEdges(res)
}

// applyPyEdges adds the plugin's group memberships and child groups.
func (inv *Inventory) applyPyEdges(res *pyAnswer) error {
	for _, g := range res.Groups {
		group := inv.groups[g.Name]
		for _, h := range g.Hosts {
			if host, ok := inv.hosts[h]; ok {
				group.addHost(host)
			}
		}
		for _, c := range g.Children {
			if _, ok := inv.groups[c]; !ok {
				continue
			}
			if err := inv.addChildGroup(g.Name, c); err != nil {
				return err
			}
		}
	}
	return nil
}

// decodeVars decodes a vars dict, in order.
func decodeVars(raw json.RawMessage) (*odict.Map, error) {
	if len(raw) == 0 {
		return odict.New(0), nil
	}
	v, err := decodeScriptJSON(raw)
	if err != nil {
		return nil, fmt.Errorf("plugin variables: %w", err)
	}
	m, _ := v.(*odict.Map)
	return m, nil
}

// runInventoryPython runs a runner under the first controller Python with
// ansible-core; the runner's stderr (Ansible's warnings) goes to ours.
func runInventoryPython(runner string, req []byte) (*pyAnswer, error) {
	ctx, cancel := context.WithTimeout(context.Background(), scriptTimeout)
	defer cancel()
	out, err := ctlpython.Run(ctx, ctlpython.Program{Source: runner, Stdin: req,
		MaxOutput: maxProgramOutput, Stderr: os.Stderr})
	if err != nil {
		return nil, fmt.Errorf("needs a Python with ansible-core: %w", err)
	}
	var res pyAnswer
	if err := json.Unmarshal(out, &res); err != nil {
		return nil, fmt.Errorf("unreadable answer: %w", err)
	}
	return &res, nil
}
