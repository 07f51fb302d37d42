package vault

import (
	"fmt"

	"gopkg.in/yaml.v3"
)

// Tags that mark a vaulted scalar; ansible accepts both.
const (
	tagVault          = "!vault"
	tagVaultEncrypted = "!vault-encrypted"
	tagString         = "!!str"
)

// DecryptNode rewrites, in place, every scalar under n tagged `!vault` (or
// `!vault-encrypted`) into a plain string scalar holding the decrypted text,
// and records each decrypted value in the secrets' Redactor. Errors name the
// line of the offending value.
func DecryptNode(n *yaml.Node, s Secrets) error {
	if n == nil || n.Kind == yaml.AliasNode {
		// An alias's target is rewritten where it is defined.
		return nil
	}
	if n.Tag == tagVault || n.Tag == tagVaultEncrypted {
		return decryptScalar(n, s)
	}
	for _, c := range n.Content {
		if err := DecryptNode(c, s); err != nil {
			return err
		}
	}
	return nil
}

// decryptScalar replaces one vaulted scalar by its plaintext.
func decryptScalar(n *yaml.Node, s Secrets) error {
	if n.Kind != yaml.ScalarNode {
		return fmt.Errorf("line %d: the %s tag applies only to scalar values", n.Line, n.Tag)
	}
	plain, err := Decrypt([]byte(n.Value), s)
	if err != nil {
		return fmt.Errorf("line %d: decrypting %s value: %w", n.Line, n.Tag, err)
	}
	value := string(plain)
	n.Tag = tagString
	n.Value = value
	n.Style = 0
	s.Redactor().Add(value)
	return nil
}

// DecryptFile returns the plaintext of a wholly vaulted file, or data
// unchanged when it is not vaulted, as ansible's loader treats every file it
// reads. Whole-file plaintext is not recorded in the Redactor.
func DecryptFile(data []byte, s Secrets) ([]byte, error) {
	if !IsEncrypted(data) {
		return data, nil
	}
	plain, err := Decrypt(data, s)
	if err != nil {
		return nil, fmt.Errorf("decrypting vaulted file: %w", err)
	}
	return plain, nil
}
