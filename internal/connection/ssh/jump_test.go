package ssh

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/edxplay/edxplay/internal/connection"
	"github.com/edxplay/edxplay/test/testhosts"
)

func TestProxyJumpToPrivateHost(t *testing.T) {
	t.Parallel()
	f := startFleet(t, testhosts.Options{N: 3, Mode: testhosts.Netns, Prefix: "sshjump", PrivateHosts: 1})
	bastion, target := f.Hosts[0], f.Hosts[2]
	if !target.Private {
		t.Fatal("last host should be private")
	}
	direct := hostConfig(t, f, 2)
	direct.ConnectTimeout, direct.Retries = time.Second, -1
	if _, err := Dial(context.Background(), direct); err == nil {
		t.Fatal("the private host should not be reachable directly")
	}
	tests := []struct {
		name string
		hc   func() HostConfig
	}{
		{"ProxyJump field", func() HostConfig {
			hc := hostConfig(t, f, 2)
			hc.ProxyJump = fmt.Sprintf("root@%s:%d", bastion.Addr, bastion.Port)
			return hc
		}},
		{"two hops", func() HostConfig {
			hc := hostConfig(t, f, 2)
			hc.ProxyJump = fmt.Sprintf("root@%s:%d,root@%s", f.Hosts[1].Addr, f.Hosts[1].Port, bastion.Addr)
			return hc
		}},
		{"fleet ssh_config", func() HostConfig {
			return HostConfig{Host: target.Name, ConfigFile: f.SSHConfigFile, HomeDir: t.TempDir(), DisableAgent: true}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := dialT(t, tt.hc())
			res := runT(t, c, connection.Command{Cmd: "echo $SSH_CONNECTION"})
			// the target sees the connection come from the bastion's private address
			if !strings.HasPrefix(res.Stdout, "198.18.") || !strings.Contains(res.Stdout, target.Addr) {
				t.Errorf("SSH_CONNECTION %q", res.Stdout)
			}
		})
	}
}

func TestSSHConfigFileSettings(t *testing.T) {
	t.Parallel()
	f := startFleet(t, testhosts.Options{N: 1, Prefix: "sshcfg"})
	h := f.Hosts[0]
	conf := filepath.Join(t.TempDir(), "config")
	text := fmt.Sprintf("Host myalias\n  HostName %s\n  Port %d\n  User root\n  IdentityFile %s\n  UserKnownHostsFile %s\n  ServerAliveInterval 1\n",
		h.Addr, h.Port, f.ClientKeyFile, f.KnownHostsFile)
	if err := os.WriteFile(conf, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	c := dialT(t, HostConfig{Host: "myalias", ConfigFile: conf, HomeDir: t.TempDir(), DisableAgent: true})
	if got := runT(t, c, connection.Command{Cmd: "echo $SSH_CONNECTION"}); !strings.Contains(got.Stdout, h.Addr+" 2222") {
		t.Errorf("SSH_CONNECTION %q", got.Stdout)
	}
	if c.target.aliveInterval != time.Second {
		t.Errorf("ServerAliveInterval: %v", c.target.aliveInterval)
	}
}
