package vault

import (
	"testing"
)

// maxFuzzInput caps fuzz inputs so that no target can exhaust memory.
const maxFuzzInput = 16 << 10

// FuzzEnvelope parses vault envelopes and their vaulttext, and decrypts
// what parses: errors are fine, panics are not.
func FuzzEnvelope(f *testing.F) {
	secrets := NewSecrets(Secret{ID: DefaultID, Password: []byte("pw")})
	blob, err := Encrypt([]byte("secret text\n"), []byte("pw"), "")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(blob)
	labelled, err := Encrypt([]byte("x"), []byte("pw"), "prod")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(labelled)
	f.Add([]byte("$ANSIBLE_VAULT;1.1;AES256\n3132\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > maxFuzzInput {
			return
		}
		_ = IsEncrypted(data)
		env, err := ParseEnvelope(data)
		if err != nil {
			return
		}
		if _, err := parseVaulttext(env.Payload); err != nil {
			return
		}
		_, _ = Decrypt(data, secrets)
	})
}
