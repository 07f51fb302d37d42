package main

import (
	"context"
	"fmt"
	"sync"

	"github.com/edxplay/edxplay/internal/connection"
	"github.com/edxplay/edxplay/internal/connection/local"
	"github.com/edxplay/edxplay/internal/connection/ssh"
	"github.com/edxplay/edxplay/internal/pyvalue"
)

// sshOptions are the command-line settings of the SSH transport.
type sshOptions struct {
	privateKey      string
	sshConfig       string
	hostKeyChecking string
	timeout         int
	user            string
	password        string
	retries         int
	sshArgs         string
}

// sshOptionsOf reads the transport flags; --ask-pass prompts once here.
func sshOptionsOf(t *transportFlags, user string) (sshOptions, error) {
	o := sshOptions{privateKey: pyvalue.ExpandUser(t.PrivateKey), sshConfig: t.SSHConfig,
		hostKeyChecking: t.HostKeyChecking, timeout: t.Timeout, user: user,
		retries: t.ConnectRetries, sshArgs: t.SSHCommonArgs}
	if t.AskPass {
		pw, err := promptSecret("SSH password: ")
		if err != nil {
			return o, err
		}
		o.password = pw
	}
	return o, nil
}

// dialer picks the transport for each host: local for
// ansible_connection=local (and the implicit localhost), SSH otherwise.
type dialer struct {
	opts  sshOptions
	mu    sync.Mutex
	local connection.Conn
	pool  *ssh.Pool
}

func newDialer(opts sshOptions) *dialer {
	return &dialer{opts: opts}
}

// Dial returns the connection for host.
func (d *dialer) Dial(ctx context.Context, host string, vars map[string]any) (connection.Conn, error) {
	kind, _ := vars["ansible_connection"].(string)
	if kind == "" && (host == "localhost" || host == "127.0.0.1") {
		kind = "local"
	}
	switch kind {
	case "local":
		return d.localConn()
	case "", "ssh", "paramiko", "smart":
		return d.sshConn(ctx, host, vars)
	}
	return nil, fmt.Errorf("connection type %q is not supported (use ssh or local)", kind)
}

func (d *dialer) localConn() (connection.Conn, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.local == nil {
		c, err := local.New()
		if err != nil {
			return nil, err
		}
		d.local = c
	}
	return nopClose{d.local}, nil
}

// Close closes every connection the dialer opened.
func (d *dialer) Close() error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.pool != nil {
		return d.pool.Close()
	}
	return nil
}

// nopClose shares one local connection between hosts.
type nopClose struct{ connection.Conn }

func (nopClose) Close() error { return nil }
