package jinja

import (
	"fmt"
	"io"
	"strings"

	"github.com/nikolalohinski/gonja/v2/config"
	"github.com/nikolalohinski/gonja/v2/exec"
	"github.com/nikolalohinski/gonja/v2/loaders"
)

// maxNesting bounds how deeply brackets may nest in one template
// expression. Jinja2 under Ansible gives up somewhere under 100 levels
// ("recursive loop detected in template string: ... maximum recursion
// depth exceeded"); deeper input only costs time and stack here.
const maxNesting = 100

// syntaxPanic wraps a panic of the template parser or renderer, which
// gonja raises for some malformed input ("{{ [0 is }}").
type syntaxPanic struct{ value any }

func (p syntaxPanic) Error() string {
	if err, ok := p.value.(error); ok && strings.Contains(err.Error(), "nil pointer") {
		return "unexpected end of template"
	}
	return fmt.Sprintf("template error: %v", p.value)
}

// newTemplate is exec.NewTemplate guarded against parser panics and
// over-deep nesting.
func newTemplate(name string, cfg *config.Config, loader loaders.Loader, env *exec.Environment, source string) (tpl *exec.Template, err error) {
	if err := checkNesting(source); err != nil {
		return nil, err
	}
	defer func() {
		if r := recover(); r != nil {
			tpl, err = nil, syntaxPanic{r}
		}
	}()
	return exec.NewTemplate(name, cfg, loader, env)
}

// executeTemplate renders tpl, turning a renderer panic into an error.
func executeTemplate(tpl *exec.Template, w io.Writer) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = syntaxPanic{r}
		}
	}()
	return tpl.Execute(w, exec.EmptyContext())
}

// checkNesting rejects template source whose brackets nest deeper than
// maxNesting inside {{ }} or {% %}, with Ansible's wording. Quoted strings
// and text outside the delimiters are not counted.
func checkNesting(source string) error {
	depth, inCode := 0, false
	var quote byte
	for i := 0; i < len(source); i++ {
		c := source[i]
		switch {
		case !inCode:
			if c == '{' && i+1 < len(source) && (source[i+1] == '{' || source[i+1] == '%') {
				inCode, depth = true, 0
				i++
			}
		case quote != 0:
			if c == '\\' {
				i++
			} else if c == quote {
				quote = 0
			}
		case c == '\'' || c == '"':
			quote = c
		case c == '(' || c == '[' || c == '{':
			depth++
			if depth > maxNesting {
				return fmt.Errorf("recursive loop detected in template string: %s. maximum recursion depth exceeded", source)
			}
		case c == ')' || c == ']' || (c == '}' && depth > 0):
			depth--
		case (c == '}' || c == '%') && i+1 < len(source) && source[i+1] == '}':
			inCode = false
			i++
		}
	}
	return nil
}

// RecursionError reports a variable whose value refers back to itself,
// directly or through other variables (a: "{{ b }}", b: "{{ a }}").
type RecursionError struct {
	// Source is the template of the variable met a second time.
	Source string
}

// Error uses Ansible's wording.
func (e *RecursionError) Error() string {
	return fmt.Sprintf("recursive loop detected in template string: %s. maximum recursion depth exceeded", e.Source)
}
