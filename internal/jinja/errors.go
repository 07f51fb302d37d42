package jinja

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/nikolalohinski/gonja/v2/exec"
)

// Error is a templating failure located in a template.
type Error struct {
	// Template is the template path, or "string" for inline templates.
	Template string
	// Line is the 1-based line of the failure, 0 when unknown.
	Line int
	// Msg is the Ansible-style message, e.g. "'foo' is undefined".
	Msg string
	// Err is the underlying cause.
	Err error
}

// Error implements error as "template:line: message".
func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.Template, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.Template, e.Msg)
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// UndefinedError reports the use of an undefined variable or attribute.
type UndefinedError struct {
	// Name is the missing variable or attribute.
	Name string
	// Hint overrides the default message ("'Name' is undefined").
	Hint string
}

// Error implements error.
func (e *UndefinedError) Error() string {
	if e.Hint != "" {
		return e.Hint
	}
	return fmt.Sprintf("'%s' is undefined", e.Name)
}

// IsUndefined reports whether err stems from an undefined variable or
// attribute (Ansible's AnsibleUndefinedVariable).
func IsUndefined(err error) bool {
	_, ok := asUndefined(err)
	return ok
}

var (
	reLine      = regexp.MustCompile(`at line (\d+)|Line=(\d+)|line (\d+)|Line: (\d+)`)
	reNoName    = regexp.MustCompile(`Unable to evaluate name "([^"]+)"`)
	reNoAttr    = regexp.MustCompile(`attribute '([^']*)' not found`)
	reNoItem    = regexp.MustCompile(`item '?'?([^']*?)'?'? not found`)
	reNoneAttr  = regexp.MustCompile(`Can't use (getattr|Getitem) on None`)
	reUnmatched = regexp.MustCompile(`^(Unable|unable) to [^:]*: `)
)

// asUndefined finds the undefined-variable cause of err, translating gonja's
// own messages for unknown names and attributes.
func asUndefined(err error) (*UndefinedError, bool) {
	for e := err; e != nil; e = unwrapOnce(e) {
		var u *UndefinedError
		if errors.As(e, &u) {
			return u, true
		}
		msg := e.Error()
		if unwrapOnce(e) != nil {
			continue
		}
		if m := reNoName.FindStringSubmatch(msg); m != nil {
			return &UndefinedError{Name: m[1]}, true
		}
		if m := reNoAttr.FindStringSubmatch(msg); m != nil {
			return &UndefinedError{Name: m[1], Hint: fmt.Sprintf("'dict object' has no attribute '%s'", m[1])}, true
		}
		if m := reNoItem.FindStringSubmatch(msg); m != nil {
			return &UndefinedError{Name: m[1], Hint: fmt.Sprintf("'dict object' has no attribute '%s'", m[1])}, true
		}
		if reNoneAttr.MatchString(msg) {
			return &UndefinedError{Name: "None", Hint: "'None' has no attribute"}, true
		}
		if strings.Contains(msg, condUndefinedHint) {
			return &UndefinedError{Hint: condUndefinedHint}, true
		}
	}
	return nil, false
}

// unwrapOnce steps into gonja values and wrapped errors.
func unwrapOnce(err error) error {
	if v, ok := err.(*exec.Value); ok {
		if inner, ok := v.Interface().(error); ok {
			if _, same := inner.(*exec.Value); !same {
				return inner
			}
		}
		return nil
	}
	if c, ok := err.(interface{ Cause() error }); ok {
		return c.Cause()
	}
	return errors.Unwrap(err)
}

// rootCause returns the innermost error.
func rootCause(err error) error {
	for {
		next := unwrapOnce(err)
		if next == nil {
			return err
		}
		err = next
	}
}

// wrapError turns a gonja failure into an *Error naming template and line.
func (rc *renderCtx) wrapError(err error, source string) error {
	var located *Error
	if errors.As(err, &located) {
		return err
	}
	if rc.st != nil && rc.st.loop != nil {
		return rc.st.loop
	}
	name := rc.name
	if name == "" {
		name = "string"
	}
	var limit *LimitError
	if rc.st != nil && rc.st.iterations != nil && rc.st.iterations.err != nil {
		limit = rc.st.iterations.err
	}
	if limit != nil || errors.As(err, &limit) {
		return &Error{Template: name, Msg: limit.Msg, Err: limit}
	}
	out := &Error{Template: name, Err: err, Line: lastLine(err.Error())}
	if u, ok := asUndefined(err); ok {
		out.Msg = u.Error()
		out.Err = u
		return out
	}
	cause := rootCause(err)
	out.Msg = reUnmatched.ReplaceAllString(cause.Error(), "")
	if _, ok := cause.(*exec.Value); ok || out.Msg == "" {
		out.Msg = err.Error()
	}
	if rc.name == "" {
		out.Msg += fmt.Sprintf(". String: %s", source)
	}
	return out
}

// lastLine extracts the innermost line number mentioned in a gonja error.
func lastLine(msg string) int {
	matches := reLine.FindAllStringSubmatch(msg, -1)
	for i := len(matches) - 1; i >= 0; i-- {
		for _, g := range matches[i][1:] {
			if n, err := strconv.Atoi(g); err == nil && n > 0 {
				return n
			}
		}
	}
	return 0
}
