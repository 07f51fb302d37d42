package ssh

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"errors"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/edxplay/edxplay/internal/connection"
	"github.com/edxplay/edxplay/test/testhosts"
	xssh "golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/agent"
)

// newClientKey makes a key the fleet accepts and returns it with its signer.
func newClientKey(t *testing.T, f *testhosts.Fleet) (ed25519.PrivateKey, xssh.Signer) {
	t.Helper()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	signer, err := xssh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.AddAuthorizedKey(signer.PublicKey()); err != nil {
		t.Fatal(err)
	}
	return priv, signer
}

func TestAgentAuth(t *testing.T) { // not parallel: sets SSH_AUTH_SOCK
	f := startFleet(t, testhosts.Options{N: 1, Prefix: "sshagent"})
	priv, _ := newClientKey(t, f)
	keyring := agent.NewKeyring()
	if err := keyring.Add(agent.AddedKey{PrivateKey: priv}); err != nil {
		t.Fatal(err)
	}
	sock := filepath.Join(t.TempDir(), "agent.sock")
	l, err := net.Listen("unix", sock)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			go func() { _ = agent.ServeAgent(keyring, c); c.Close() }()
		}
	}()
	t.Setenv("SSH_AUTH_SOCK", sock)
	hc := hostConfig(t, f, 0)
	hc.PrivateKeyFiles, hc.DisableAgent = nil, false
	c := dialT(t, hc)
	if got := runT(t, c, connection.Command{Cmd: "whoami"}); got.Stdout != "root\n" {
		t.Errorf("whoami: %+v", got)
	}
	hc.DisableAgent = true
	if _, err := Dial(context.Background(), hc); err == nil {
		t.Error("without the agent and without keys the login should fail")
	}
}

func TestPassphraseProtectedKey(t *testing.T) {
	t.Parallel()
	f := startFleet(t, testhosts.Options{N: 1, Prefix: "sshpass"})
	priv, _ := newClientKey(t, f)
	block, err := xssh.MarshalPrivateKeyWithPassphrase(priv, "test", []byte("sesame"))
	if err != nil {
		t.Fatal(err)
	}
	keyFile := filepath.Join(t.TempDir(), "id_enc")
	if err := os.WriteFile(keyFile, pem.EncodeToMemory(block), 0o600); err != nil {
		t.Fatal(err)
	}
	hc := hostConfig(t, f, 0)
	hc.PrivateKeyFiles = []string{keyFile}
	if _, err := Dial(context.Background(), hc); err == nil || !strings.Contains(err.Error(), "encrypted") {
		t.Errorf("without a passphrase callback: %v", err)
	}
	asked := ""
	hc.Passphrase = func(file string) ([]byte, error) { asked = file; return []byte("sesame"), nil }
	c := dialT(t, hc)
	runT(t, c, connection.Command{Cmd: "true"})
	if asked != keyFile {
		t.Errorf("callback asked for %q", asked)
	}
}

func TestPasswordAuth(t *testing.T) {
	t.Parallel()
	f := startFleet(t, testhosts.Options{N: 1, Prefix: "sshpw", PasswordAuth: true, Users: []testhosts.User{testhosts.SudoUser}})
	hc := hostConfig(t, f, 0)
	hc.PrivateKeyFiles, hc.User, hc.Password = nil, testhosts.SudoUser.Name, testhosts.SudoUser.Password
	hc.HomeDir = t.TempDir() // no default keys there
	c := dialT(t, hc)
	if got := runT(t, c, connection.Command{Cmd: "whoami"}); got.Stdout != testhosts.SudoUser.Name+"\n" {
		t.Errorf("whoami: %+v", got)
	}
	hc.Password = "wrong"
	_, err := Dial(context.Background(), hc)
	if !errors.Is(err, connection.ErrUnreachable) || !strings.Contains(err.Error(), "unable to authenticate") {
		t.Errorf("wrong password: %v", err)
	}
}
