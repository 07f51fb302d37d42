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
}

// Error formats the error as template:line:col: message.
func (e *Error) Error() string {
	name := e.Template
	if name == "" {
		name = "<template>"
	}
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d:%d: %s", name, e.Line, e.Col, e.Msg)
	}
	return fmt.Sprintf("%s: %s", name, e.Msg)
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
