package inventory

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"time"

	"github.com/edxplay/edxplay/internal/boundedout"
	"github.com/edxplay/edxplay/internal/odict"
	"github.com/edxplay/edxplay/internal/pyvalue"
)

// scriptTimeout bounds one run of an inventory script or Python plugin.
const scriptTimeout = 5 * time.Minute

// isScript reports whether the script plugin takes path: a file that is
// executable or starts with "#!" (the script plugin's verify_file).
func isScript(path string, data []byte) bool {
	if bytes.HasPrefix(data, []byte("#!")) {
		return true
	}
	st, err := os.Stat(path)
	return err == nil && st.Mode().IsRegular() && st.Mode().Perm()&0o111 != 0
}

// runScript runs an inventory script with args and returns its stdout,
// with Ansible's wording when it fails.
func runScript(path string, args ...string) ([]byte, string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), scriptTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, path, args...)
	stdout, stderr := &boundedout.Buffer{Max: maxProgramOutput}, &boundedout.Buffer{Max: 1 << 20}
	cmd.Stdout, cmd.Stderr = stdout, stderr
	err := cmd.Run()
	errText := stderr.String()
	if errText != "" && !strings.HasSuffix(errText, "\n") {
		errText += "\n"
	}
	if _, isExit := err.(*exec.ExitError); err != nil && !isExit {
		return nil, "", fmt.Errorf("problem running %s (%s)", strings.Join(append([]string{path}, args...), " "), err)
	}
	if err != nil {
		return nil, "", fmt.Errorf("Inventory script (%s) had an execution error: %s ", path, errText)
	}
	return stdout.Bytes(), errText, nil
}

// parseScript runs an executable inventory (`path --list`) and adds the
// groups, hosts and variables of its JSON, as the script plugin does:
// _meta.hostvars when present, else `path --host H` per host.
func (inv *Inventory) parseScript(path string) error {
	out, errText, err := runScript(path, "--list")
	if err != nil {
		return err
	}
	data, err := decodeScriptJSON(out)
	if err != nil {
		return fmt.Errorf("failed to parse executable inventory script results from %s: %s\n%s", path, err, errText)
	}
	top, ok := data.(*odict.Map)
	if !ok {
		return fmt.Errorf("failed to parse executable inventory script results from %s: needs to be a json dict\n%s", path, errText)
	}
	s := &scriptSource{inv: inv, path: path, seen: map[string]bool{}}
	var meta any
	for _, name := range top.Keys() {
		v, _ := top.Get(name)
		if name == "_meta" {
			if m, ok := v.(*odict.Map); ok {
				meta, _ = m.Get("hostvars")
				if !m.Has("hostvars") {
					meta = nil
				}
			}
			continue
		}
		if err := s.group(name, v); err != nil {
			return err
		}
	}
	return s.hostVars(meta)
}

// decodeScriptJSON decodes a script's output as JSON only (Ansible's
// loader.load(json_only=True)), dicts keeping their order.
func decodeScriptJSON(out []byte) (any, error) {
	if !json.Valid(out) {
		return nil, fmt.Errorf("Expecting value: the output is not JSON")
	}
	doc, err := parseYAMLDoc(out, nil)
	if err != nil {
		return nil, err
	}
	if doc.root == nil {
		return nil, nil
	}
	return doc.Value(doc.root)
}

// scriptSource holds the state of one script's parse.
type scriptSource struct {
	inv   *Inventory
	path  string
	seen  map[string]bool
	hosts []string
}

// group adds one group entry of the script's output.
func (s *scriptSource) group(name string, data any) error {
	name = s.inv.addGroup(name).Name
	m, ok := data.(*odict.Map)
	if !ok {
		m = odict.Of("hosts", data)
	} else if !m.Has("hosts") && !m.Has("vars") && !m.Has("children") {
		m = odict.Of("hosts", []any{name}, "vars", m)
	}
	if hv, ok := m.Get("hosts"); ok {
		list, isList := hv.([]any)
		if !isList {
			return fmt.Errorf("You defined a group '%s' with bad data for the host list:\n %s", name, pyvalue.Repr(odict.DeepPlain(m)))
		}
		for _, h := range list {
			host := pyStr(h)
			if _, err := s.inv.addHost(host, name, nil, s.path); err != nil {
				return err
			}
			if !s.seen[host] {
				s.seen[host] = true
				s.hosts = append(s.hosts, host)
			}
		}
	}
	if vv, ok := m.Get("vars"); ok {
		vars, isMap := vv.(*odict.Map)
		if !isMap {
			return fmt.Errorf("You defined a group '%s' with bad data for variables:\n %s", name, pyvalue.Repr(odict.DeepPlain(m)))
		}
		for _, k := range vars.Keys() {
			v, _ := vars.Get(k)
			if err := setGroupVar(s.inv.groups[name], k, v); err != nil {
				return err
			}
		}
	}
	if cv, ok := m.Get("children"); ok {
		children, _ := cv.([]any)
		for _, c := range children {
			child := s.inv.addGroup(pyStr(c)).Name
			if err := s.inv.addChildGroup(name, child); err != nil {
				return err
			}
		}
	}
	return nil
}

// hostVars sets each host's variables from _meta.hostvars, or from
// `script --host H` when the output had no _meta.hostvars.
func (s *scriptSource) hostVars(meta any) error {
	for _, host := range s.hosts {
		var got any
		if meta == nil {
			v, err := s.hostQuery(host)
			if err != nil {
				return err
			}
			got = v
		} else {
			m, ok := meta.(*odict.Map)
			if !ok {
				return fmt.Errorf("Improperly formatted host information for %s: '%s' object has no attribute 'get'", host, pyContainerName(meta))
			}
			got, _ = m.Get(host)
		}
		vars, ok := got.(*odict.Map)
		if got != nil && !ok {
			return fmt.Errorf("Invalid data from file, expected dictionary and got:\n\n%s", pyStr(odict.DeepPlain(got)))
		}
		h := s.inv.hosts[host]
		for _, k := range vars.Keys() {
			h.Vars[k], _ = vars.Get(k)
		}
	}
	return nil
}

// hostQuery runs `script --host H`.
func (s *scriptSource) hostQuery(host string) (any, error) {
	out, _, err := runScript(s.path, "--host", host)
	if err != nil {
		return nil, err
	}
	if strings.TrimSpace(string(out)) == "" {
		// Ansible compares the bytes it read with '' (never equal) and
		// loads blank output as None: a blank answer fails the source.
		return nil, fmt.Errorf("Invalid data from file, expected dictionary and got:\n\nNone")
	}
	v, err := decodeScriptJSON(out)
	if err != nil {
		return nil, fmt.Errorf("could not parse post variable response: %s, %s", out, err)
	}
	return v, nil
}
