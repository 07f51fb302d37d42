package jinja

import (
	"fmt"

	"github.com/nikolalohinski/gonja/v2/builtins"
	controlStructures "github.com/nikolalohinski/gonja/v2/builtins/control_structures"
	"github.com/nikolalohinski/gonja/v2/exec"
	"github.com/nikolalohinski/gonja/v2/nodes"
	"github.com/nikolalohinski/gonja/v2/parser"
)

// maxTemplateDepth bounds how deeply includes, extends and macro calls may
// nest. Jinja2 stops recursive ones with Python's RecursionError; far
// fewer levels than this serve any real template.
const maxTemplateDepth = 100

// errTemplateDepth is the error for a template nested deeper than
// maxTemplateDepth at what (include, extends, macro call) in file:line.
func errTemplateDepth(what, file string, line int) error {
	return fmt.Errorf("%s:%d: %s nested more than %d levels deep (recursion limit; does the template recurse?)",
		orString(file), line, what, maxTemplateDepth)
}

// guardedMacro is gonja's {% macro %} whose calls count against
// maxTemplateDepth, so that a macro calling itself ends with an error
// instead of exhausting memory.
type guardedMacro struct {
	*controlStructures.MacroControlStructure
}

// Execute defines the macro in the renderer's context.
func (m *guardedMacro) Execute(r *exec.Renderer, tag *nodes.ControlStructureBlock) error {
	macro, err := exec.MacroNodeToFunc(m.Macro, r)
	if err != nil {
		return fmt.Errorf("macro %s: %w", m.Name, err)
	}
	loader, _ := r.Loader.(*sourceLoader)
	line := m.Position().Line
	r.Environment.Context.Set(m.Name, exec.Macro(func(params *exec.VarArgs) *exec.Value {
		if loader == nil {
			return macro(params)
		}
		if loader.rc.calls >= maxTemplateDepth {
			return exec.AsValue(errTemplateDepth("call of macro "+m.Name, loader.id, line))
		}
		loader.rc.calls++
		defer func() { loader.rc.calls-- }()
		return macro(params)
	}))
	return nil
}

// macroParser parses {% macro %} with gonja's parser into a guardedMacro.
func macroParser(p *parser.Parser, args *parser.Parser) (nodes.ControlStructure, error) {
	parse, ok := builtins.ControlStructures.Get("macro")
	if !ok {
		return nil, fmt.Errorf("no macro parser")
	}
	cs, err := parse(p, args)
	if err != nil {
		return nil, err
	}
	if m, ok := cs.(*controlStructures.MacroControlStructure); ok {
		return &guardedMacro{m}, nil
	}
	return cs, nil
}
