package conformance

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/edxplay/edxplay/internal/playbook"
	"github.com/edxplay/edxplay/internal/pyvalue"
	"github.com/edxplay/edxplay/modules"
)

// fakeHost is a HostContext for module tests: variables come from a map,
// expressions are variable names or true/false, templates substitute
// "{{ name }}", and files are looked up under root/kind/.
type fakeHost struct {
	root string
	vars map[string]any
}

func (h *fakeHost) Var(name string) (any, bool, error) {
	v, ok := h.vars[name]
	return v, ok, nil
}

func (h *fakeHost) Template(value any) (any, error) { return value, nil }

func (h *fakeHost) Eval(expr string) (any, error) {
	switch expr = strings.TrimSpace(expr); expr {
	case "true", "True":
		return true, nil
	case "false", "False":
		return false, nil
	}
	if v, ok := h.vars[expr]; ok {
		return v, nil
	}
	return nil, fmt.Errorf("'%s' is undefined", expr)
}

// Condition is Python truthiness of Eval's value.
func (h *fakeHost) Condition(expr string) (bool, error) {
	v, err := h.Eval(expr)
	return pyvalue.Truthy(v), err
}

func (h *fakeHost) RenderFile(path string, _ modules.TemplateOptions) ([]byte, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	out := string(data)
	for k, v := range h.vars {
		out = strings.ReplaceAll(out, "{{ "+k+" }}", fmt.Sprint(v))
	}
	return []byte(out), nil
}

// ReadVars decodes a vars file as the engine's loader does.
func (h *fakeHost) ReadVars(path string) (map[string]any, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	vars, err := playbook.DecodeVars(path, data)
	if errors.Is(err, playbook.ErrNotMapping) {
		return nil, fmt.Errorf("%w: %w", modules.ErrVarsNotMapping, err)
	}
	return vars, err
}

func (h *fakeHost) FindFile(kind, name string) (string, error) {
	p := filepath.Join(h.root, kind, name)
	if _, err := os.Stat(p); err != nil {
		return "", err
	}
	return p, nil
}
