package modules

import (
	"context"
	"errors"
	"strings"
	"testing"
)

func TestNotImplementedLookup(t *testing.T) {
	tests := []struct {
		name, reason string
	}{
		{"hostname", "hostname (ansible.builtin.hostname) is not implemented by edxplay yet"},
		{"ansible.builtin.hostname", "hostname (ansible.builtin.hostname) is not implemented by edxplay yet"},
		{"community.general.filesystem", "filesystem (community.general.filesystem) is not implemented by edxplay yet"},
		{"ec2_metadata_facts", "ec2_metadata_facts (amazon.aws.ec2_metadata_facts) is a cloud/API module, not implemented by edxplay"},
		{"ansible.builtin.yum", "yum (ansible.builtin.yum) is not implemented by edxplay yet"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			reason, ok := NotImplementedReason(tc.name)
			if !ok || reason != tc.reason {
				t.Fatalf("NotImplementedReason = %q, %v; want %q", reason, ok, tc.reason)
			}
			m, _ := Lookup(tc.name)
			_, err := m.Run(context.Background(), &Call{})
			if !errors.Is(err, ErrNotImplemented) || !strings.Contains(err.Error(), tc.reason) {
				t.Errorf("Run error = %v, want %q wrapping ErrNotImplemented", err, tc.reason)
			}
		})
	}
	for _, name := range []string{"copy", "ansible.builtin.copy", "uri", "ansible.builtin.uri", "nosuchmodule"} {
		if _, ok := NotImplementedReason(name); ok {
			t.Errorf("%s is reported not implemented", name)
		}
	}
}

// TestNotImplementedSpecs checks argument specs taken from Ansible's docs.
func TestNotImplementedSpecs(t *testing.T) {
	spec, ok := Specs{}.Spec("mount")
	if !ok {
		t.Fatal("mount has no spec")
	}
	byName := map[string]bool{}
	for _, a := range spec.Args {
		byName[a.Name] = a.Required
	}
	for _, want := range []string{"path", "src", "fstype", "opts", "state", "boot"} {
		if _, ok := byName[want]; !ok {
			t.Errorf("mount spec lacks %s", want)
		}
	}
	if !byName["path"] || !byName["state"] {
		t.Errorf("mount path and state must be required")
	}
	raw, _ := Specs{}.Spec("raw")
	if !raw.FreeForm {
		t.Errorf("raw must be free-form")
	}
}

// TestAnsibleOnlyArgs checks that an implemented module's spec, as the
// loader sees it, accepts the arguments Ansible declares that edxplay does
// not implement, while the module's own spec (which the engine converts
// arguments with at run time) does not.
func TestAnsibleOnlyArgs(t *testing.T) {
	loaderSpec, _ := Specs{}.Spec("user")
	own, _ := Lookup("user")
	has := func(args []string, name string) bool {
		for _, a := range args {
			if a == name {
				return true
			}
		}
		return false
	}
	var loaderNames, ownNames []string
	for _, a := range loaderSpec.Args {
		loaderNames = append(loaderNames, a.Name)
		if a.Name == "generate_ssh_key" && a.Doc != notImplementedArgDoc {
			t.Errorf("generate_ssh_key doc = %q", a.Doc)
		}
	}
	for _, a := range own.Spec().Args {
		ownNames = append(ownNames, a.Name)
	}
	if !has(loaderNames, "generate_ssh_key") {
		t.Errorf("loader spec of user lacks generate_ssh_key")
	}
	if has(ownNames, "generate_ssh_key") {
		t.Skip("user implements generate_ssh_key now")
	}
	if len(loaderNames) <= len(ownNames) {
		t.Errorf("loader spec adds nothing: %d <= %d", len(loaderNames), len(ownNames))
	}
}
