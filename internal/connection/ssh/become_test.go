package ssh

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"

	"github.com/edxplay/edxplay/internal/connection"
	"github.com/edxplay/edxplay/test/testhosts"
)

var becomeUsers = []testhosts.User{testhosts.SudoUser, testhosts.SudoPasswordUser}

func TestBecome(t *testing.T) {
	t.Parallel()
	f := startFleet(t, testhosts.Options{N: 1, Prefix: "sshbecome", Users: becomeUsers})
	login := func(user string) *Conn {
		hc := hostConfig(t, f, 0)
		hc.User = user
		return dialT(t, hc)
	}
	nopw, withpw, root := login(testhosts.SudoUser.Name), login(testhosts.SudoPasswordUser.Name), login("root")
	pw := testhosts.SudoPasswordUser.Password
	tests := []struct {
		name    string
		conn    *Conn
		become  *connection.Become
		want    string
		wantErr error
	}{
		{"sudo without password", nopw, &connection.Become{}, "root", nil},
		{"sudo with password", withpw, &connection.Become{Password: pw}, "root", nil},
		{"sudo password again (cached shell)", withpw, &connection.Become{Password: pw}, "root", nil},
		{"sudo to a non-root user", root, &connection.Become{User: testhosts.SudoUser.Name}, testhosts.SudoUser.Name, nil},
		{"sudo with flags", nopw, &connection.Become{Flags: "-H -S -n -E"}, "root", nil},
		{"su from root", root, &connection.Become{Method: "su", User: testhosts.SudoUser.Name}, testhosts.SudoUser.Name, nil},
		{"su with password", nopw, &connection.Become{Method: "su", User: testhosts.SudoPasswordUser.Name, Password: pw},
			testhosts.SudoPasswordUser.Name, nil},
		{"no become", withpw, nil, testhosts.SudoPasswordUser.Name, nil},
		{"wrong sudo password", withpw, &connection.Become{User: "root", Flags: "-S -H", Password: "wrong"}, "", ErrBecomePassword},
		{"sudo password missing", withpw, &connection.Become{User: "root", Flags: "-S"}, "", ErrBecomePassword},
		{"wrong su password", nopw, &connection.Become{Method: "su", User: testhosts.SudoPasswordUser.Name, Password: "nope"}, "", ErrBecomePassword},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, stdin := range [][]byte{nil, []byte("in")} {
				res, err := tt.conn.Run(context.Background(), connection.Command{Cmd: "whoami; cat >/dev/null", Become: tt.become, Stdin: stdin})
				if tt.wantErr != nil {
					if !errors.Is(err, tt.wantErr) {
						t.Fatalf("stdin=%v: want %v, got %v (%+v)", stdin != nil, tt.wantErr, err, res)
					}
					continue
				}
				if err != nil || res.Stdout != tt.want+"\n" || res.RC != 0 {
					t.Fatalf("stdin=%v: %+v %v", stdin != nil, res, err)
				}
				if strings.Contains(res.Stdout+res.Stderr, pw) {
					t.Errorf("password leaked into output: %+v", res)
				}
			}
		})
	}
}

func TestBecomeConcurrentShells(t *testing.T) {
	t.Parallel()
	f := startFleet(t, testhosts.Options{N: 1, Prefix: "sshbconc", Users: becomeUsers})
	hc := hostConfig(t, f, 0)
	hc.User = testhosts.SudoPasswordUser.Name
	c := dialT(t, hc)
	var wg sync.WaitGroup
	for i := range 12 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var b *connection.Become
			want := testhosts.SudoPasswordUser.Name
			if i%2 == 0 {
				b, want = &connection.Become{Password: testhosts.SudoPasswordUser.Password}, "root"
			}
			res, err := c.Run(context.Background(), connection.Command{Cmd: "whoami", Become: b})
			if err != nil || res.Stdout != want+"\n" {
				t.Errorf("goroutine %d: %+v %v", i, res, err)
			}
		}()
	}
	wg.Wait()
}
