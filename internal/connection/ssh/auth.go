package ssh

import (
	"errors"
	"fmt"
	"net"
	"os"

	xssh "golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/agent"
)

// authMethods returns public key authentication (agent keys, then key
// files) and, when a password is set, password and keyboard-interactive.
// The returned closer releases the agent connection.
func authMethods(t *target) ([]xssh.AuthMethod, func(), error) {
	signers, err := fileSigners(t)
	if err != nil {
		return nil, nil, err
	}
	agentSigners, closeAgent := agentSigners(t)
	all := append(agentSigners, signers...)
	var methods []xssh.AuthMethod
	if len(all) > 0 {
		methods = append(methods, xssh.PublicKeys(all...))
	}
	if t.password != "" {
		pw := t.password
		methods = append(methods, xssh.Password(pw),
			xssh.KeyboardInteractive(func(_, _ string, questions []string, _ []bool) ([]string, error) {
				answers := make([]string, len(questions))
				for i := range answers {
					answers[i] = pw
				}
				return answers, nil
			}))
	}
	if len(methods) == 0 {
		closeAgent()
		return nil, nil, fmt.Errorf("no authentication method for %s@%s: no usable key (tried %v), no agent and no password",
			t.user, t.alias, t.identityFiles)
	}
	return methods, closeAgent, nil
}

// agentSigners returns the keys of the ssh-agent at SSH_AUTH_SOCK, unless
// the agent is disabled or IdentitiesOnly is set.
func agentSigners(t *target) ([]xssh.Signer, func()) {
	sock := os.Getenv("SSH_AUTH_SOCK")
	if !t.useAgent || t.identitiesOnly || sock == "" {
		return nil, func() {}
	}
	conn, err := net.Dial("unix", sock)
	if err != nil {
		return nil, func() {}
	}
	signers, err := agent.NewClient(conn).Signers()
	if err != nil {
		conn.Close()
		return nil, func() {}
	}
	return signers, func() { conn.Close() }
}

// fileSigners loads the identity files. Missing default files are skipped;
// a missing explicit file is an error; encrypted keys ask Passphrase.
func fileSigners(t *target) ([]xssh.Signer, error) {
	var signers []xssh.Signer
	for i, path := range t.identityFiles {
		data, err := os.ReadFile(path)
		if errors.Is(err, os.ErrNotExist) && i >= t.explicitKeys {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("read private key: %w", err)
		}
		signer, err := parseKey(path, data, t.passphrase)
		if err != nil {
			return nil, err
		}
		signers = append(signers, signer)
	}
	return signers, nil
}

func parseKey(path string, data []byte, passphrase func(string) ([]byte, error)) (xssh.Signer, error) {
	signer, err := xssh.ParsePrivateKey(data)
	var missing *xssh.PassphraseMissingError
	if !errors.As(err, &missing) {
		if err != nil {
			return nil, fmt.Errorf("parse private key %s: %w", path, err)
		}
		return signer, nil
	}
	if passphrase == nil {
		return nil, fmt.Errorf("private key %s is encrypted and no passphrase callback is set", path)
	}
	pass, err := passphrase(path)
	if err != nil {
		return nil, fmt.Errorf("passphrase for %s: %w", path, err)
	}
	signer, err = xssh.ParsePrivateKeyWithPassphrase(data, pass)
	if err != nil {
		return nil, fmt.Errorf("decrypt private key %s: %w", path, err)
	}
	return signer, nil
}
