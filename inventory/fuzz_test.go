package inventory

import (
	"testing"
)

// maxFuzzInput caps fuzz inputs so that no target can exhaust memory.
const maxFuzzInput = 16 << 10

// fuzzInventory parses data with parse, then exercises what a loaded
// inventory offers: reconciliation, listing and every host's variables.
// Errors are fine; panics and runaway memory are not.
func fuzzInventory(t *testing.T, data []byte, parse func(*Inventory, []byte) error) {
	if len(data) > maxFuzzInput {
		return
	}
	inv := newInventory()
	if err := parse(inv, data); err != nil {
		return
	}
	if err := inv.reconcile(); err != nil {
		return
	}
	if _, err := ListJSON(inv); err != nil {
		return
	}
	for _, h := range inv.Hosts() {
		_, _ = inv.HostVars(h)
	}
	_, _ = Graph(inv, "all", true)
}

func FuzzINI(f *testing.F) {
	f.Add([]byte("[web]\nweb[01:03] ansible_port=22 x='a b'\n[web:vars]\nk=v\n[all:children]\nweb\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzInventory(t, data, func(inv *Inventory, b []byte) error { return inv.parseINI("fuzz.ini", b) })
	})
}

func FuzzYAMLInventory(f *testing.F) {
	f.Add([]byte("all:\n  hosts:\n    h1: {ansible_host: 10.0.0.1}\n  children:\n    web:\n      hosts:\n        w[1:2]:\n      vars: {k: v}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzInventory(t, data, func(inv *Inventory, b []byte) error { return inv.parseYAML("fuzz.yml", b) })
	})
}
