package ssh

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/edxplay/edxplay/internal/connection"
	"github.com/edxplay/edxplay/test/testhosts"
	xssh "golang.org/x/crypto/ssh"
)

func TestHostKeyChecking(t *testing.T) {
	t.Parallel()
	f := startFleet(t, testhosts.Options{N: 1, Prefix: "sshkeys"})
	h := f.Hosts[0]
	pub, _, _ := ed25519.GenerateKey(rand.Reader)
	other, _ := xssh.NewPublicKey(pub)
	tests := []struct {
		name    string
		known   string // known_hosts content; "fleet" means the fleet's file
		mode    HostKeyMode
		wantErr error
	}{
		{"known key accepted", "fleet", HostKeyStrict, nil},
		{"unknown host refused", "", HostKeyStrict, ErrHostKeyUnknown},
		{"changed key refused", testhosts.KnownHostsLine(h.Addr, h.Port, other), HostKeyStrict, ErrHostKeyChanged},
		{"changed key refused under accept-new", testhosts.KnownHostsLine(h.Addr, h.Port, other), HostKeyAcceptNew, ErrHostKeyChanged},
		{"accept-new records unknown", "", HostKeyAcceptNew, nil},
		{"off ignores changed key", testhosts.KnownHostsLine(h.Addr, h.Port, other), HostKeyOff, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hc := hostConfig(t, f, 0)
			hc.HostKeyChecking = tt.mode
			if tt.known != "fleet" {
				hc.KnownHostsFiles = []string{filepath.Join(t.TempDir(), "known_hosts")}
				if tt.known != "" {
					if err := os.WriteFile(hc.KnownHostsFiles[0], []byte(tt.known+"\n"), 0o600); err != nil {
						t.Fatal(err)
					}
				}
			}
			c, err := Dial(context.Background(), hc)
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) || !errors.Is(err, connection.ErrUnreachable) {
					t.Fatalf("want %v (and ErrUnreachable), got %v", tt.wantErr, err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			c.Close()
		})
	}
}

func TestUnknownHostErrorSaysHowToTrust(t *testing.T) {
	t.Parallel()
	f := startFleet(t, testhosts.Options{N: 1, Prefix: "sshunk"})
	hc := hostConfig(t, f, 0)
	hc.KnownHostsFiles = []string{filepath.Join(t.TempDir(), "known_hosts")}
	_, err := Dial(context.Background(), hc)
	if err == nil {
		t.Fatal("unknown host accepted")
	}
	for _, want := range []string{"ssh-keyscan -p 2222 " + f.Hosts[0].Addr, "accept-new", xssh.FingerprintSHA256(f.Hosts[0].HostKey)} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %q", err, want)
		}
	}
}

func TestAcceptNewThenStrict(t *testing.T) {
	t.Parallel()
	f := startFleet(t, testhosts.Options{N: 1, Prefix: "sshacc"})
	hc := hostConfig(t, f, 0)
	hc.KnownHostsFiles = []string{filepath.Join(t.TempDir(), "sub", "known_hosts")}
	hc.HostKeyChecking = HostKeyAcceptNew
	c := dialT(t, hc)
	c.Close()
	recorded, err := os.ReadFile(hc.KnownHostsFiles[0])
	if err != nil {
		t.Fatal(err)
	}
	if want := testhosts.KnownHostsLine(f.Hosts[0].Addr, f.Hosts[0].Port, f.Hosts[0].HostKey); strings.TrimSpace(string(recorded)) != want {
		t.Errorf("recorded %q, want %q", recorded, want)
	}
	hc.HostKeyChecking = HostKeyStrict
	dialT(t, hc).Close()
}
