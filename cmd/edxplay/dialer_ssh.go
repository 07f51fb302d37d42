package main

import (
	"context"
	"fmt"

	"github.com/edxplay/edxplay/connection"
)

// sshConn returns the SSH connection of host from the pool.
func (d *dialer) sshConn(ctx context.Context, host string, vars map[string]any) (connection.Conn, error) {
	return nil, fmt.Errorf("host %s: ssh transport not wired yet", host)
}
