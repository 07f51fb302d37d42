package jinja

import (
	"errors"
	"fmt"
	"strings"
)

// maxNesting bounds how deeply brackets may nest in one template
// expression. Jinja2 under Ansible gives up somewhere under 100 levels
// ("recursive loop detected in template string: ... maximum recursion
// depth exceeded"); deeper input only costs time and stack here.
const maxNesting = 100

// Size limits of template values, far past what a templated configuration
// needs (variables so that tests and fuzzing can lower them).
var (
	maxTextSize = 1 << 26 // characters of one string or of a template's output
	maxItems    = 1 << 20 // items of one list
)

// LimitError reports a template that went past one of the size or loop
// limits.
type LimitError struct{ Msg string }

func (e *LimitError) Error() string { return e.Msg }

// checkNesting rejects template source whose brackets nest deeper than
// maxNesting inside {{ }} or {% %}, with Ansible's wording. Quoted strings
// and text outside the delimiters are not counted.
func checkNesting(source string) error {
	if err := checkBlockNesting(source); err != nil {
		return err
	}
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
			switch c {
			case '\\':
				i++
			case quote:
				quote = 0
			}
		case c == '\'' || c == '"':
			quote = c
		case c == '(' || c == '[' || c == '{':
			depth++
			if depth > maxNesting {
				return fmt.Errorf("recursive loop detected in template string: %s. maximum recursion depth exceeded "+
					"(brackets nest more than %d levels deep: nesting limit)", clip(source, 80), maxNesting)
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

// SetDone makes templating stop at the next loop once done is closed (a
// run's context is cancelled), so that a long template cannot delay the
// end of an interrupted run.
func (e *Engine) SetDone(done <-chan struct{}) {
	e.mu.Lock()
	e.done = done
	e.mu.Unlock()
}

// interrupted reports a closed SetDone channel.
func (rc *renderCtx) interrupted() error {
	select {
	case <-rc.engine.doneChan():
		return errors.New("templating interrupted")
	default:
		return nil
	}
}

// doneChan returns the channel given to SetDone.
func (e *Engine) doneChan() <-chan struct{} {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.done
}

// blockTags are the statements that open a block closed by {% endNAME %}.
var blockTags = map[string]bool{"if": true, "for": true, "macro": true, "call": true, "filter": true,
	"block": true, "with": true, "autoescape": true, "trans": true, "raw": true}

// checkBlockNesting rejects template source whose block statements
// ({% if %}, {% for %}, ...) nest deeper than maxNesting: Jinja2 compiles
// them to nested Python blocks, which Python refuses past 100 levels.
func checkBlockNesting(source string) error {
	depth := 0
	for rest := source; ; {
		i := strings.Index(rest, "{%")
		if i < 0 {
			return nil
		}
		rest = strings.TrimLeft(rest[i+2:], "-+ \t\r\n")
		end := strings.Index(rest, "%}")
		if end < 0 {
			return nil
		}
		fields := strings.Fields(rest[:end])
		switch {
		case len(fields) == 0:
		case strings.HasPrefix(fields[0], "end"):
			depth--
		case blockTags[fields[0]] || (fields[0] == "set" && !strings.Contains(rest[:end], "=")):
			depth++
			if depth > maxNesting {
				return fmt.Errorf("block statements nest more than %d levels deep (nesting limit) at line %d of the template",
					maxNesting, strings.Count(source[:len(source)-len(rest)], "\n")+1)
			}
		}
		rest = rest[end:]
	}
}

// clip shortens s to at most n bytes for an error message.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "..."
}
