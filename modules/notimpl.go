package modules

import (
	"context"
	"errors"
	"fmt"

	"github.com/edxplay/edxplay/internal/modspec"
)

// NotImplemented is an Ansible module edxplay knows by name and argument
// spec but does not run: a playbook using it loads, lists and passes
// --syntax-check, and a host that reaches it fails with ErrNotImplemented.
type NotImplemented struct {
	// FQCN is the module's fully qualified collection name
	// ("ansible.posix.mount"), accepted besides Spec.Name.
	FQCN string
	// Cloud marks modules that talk to a cloud provider's API.
	Cloud bool
	// Spec holds the argument names Ansible's documentation declares.
	Doc modspec.Spec
}

// ErrNotImplemented is the failure of a task whose module edxplay does not run.
var ErrNotImplemented = errors.New("module not implemented by edxplay")

// Spec returns the module's Ansible argument spec.
func (m NotImplemented) Spec() modspec.Spec { return m.Doc }

// Run fails: edxplay does not implement the module.
func (m NotImplemented) Run(context.Context, *Call) (*Result, error) {
	return nil, notImplementedError(m.Reason())
}

// notImplementedError reads as the reason and is ErrNotImplemented.
type notImplementedError string

func (e notImplementedError) Error() string { return string(e) }

// Is makes errors.Is(err, ErrNotImplemented) hold.
func (e notImplementedError) Is(target error) bool { return target == ErrNotImplemented }

// Reason says why the module does not run, naming it.
func (m NotImplemented) Reason() string {
	if m.Cloud {
		return fmt.Sprintf("%s (%s) is a cloud/API module, not implemented by edxplay", m.Doc.Name, m.FQCN)
	}
	return fmt.Sprintf("%s (%s) is not implemented by edxplay yet", m.Doc.Name, m.FQCN)
}

// NotImplementedReason returns why the named module does not run, or false
// when edxplay implements it (or does not know it).
func NotImplementedReason(name string) (string, bool) {
	m, ok := Lookup(name)
	if !ok {
		return "", false
	}
	ni, ok := m.(NotImplemented)
	if !ok {
		return "", false
	}
	return ni.Reason(), true
}
