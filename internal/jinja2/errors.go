package jinja2

import (
	"errors"
	"fmt"
)

// Error is a template error in Jinja2's words. Class is the Python
// exception class (UndefinedError, TemplateSyntaxError, TypeError, ...).
type Error struct {
	Class    string
	Msg      string
	Template string
	Line     int
	Col      int
	// Secret is set when an operand of the failing operation was secret:
	// Error() then hides the message, which may quote the value.
	Secret bool
}

// Error formats the error as template:line:col: message.
func (e *Error) Error() string {
	name := e.Template
	if name == "" {
		name = "<template>"
	}
	msg := e.Msg
	if e.Secret {
		msg = e.Class + " on a secret value (message hidden)"
	}
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d:%d: %s", name, e.Line, e.Col, msg)
	}
	return fmt.Sprintf("%s: %s", name, msg)
}

// secretErr marks err secret when any of vals is.
func secretErr(err error, vals ...Value) error {
	var e *Error
	if err == nil || !errors.As(err, &e) || e.Secret {
		return err
	}
	for _, v := range vals {
		if v.IsSecret() {
			e.Secret = true
			break
		}
	}
	return err
}

func newError(class, format string, args ...any) *Error {
	return &Error{Class: class, Msg: fmt.Sprintf(format, args...)}
}

func typeErrorf(format string, args ...any) *Error {
	return newError("TypeError", format, args...)
}

func valueErrorf(format string, args ...any) *Error {
	return newError("ValueError", format, args...)
}

func runtimeErrorf(format string, args ...any) *Error {
	return newError("TemplateRuntimeError", format, args...)
}

// ErrorClass returns the Python exception class of err, or "" when err is
// not a template error.
func ErrorClass(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Class
	}
	return ""
}

// locate sets the position of err when it has none yet.
func locate(err error, name string, line, col int) error {
	var e *Error
	if errors.As(err, &e) {
		if e.Line == 0 {
			e.Line, e.Col = line, col
		}
		if e.Template == "" {
			e.Template = name
		}
		return err
	}
	return err
}
