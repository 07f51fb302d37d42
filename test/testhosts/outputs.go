package testhosts

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/crypto/ssh"
)

// writeOutputs writes known_hosts, inventory.ini, ssh_config and hosts.txt.
func writeOutputs(f *Fleet) error {
	files := map[string]string{
		f.KnownHostsFile:                  knownHostsText(f.Hosts),
		f.InventoryFile:                   inventoryText(f),
		f.SSHConfigFile:                   sshConfigText(f),
		filepath.Join(f.Dir, "hosts.txt"): hostsText(f.Hosts),
	}
	for path, text := range files {
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			return fmt.Errorf("write %s: %w", filepath.Base(path), err)
		}
	}
	return nil
}

// KnownHostsLine is the known_hosts line for a host at addr:port.
func KnownHostsLine(addr string, port int, key ssh.PublicKey) string {
	host := addr
	if port != 22 {
		host = fmt.Sprintf("[%s]:%d", addr, port)
	}
	return host + " " + string(bytes.TrimSpace(ssh.MarshalAuthorizedKey(key)))
}

func knownHostsText(hosts []Host) string {
	var b strings.Builder
	for _, h := range hosts {
		b.WriteString(KnownHostsLine(h.Addr, h.Port, h.HostKey) + "\n")
	}
	return b.String()
}

func hostsText(hosts []Host) string {
	var b strings.Builder
	for _, h := range hosts {
		fmt.Fprintf(&b, "%s %s %d\n", h.Name, h.Addr, h.Port)
	}
	return b.String()
}

func inventoryText(f *Fleet) string {
	var b strings.Builder
	b.WriteString("[fleet]\n")
	for _, h := range f.Hosts {
		fmt.Fprintf(&b, "%s ansible_host=%s ansible_port=%d\n", h.Name, h.Addr, h.Port)
	}
	b.WriteString("\n[fleet:vars]\nansible_user=root\n")
	fmt.Fprintf(&b, "ansible_ssh_private_key_file=%s\n", f.ClientKeyFile)
	fmt.Fprintf(&b, "ansible_ssh_common_args='-F %s'\n", f.SSHConfigFile)
	b.WriteString("ansible_python_interpreter=/usr/bin/python3\n")
	return b.String()
}

func sshConfigText(f *Fleet) string {
	var b strings.Builder
	for _, h := range f.Hosts {
		fmt.Fprintf(&b, "Host %s %s\n  HostName %s\n  Port %d\n", h.Name, h.Addr, h.Addr, h.Port)
		if h.Private {
			bastion := f.Hosts[0]
			fmt.Fprintf(&b, "  ProxyJump root@%s:%d\n", bastion.Addr, bastion.Port)
		}
	}
	fmt.Fprintf(&b, `Host *
  User root
  IdentityFile %s
  IdentitiesOnly yes
  UserKnownHostsFile %s
  GlobalKnownHostsFile /dev/null
  StrictHostKeyChecking yes
  BatchMode yes
  LogLevel ERROR
`, f.ClientKeyFile, f.KnownHostsFile)
	return b.String()
}
