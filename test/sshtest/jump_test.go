package sshtest

import (
	"fmt"
	"os"
	"testing"

	"github.com/edxplay/edxplay/test/testhosts"
)

func TestProxyJump(t *testing.T) {
	f := startFleet(t, testhosts.Options{N: 3, Mode: testhosts.Netns, Prefix: "sshjump", PrivateHosts: 1})
	bastion, private := f.Hosts[0], f.Hosts[2]
	if !private.Private {
		t.Fatalf("host %s should be private", private.Name)
	}
	direct := fmt.Sprintf("-F none -o UserKnownHostsFile=%s -o ConnectTimeout=3", f.KnownHostsFile)
	viaArgs := func(h testhosts.Host) string {
		if !h.Private {
			return ""
		}
		return fmt.Sprintf("ansible_ssh_common_args='%s -o ProxyJump=root@%s:%d'", direct, bastion.Addr, bastion.Port)
	}
	tests := []struct {
		name      string
		inventory func(t *testing.T) string
		// privateReached says whether the private host is expected to be reached.
		privateReached bool
	}{
		{"ssh_config ProxyJump", func(*testing.T) string { return f.InventoryFile }, true},
		{"ansible_ssh_common_args ProxyJump", func(t *testing.T) string {
			return inventory(t, f, viaArgs, "ansible_user=root", "ansible_ssh_private_key_file="+f.ClientKeyFile,
				fmt.Sprintf("ansible_ssh_common_args='%s'", direct))
		}, true},
		{"no ProxyJump: private host unreachable", func(t *testing.T) string {
			return inventory(t, f, nil, "ansible_user=root", "ansible_ssh_private_key_file="+f.ClientKeyFile,
				fmt.Sprintf("ansible_ssh_common_args='%s'", direct))
		}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for i := range f.Hosts {
				_ = os.Remove(hostPath(f, i, "/srv/marker"))
			}
			res := edxplay(t, run{args: []string{"run", playbook(t, markerPlaybook), "-i", tt.inventory(t)}})
			code := 0
			if !tt.privateReached {
				code = 4
			}
			wantCode(t, res, code)
			for i, h := range f.Hosts {
				reached := !h.Private || tt.privateReached
				if reached {
					wantRecap(t, res, h.Name, recap{ok: 1, changed: 1})
				} else {
					wantRecap(t, res, h.Name, recap{unreachable: 1})
				}
				if got := exists(hostPath(f, i, "/srv/marker")); got != reached {
					t.Errorf("%s: marker exists=%v, want %v", h.Name, got, reached)
				}
			}
		})
	}
}
