package jinja

import (
	"errors"
	"fmt"
	"strings"

	"github.com/edxplay/edxplay/internal/jinja2"
)

// Error is a templating failure located in a template.
type Error struct {
	// Template is the template path, or "string" for inline templates.
	Template string
	// Line and Col are the 1-based position of the failure, 0 when unknown.
	Line, Col int
	// Msg is the message in Jinja2's words, e.g. "'foo' is undefined".
	Msg string
	// Err is the underlying cause.
	Err error
}

// Error implements error as "template:line:col: message".
func (e *Error) Error() string {
	switch {
	case e.Line > 0 && e.Col > 0:
		return fmt.Sprintf("%s:%d:%d: %s", e.Template, e.Line, e.Col, e.Msg)
	case e.Line > 0:
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

// UndefinedVariable marks the error as Ansible's AnsibleUndefinedVariable
// for callers that do not import this package (debug's var).
func (e *UndefinedError) UndefinedVariable() bool { return true }

// IsUndefined reports whether err stems from an undefined variable or
// attribute (Ansible's AnsibleUndefinedVariable).
func IsUndefined(err error) bool {
	_, ok := asUndefined(err)
	return ok
}

// asUndefined finds the undefined-variable cause of err.
func asUndefined(err error) (*UndefinedError, bool) {
	var u *UndefinedError
	if errors.As(err, &u) {
		return u, true
	}
	var je *jinja2.Error
	if errors.As(err, &je) && je.Class == "UndefinedError" {
		return &UndefinedError{Hint: je.Msg}, true
	}
	return nil, false
}

// wrapError turns a template failure into an *Error naming template, line
// and column.
func (rc *renderCtx) wrapError(err error, source string) error {
	var located *Error
	if errors.As(err, &located) {
		return err
	}
	if rc.st != nil && rc.st.loop != nil {
		return rc.st.loop
	}
	var limit *LimitError
	if errors.As(err, &limit) {
		return &Error{Template: orString(rc.name), Msg: limit.Msg, Err: limit}
	}
	out := &Error{Template: orString(rc.name), Err: err, Msg: err.Error()}
	var je *jinja2.Error
	if errors.As(err, &je) {
		out.Line, out.Col = je.Line, je.Col
		out.Msg = je.Msg
		if je.Secret {
			out.Msg = je.Class + " on a secret value (message hidden)"
		}
		if je.Template != "" && je.Template != orString(rc.name) {
			out.Template = je.Template
		}
		if je.Class == "UndefinedError" {
			out.Err = &UndefinedError{Hint: je.Msg}
		}
		if undefinedTypeError(je) {
			out.Msg = "Unable to look up a name or access an attribute in template string (" + source + ").\n" +
				"Make sure your variable name does not contain invalid characters like '-': " + je.Msg
			out.Err = &UndefinedError{Hint: out.Msg}
			return out
		}
	}
	if rc.name == "" && !rc.expr {
		out.Msg += ". String: " + source
	}
	return out
}

// undefinedTypeError reports a TypeError about an undefined operand, which
// Ansible's templar re-raises as AnsibleUndefinedVariable (so a loop over
// it waits for the task's conditional, as for any undefined variable).
func undefinedTypeError(je *jinja2.Error) bool {
	return (je.Class == "TypeError" || je.Class == "AnsibleFilterTypeError") && !je.Secret &&
		strings.Contains(je.Msg, "AnsibleUndefined")
}

// AnsibleMessage returns the bare message of an error raised by Ansible's
// own plugin code (AnsibleFilterError, AnsibleFilterTypeError,
// AnsibleError, ...): Ansible's templar lets those through unwrapped, so a
// failed task's msg is exactly that text. ok is false for other errors and
// for errors whose message is hidden because an operand was secret.
func AnsibleMessage(err error) (msg string, ok bool) {
	var je *jinja2.Error
	if !errors.As(err, &je) || je.Secret || !strings.HasPrefix(je.Class, "Ansible") {
		return "", false
	}
	return je.Msg, true
}

// pythonExceptions are the Python exceptions a template raises that
// Ansible's templar lets through unwrapped (not AnsibleError, TypeError or
// Undefined): a task whose arguments raise one fails with the traceback
// in `exception` and no msg.
var pythonExceptions = map[string]bool{"ZeroDivisionError": true, "OverflowError": true, "KeyError": true,
	"IndexError": true, "ValueError": true, "AttributeError": true}

// PythonException returns "Class: message" when err is one of those
// exceptions (and its message is not hidden as secret).
func PythonException(err error) (string, bool) {
	var je *jinja2.Error
	if !errors.As(err, &je) || je.Secret || !pythonExceptions[je.Class] || IsUndefined(err) {
		return "", false
	}
	return je.Class + ": " + je.Msg, true
}

// withExceptionClass names the Jinja2 exception class in a template
// file's error message, as the template action reports an exception
// ("TemplateSyntaxError: Could not load ..."). Undefined variables,
// Ansible's own errors and errors on secret values keep their message.
func withExceptionClass(err error) error {
	var e *Error
	var je *jinja2.Error
	if !errors.As(err, &e) || !errors.As(e.Err, &je) {
		return err
	}
	if je.Secret || je.Class == "" || je.Class == "UndefinedError" || strings.HasPrefix(je.Class, "Ansible") || e.Msg != je.Msg {
		return err
	}
	out := *e
	out.Msg = je.Class + ": " + e.Msg
	return &out
}
