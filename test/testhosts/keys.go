package testhosts

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"golang.org/x/crypto/ssh"
)

// writeKeyPair writes an OpenSSH ed25519 private key at path (0600) and its
// public key at path.pub, unless the private key already exists.
func writeKeyPair(path, comment string) error {
	if _, err := os.Stat(path); err == nil {
		return nil
	}
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return fmt.Errorf("generate key: %w", err)
	}
	block, err := ssh.MarshalPrivateKey(priv, comment)
	if err != nil {
		return fmt.Errorf("encode key: %w", err)
	}
	sshPub, err := ssh.NewPublicKey(pub)
	if err != nil {
		return fmt.Errorf("encode public key: %w", err)
	}
	line := fmt.Appendf(nil, "%s %s\n", bytes.TrimSpace(ssh.MarshalAuthorizedKey(sshPub)), comment)
	if err := os.WriteFile(path+".pub", line, 0o644); err != nil {
		return fmt.Errorf("write public key: %w", err)
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, pem.EncodeToMemory(block), 0o600); err != nil {
		return fmt.Errorf("write key: %w", err)
	}
	return os.Rename(tmp, path)
}

// writeClientKey makes the fleet's client key and an authorized_keys file
// readable by every user (sshd reads it as the logging-in user).
func writeClientKey(dir string) error {
	keys := filepath.Join(dir, "keys")
	if err := os.MkdirAll(keys, 0o755); err != nil {
		return fmt.Errorf("make keys dir: %w", err)
	}
	if err := os.Chmod(keys, 0o755); err != nil {
		return fmt.Errorf("keys dir: %w", err)
	}
	priv := filepath.Join(keys, "id_ed25519")
	if err := writeKeyPair(priv, "edxplay-testhosts-client"); err != nil {
		return fmt.Errorf("client key: %w", err)
	}
	pub, err := os.ReadFile(priv + ".pub")
	if err != nil {
		return fmt.Errorf("client key: %w", err)
	}
	if err := os.WriteFile(filepath.Join(keys, "authorized_keys"), pub, 0o644); err != nil {
		return fmt.Errorf("authorized_keys: %w", err)
	}
	return nil
}

// writeHostKey makes the host's own ed25519 host key in dir.
func writeHostKey(dir string) error {
	if err := writeKeyPair(filepath.Join(dir, "ssh_host_ed25519_key"), "edxplay-testhosts-host"); err != nil {
		return fmt.Errorf("host key: %w", err)
	}
	return nil
}

func readPublicKey(path string) (ssh.PublicKey, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read public key: %w", err)
	}
	pub, _, _, _, err := ssh.ParseAuthorizedKey(data)
	if err != nil {
		return nil, fmt.Errorf("parse public key %s: %w", path, err)
	}
	return pub, nil
}

// AddAuthorizedKey appends a public key to the authorized_keys file every
// host of the fleet reads (for tests using their own client keys).
func (f *Fleet) AddAuthorizedKey(pub ssh.PublicKey) error {
	if pub == nil {
		return errors.New("testhosts: nil public key")
	}
	file, err := os.OpenFile(f.AuthorizedKeysFile, os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		return fmt.Errorf("testhosts: open authorized_keys: %w", err)
	}
	defer file.Close()
	if _, err := file.Write(ssh.MarshalAuthorizedKey(pub)); err != nil {
		return fmt.Errorf("testhosts: append authorized key: %w", err)
	}
	return nil
}
