package lookups

import (
	"errors"
	"fmt"

	"github.com/edxplay/edxplay/internal/jinja2"
)

// The Python exception classes lookups raise, with the module their
// type() names.
var classModules = map[string]string{
	"AnsibleError":              "ansible.errors.",
	"AnsibleLookupError":        "ansible.errors.",
	"AnsibleOptionsError":       "ansible.errors.",
	"AnsibleParserError":        "ansible.errors.",
	"AnsibleUndefinedVariable":  "ansible.errors.",
	"AnsibleAssertionError":     "ansible.errors.",
	"AnsibleFileNotFound":       "ansible.errors.",
	"MissingSetting":            "ansible.plugins.lookup.config.",
	"DuplicateOptionError":      "configparser.",
	"MissingSectionHeaderError": "configparser.",
	"ParsingError":              "configparser.",
	"Error":                     "_csv.",
}

// ansibleError is an AnsibleError (or subclass) with Python's message.
func ansibleError(class, format string, args ...any) error {
	return jinja2.NewError(class, format, args...)
}

// limitError is an AnsibleError edxplay raises where Ansible would build
// without bound (a sequence or product too large to hold): Ansible has no
// words for it, so the caller may say where the lookup was written.
type limitError struct{ error }

func (e limitError) Unwrap() error { return e.error }

// limitf is errorf for a limit error.
func limitf(format string, args ...any) error {
	return limitError{errorf(format, args...)}
}

// IsLimit reports whether err is a lookup's bound on what it builds
// (more than 1,048,576 items), which Ansible does not have.
func IsLimit(err error) bool {
	var l limitError
	return errors.As(err, &l)
}

// errorf is the plain AnsibleError most lookups raise.
func errorf(format string, args ...any) error { return ansibleError("AnsibleError", format, args...) }

// withOrig is AnsibleError(msg, orig_exc=e): its message ends ". " and
// the original's.
func withOrig(class, msg string, orig error) error {
	return ansibleError(class, "%s. %s", msg, messageOf(orig))
}

// classOf returns the Python class of err (AnsibleError for a Go error
// that is not a template error).
func classOf(err error) string {
	if c := jinja2.ErrorClass(err); c != "" {
		return c
	}
	return "AnsibleError"
}

// messageOf returns str(e) of err.
func messageOf(err error) string {
	var e *jinja2.Error
	if errors.As(err, &e) {
		return e.Msg
	}
	return err.Error()
}

// pyClass is type(e) as Python prints it.
func pyClass(class string) string {
	return fmt.Sprintf("<class '%s%s'>", classModules[class], class)
}
