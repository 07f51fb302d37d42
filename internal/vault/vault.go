// Package vault reads and writes Ansible Vault data exactly as
// ansible-core 2.14 does: the $ANSIBLE_VAULT;1.1;AES256 and
// $ANSIBLE_VAULT;1.2;AES256;<vault-id> envelopes, with PBKDF2-HMAC-SHA256
// key derivation, AES-256-CTR and an HMAC-SHA256 over the ciphertext. It
// also loads vault secrets the way ansible's command-line tools do, decrypts
// `!vault` values in YAML, and redacts decrypted values from output.
package vault

import (
	"crypto/rand"
	"errors"
	"fmt"
	"strings"
)

// Errors callers can test for with errors.Is.
var (
	// ErrFormat means the data is not a well-formed vault blob.
	ErrFormat = errors.New("vault format error")
	// ErrHMAC means a secret did not authenticate the data: a wrong
	// password, or tampered data.
	ErrHMAC = errors.New("hmac verification failed")
	// ErrNoMatchingSecret means no known secret could decrypt the data.
	ErrNoMatchingSecret = errors.New("decryption failed (no vault secrets were found that could decrypt)")
	// ErrNoSecrets means decryption was attempted without any secret.
	ErrNoSecrets = errors.New("attempting to decrypt but no vault secrets found")
	// ErrNotEncrypted means the input is not vault data.
	ErrNotEncrypted = errors.New("input is not vault encrypted data")
	// ErrAlreadyEncrypted means Encrypt was given vault data.
	ErrAlreadyEncrypted = errors.New("input is already encrypted")
)

// Encrypt encrypts plain with secret and returns the vault envelope,
// newline-terminated and wrapped at 80 columns. A vaultID other than "" or
// DefaultID produces format 1.2 with the id in the header; otherwise 1.1.
func Encrypt(plain []byte, secret []byte, vaultID string) ([]byte, error) {
	salt := make([]byte, saltLength)
	if _, err := rand.Read(salt); err != nil {
		return nil, fmt.Errorf("generating salt: %w", err)
	}
	return encryptWithSalt(plain, secret, vaultID, salt)
}

// EncryptWithSalt is Encrypt with a chosen salt (Ansible's vault filter
// takes one), for reproducible output.
func EncryptWithSalt(plain, secret []byte, vaultID string, salt []byte) ([]byte, error) {
	return encryptWithSalt(plain, secret, vaultID, salt)
}

// encryptWithSalt is Encrypt with a chosen salt, for reproducible output.
func encryptWithSalt(plain, secret []byte, vaultID string, salt []byte) ([]byte, error) {
	if len(secret) == 0 {
		return nil, errors.New("a vault password must be specified to encrypt data")
	}
	if err := checkVaultID(vaultID); err != nil {
		return nil, err
	}
	if IsEncrypted(plain) {
		return nil, ErrAlreadyEncrypted
	}
	payload, err := encryptAES256(plain, secret, salt)
	if err != nil {
		return nil, err
	}
	return formatEnvelope(payload, vaultID), nil
}

// checkVaultID rejects ids that would break the header line.
func checkVaultID(id string) error {
	if strings.ContainsAny(id, ";\r\n") {
		return fmt.Errorf("%q is not a valid vault id: the characters ';' and line breaks are not allowed", id)
	}
	return nil
}

// Decrypt decrypts a vault blob with the first of secrets that
// authenticates it. Like ansible (with vault_id_match off) every secret is
// tried in order whatever vault id the header names.
func Decrypt(data []byte, secrets Secrets) ([]byte, error) {
	plain, _, err := DecryptWithSecret(data, secrets)
	return plain, err
}

// DecryptWithSecret is Decrypt that also returns the secret that worked, so
// that an edited file can be re-encrypted with it.
func DecryptWithSecret(data []byte, secrets Secrets) ([]byte, Secret, error) {
	if !IsEncrypted(data) {
		return nil, Secret{}, ErrNotEncrypted
	}
	env, err := ParseEnvelope(data)
	if err != nil {
		return nil, Secret{}, err
	}
	if env.Cipher != cipherAES256 {
		return nil, Secret{}, fmt.Errorf("%w: %s cipher could not be found", ErrFormat, env.Cipher)
	}
	if secrets.Len() == 0 {
		return nil, Secret{}, ErrNoSecrets
	}
	vt, err := parseVaulttext(env.Payload)
	if err != nil {
		return nil, Secret{}, err
	}
	for _, s := range secrets.list {
		plain, err := decryptAES256(vt, s.Password)
		if errors.Is(err, ErrHMAC) {
			continue
		}
		if err != nil {
			return nil, Secret{}, err
		}
		return plain, s, nil
	}
	return nil, Secret{}, ErrNoMatchingSecret
}
