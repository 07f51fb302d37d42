package main

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/edxplay/edxplay/internal/connection"
	"github.com/edxplay/edxplay/internal/connection/ssh"
	"github.com/edxplay/edxplay/internal/pyvalue"
	"github.com/edxplay/edxplay/internal/shellwords"
)

// sshConn returns the SSH connection of host from the pool (one per host
// for the whole run).
func (d *dialer) sshConn(ctx context.Context, host string, vars map[string]any) (connection.Conn, error) {
	d.mu.Lock()
	if d.pool == nil {
		d.pool = ssh.NewPool()
	}
	pool := d.pool
	d.mu.Unlock()
	hc, err := d.hostConfig(host, vars)
	if err != nil {
		return nil, err
	}
	return pool.Get(ctx, hc)
}

// hostConfig maps Ansible's connection variables and the command-line
// options onto the SSH transport's settings.
func (d *dialer) hostConfig(host string, vars map[string]any) (ssh.HostConfig, error) {
	str := func(names ...string) string {
		for _, n := range names {
			if v, ok := vars[n]; ok && v != nil && fmt.Sprint(v) != "" {
				return fmt.Sprint(v)
			}
		}
		return ""
	}
	hc := ssh.HostConfig{Host: host, User: d.opts.user, ConfigFile: d.opts.sshConfig,
		Password: d.opts.password, Retries: d.opts.retries, Passphrase: askPassphrase}
	if h := str("ansible_host", "ansible_ssh_host"); h != "" {
		hc.Host = h
	}
	if u := str("ansible_user", "ansible_ssh_user"); u != "" {
		hc.User = u
	}
	if p := str("ansible_port", "ansible_ssh_port"); p != "" {
		port, err := strconv.Atoi(p)
		if err != nil {
			return hc, fmt.Errorf("host %s: ansible_port %q is not a number", host, p)
		}
		hc.Port = port
	}
	if pw := str("ansible_password", "ansible_ssh_pass"); pw != "" {
		hc.Password = pw
	}
	if d.opts.privateKey != "" {
		hc.PrivateKeyFiles = append(hc.PrivateKeyFiles, d.opts.privateKey)
	}
	if k := str("ansible_ssh_private_key_file", "ansible_private_key_file"); k != "" {
		hc.PrivateKeyFiles = append(hc.PrivateKeyFiles, pyvalue.ExpandUser(k))
	}
	if t := firstInt(d.opts.timeout, str("ansible_timeout", "ansible_ssh_timeout")); t > 0 {
		hc.ConnectTimeout = time.Duration(t) * time.Second
	}
	hc.HostKeyChecking = d.hostKeyMode()
	return hc, applySSHArgs(&hc, str("ansible_ssh_common_args")+" "+str("ansible_ssh_extra_args")+" "+d.opts.sshArgs)
}

// hostKeyMode is --host-key-checking (or host_key_checking of ansible.cfg
// and ANSIBLE_HOST_KEY_CHECKING, mapped by configuredTransport), else
// ssh_config's setting.
func (d *dialer) hostKeyMode() ssh.HostKeyMode {
	switch strings.ToLower(d.opts.hostKeyChecking) {
	case "strict", "yes", "true":
		return ssh.HostKeyStrict
	case "accept-new":
		return ssh.HostKeyAcceptNew
	case "off", "no", "false":
		return ssh.HostKeyOff
	}
	return ""
}

// applySSHArgs reads the OpenSSH options edxplay understands from
// ansible_ssh_common_args-style strings: -o Key=Value, -J, -F, -i, -p.
func applySSHArgs(hc *ssh.HostConfig, args string) error {
	words, err := shellwords.Split(args)
	if err != nil {
		return fmt.Errorf("ssh args %q: %w", args, err)
	}
	for i := 0; i < len(words); i++ {
		w := words[i]
		next := func() string {
			if i+1 < len(words) {
				i++
				return words[i]
			}
			return ""
		}
		switch {
		case w == "-o":
			applySSHOption(hc, next())
		case strings.HasPrefix(w, "-o"):
			applySSHOption(hc, w[2:])
		case w == "-J":
			hc.ProxyJump = next()
		case w == "-F":
			hc.ConfigFile = next()
		case w == "-i":
			hc.PrivateKeyFiles = append(hc.PrivateKeyFiles, pyvalue.ExpandUser(next()))
		}
	}
	return nil
}

func applySSHOption(hc *ssh.HostConfig, opt string) {
	k, v, ok := strings.Cut(opt, "=")
	if !ok {
		k, v, _ = strings.Cut(opt, " ")
	}
	v = strings.Trim(strings.TrimSpace(v), `"'`)
	switch strings.ToLower(strings.TrimSpace(k)) {
	case "proxyjump":
		hc.ProxyJump = v
	case "userknownhostsfile":
		hc.KnownHostsFiles = strings.Fields(v)
	case "stricthostkeychecking":
		if hc.HostKeyChecking == "" {
			switch strings.ToLower(v) {
			case "accept-new", "no":
				hc.HostKeyChecking = ssh.HostKeyAcceptNew
			case "yes":
				hc.HostKeyChecking = ssh.HostKeyStrict
			}
		}
	case "connecttimeout":
		if n, err := strconv.Atoi(v); err == nil {
			hc.ConnectTimeout = time.Duration(n) * time.Second
		}
	case "serveraliveinterval":
		if n, err := strconv.Atoi(v); err == nil {
			hc.ServerAliveInterval = time.Duration(n) * time.Second
		}
	case "port":
		if n, err := strconv.Atoi(v); err == nil && hc.Port == 0 {
			hc.Port = n
		}
	case "user":
		if hc.User == "" {
			hc.User = v
		}
	}
}

func firstInt(n int, s string) int {
	if n > 0 {
		return n
	}
	v, _ := strconv.Atoi(s)
	return v
}
