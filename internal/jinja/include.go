package jinja

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/nikolalohinski/gonja/v2/exec"
	"github.com/nikolalohinski/gonja/v2/nodes"
	"github.com/nikolalohinski/gonja/v2/parser"
	"github.com/nikolalohinski/gonja/v2/tokens"
)

// parserFunc is gonja's control structure parser signature.
type parserFunc = parser.ControlStructureParser

// includeStatement replaces gonja's {% include %} so that included templates
// are resolved through the engine's search paths and get the same variable
// binding and output finalization as the including template.
type includeStatement struct {
	location      *tokens.Token
	filename      nodes.Expression
	ignoreMissing bool
}

// Position implements nodes.ControlStructure.
func (s *includeStatement) Position() *tokens.Token { return s.location }

// String implements nodes.ControlStructure.
func (s *includeStatement) String() string {
	return fmt.Sprintf("include(%s, line %d)", s.filename, s.location.Line)
}

// Execute implements exec.ControlStructure.
func (s *includeStatement) Execute(r *exec.Renderer, _ *nodes.ControlStructureBlock) error {
	nameValue := r.Eval(s.filename)
	if nameValue.IsError() {
		return fmt.Errorf("include name: %w", nameValue)
	}
	loader, ok := r.Loader.(*sourceLoader)
	if !ok {
		return fmt.Errorf("include used outside of the jinja engine")
	}
	if loader.rc.calls >= maxTemplateDepth {
		return errTemplateDepth("include", loader.id, s.location.Line)
	}
	loader.rc.calls++
	defer func() { loader.rc.calls-- }()
	path, err := loader.Resolve(nameValue.String())
	if err != nil {
		if s.ignoreMissing {
			return nil
		}
		return fmt.Errorf("the template %s could not be found: %w", nameValue.String(), err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("read included template: %w", err)
	}
	sub := &sourceLoader{rc: loader.rc, id: path, source: string(data), dir: filepath.Dir(path)}
	tpl, err := newTemplate(path, r.Config, sub, r.Environment, string(data))
	if err != nil {
		return fmt.Errorf("parse included template %s: %w", path, err)
	}
	info := prepareAST(tpl.Root())
	loader.rc.bind(info.names)
	return exec.NewRenderer(r.Environment, r.Output, r.Config.Inherit(), sub, tpl).Execute()
}

// includeParser parses `{% include name [ignore missing] [with|without context] %}`.
func (e *Engine) includeParser(p *parser.Parser, args *parser.Parser) (nodes.ControlStructure, error) {
	s := &includeStatement{location: p.Current()}
	expr, err := args.ParseExpression()
	if err != nil {
		return nil, err
	}
	s.filename = expr
	if args.MatchName("ignore") != nil {
		if args.MatchName("missing") == nil {
			return nil, args.Error("expected 'missing' after 'ignore'", nil)
		}
		s.ignoreMissing = true
	}
	if args.MatchName("with", "without") != nil {
		if args.MatchName("context") == nil {
			return nil, args.Error("expected 'context'", nil)
		}
	}
	if !args.End() {
		return nil, args.Error("malformed 'include' tag arguments", nil)
	}
	return s, nil
}
