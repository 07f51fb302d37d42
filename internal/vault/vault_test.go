package vault

import (
	"bytes"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// testSecrets returns the secrets of testdata/password ("default") and
// testdata/password-dev ("dev").
func testSecrets(t *testing.T) (def, dev Secret) {
	t.Helper()
	return Secret{ID: DefaultID, Password: readPassword(t, "testdata/password")},
		Secret{ID: "dev", Password: readPassword(t, "testdata/password-dev")}
}

func readPassword(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return bytes.TrimSpace(b)
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestEncryptMatchesAnsibleByteForByte compares Go's output with the
// envelopes ansible's VaultLib produced with the same fixed salt.
func TestEncryptMatchesAnsibleByteForByte(t *testing.T) {
	def, _ := testSecrets(t)
	salt, err := hex.DecodeString(strings.TrimSpace(string(readFile(t, "testdata/fixedsalt/salt.hex"))))
	if err != nil {
		t.Fatal(err)
	}
	plains, _ := filepath.Glob("testdata/fixedsalt/*.plain")
	if len(plains) < 5 {
		t.Fatalf("expected the fixed-salt goldens, found %v", plains)
	}
	for _, plainPath := range plains {
		name := strings.TrimSuffix(filepath.Base(plainPath), ".plain")
		t.Run(name, func(t *testing.T) {
			vaultID := ""
			if b, err := os.ReadFile(strings.TrimSuffix(plainPath, ".plain") + ".id"); err == nil {
				vaultID = string(b)
			}
			want := readFile(t, strings.TrimSuffix(plainPath, ".plain")+".vault")
			got, err := encryptWithSalt(readFile(t, plainPath), def.Password, vaultID, salt)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("encryption differs from ansible's\ngot:\n%s\nwant:\n%s", got, want)
			}
		})
	}
}

func TestDecryptAnsibleFiles(t *testing.T) {
	def, dev := testSecrets(t)
	plainYAML := readFile(t, "testdata/plain.yml")
	tests := []struct {
		name    string
		file    string
		secrets Secrets
		want    []byte
		wantID  string
	}{
		{"1.1 default", "testdata/ansible-1.1.vault", NewSecrets(def), plainYAML, DefaultID},
		{"1.2 dev", "testdata/ansible-1.2-dev.vault", NewSecrets(dev), plainYAML, "dev"},
		{"1.2 dev, wrong secret first", "testdata/ansible-1.2-dev.vault", NewSecrets(def, dev), plainYAML, "dev"},
		{"1.1, id mismatch still tried", "testdata/ansible-1.1.vault", NewSecrets(Secret{ID: "other", Password: def.Password}), plainYAML, "other"},
		{"fixed salt empty", "testdata/fixedsalt/empty.vault", NewSecrets(def), []byte{}, DefaultID},
		{"fixed salt block16", "testdata/fixedsalt/block16.vault", NewSecrets(def), []byte("0123456789abcdef"), DefaultID},
		{"fixed salt binary", "testdata/fixedsalt/binary.vault", NewSecrets(dev, def), readFile(t, "testdata/fixedsalt/binary.plain"), DefaultID},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, used, err := DecryptWithSecret(readFile(t, tt.file), tt.secrets)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, tt.want) {
				t.Errorf("plaintext = %q, want %q", got, tt.want)
			}
			if used.ID != tt.wantID {
				t.Errorf("secret used = %q, want %q", used.ID, tt.wantID)
			}
		})
	}
}

func TestEncryptDecryptRoundTrip(t *testing.T) {
	tests := []struct {
		name       string
		plain      string
		vaultID    string
		wantHeader string
	}{
		{"empty", "", "", "$ANSIBLE_VAULT;1.1;AES256"},
		{"default id is 1.1", "x", DefaultID, "$ANSIBLE_VAULT;1.1;AES256"},
		{"labelled is 1.2", "x", "prod", "$ANSIBLE_VAULT;1.2;AES256;prod"},
		{"long", strings.Repeat("0123456789", 100), "", "$ANSIBLE_VAULT;1.1;AES256"},
		{"unicode", "héllo ✓\n", "dev", "$ANSIBLE_VAULT;1.2;AES256;dev"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := Encrypt([]byte(tt.plain), []byte("pw"), tt.vaultID)
			if err != nil {
				t.Fatal(err)
			}
			lines := strings.Split(string(out), "\n")
			if lines[0] != tt.wantHeader {
				t.Errorf("header = %q, want %q", lines[0], tt.wantHeader)
			}
			for _, l := range lines[1 : len(lines)-1] {
				if len(l) > 80 || len(l) == 0 {
					t.Errorf("payload line of %d columns", len(l))
				}
			}
			if lines[len(lines)-1] != "" {
				t.Error("envelope does not end in a newline")
			}
			got, err := Decrypt(out, NewSecrets(Secret{ID: "any", Password: []byte("pw")}))
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.plain {
				t.Errorf("round trip = %q, want %q", got, tt.plain)
			}
		})
	}
}

func TestEncryptRejects(t *testing.T) {
	vaulted := readFile(t, "testdata/ansible-1.1.vault")
	tests := []struct {
		name    string
		plain   []byte
		secret  string
		vaultID string
		wantErr string
	}{
		{"empty secret", []byte("x"), "", "", "a vault password must be specified"},
		{"already encrypted", vaulted, "pw", "", ErrAlreadyEncrypted.Error()},
		{"semicolon in id", []byte("x"), "pw", "a;b", "not a valid vault id"},
		{"newline in id", []byte("x"), "pw", "a\nb", "not a valid vault id"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Encrypt(tt.plain, []byte(tt.secret), tt.vaultID)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("err = %v, want it to contain %q", err, tt.wantErr)
			}
		})
	}
}

// tamper re-encodes a vault blob after changing its decoded parts.
func tamper(t *testing.T, data []byte, change func(vt *vaulttext)) []byte {
	t.Helper()
	env, err := ParseEnvelope(data)
	if err != nil {
		t.Fatal(err)
	}
	vt, err := parseVaulttext(env.Payload)
	if err != nil {
		t.Fatal(err)
	}
	change(&vt)
	mac, err := hex.DecodeString(string(vt.hmacHex))
	if err != nil {
		mac = nil
	}
	return formatEnvelope(formatVaulttext(vt.salt, mac, vt.ciphertext), env.VaultID)
}

func TestDecryptErrors(t *testing.T) {
	def, dev := testSecrets(t)
	good := readFile(t, "testdata/ansible-1.1.vault")
	flipHMAC := tamper(t, good, func(vt *vaulttext) {
		vt.hmacHex = []byte(strings.Replace(string(vt.hmacHex), string(vt.hmacHex[:2]), flipHex(vt.hmacHex[:2]), 1))
	})
	flipCiphertext := tamper(t, good, func(vt *vaulttext) { vt.ciphertext[0] ^= 1 })
	flipSalt := tamper(t, good, func(vt *vaulttext) { vt.salt[3] ^= 0x80 })
	tests := []struct {
		name    string
		data    []byte
		secrets Secrets
		wantErr error
	}{
		{"wrong password", good, NewSecrets(dev), ErrNoMatchingSecret},
		{"wrong passwords for every id", good, NewSecrets(dev, Secret{ID: "x", Password: []byte("nope")}), ErrNoMatchingSecret},
		{"tampered hmac", flipHMAC, NewSecrets(def), ErrNoMatchingSecret},
		{"tampered ciphertext", flipCiphertext, NewSecrets(def), ErrNoMatchingSecret},
		{"tampered salt", flipSalt, NewSecrets(def), ErrNoMatchingSecret},
		{"no secrets", good, Secrets{}, ErrNoSecrets},
		{"not vault data", []byte("foo: bar\n"), NewSecrets(def), ErrNotEncrypted},
		{"non-ascii", append(append([]byte{}, good...), 0xc3, 0xa9), NewSecrets(def), ErrNotEncrypted},
		{"unknown cipher", []byte("$ANSIBLE_VAULT;1.1;AES\n3030\n"), NewSecrets(def), ErrFormat},
		{"short header", []byte("$ANSIBLE_VAULT;1.1\n3030\n"), NewSecrets(def), ErrFormat},
		{"odd hex", []byte("$ANSIBLE_VAULT;1.1;AES256\n303\n"), NewSecrets(def), ErrFormat},
		{"not hex", []byte("$ANSIBLE_VAULT;1.1;AES256\nzz\n"), NewSecrets(def), ErrFormat},
		{"two parts", formatEnvelope([]byte(hex.EncodeToString([]byte("00\n00"))), ""), NewSecrets(def), ErrFormat},
		{"indented payload", []byte(strings.ReplaceAll(string(good), "\n3", "\n 3")), NewSecrets(def), ErrFormat},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Decrypt(tt.data, tt.secrets)
			if !errors.Is(err, tt.wantErr) {
				t.Errorf("err = %v, want %v", err, tt.wantErr)
			}
		})
	}
}

// flipHex returns a different two-digit hex string.
func flipHex(b []byte) string {
	if string(b) == "00" {
		return "01"
	}
	return "00"
}

func TestParseEnvelope(t *testing.T) {
	tests := []struct {
		name string
		data string
		want Envelope
	}{
		{"1.1", "$ANSIBLE_VAULT;1.1;AES256\nab\ncd\n", Envelope{"1.1", "AES256", DefaultID, []byte("abcd")}},
		{"1.2 with id", "$ANSIBLE_VAULT;1.2;AES256;prod\nab\n", Envelope{"1.2", "AES256", "prod", []byte("ab")}},
		{"crlf and spaces", " $ANSIBLE_VAULT ; 1.2 ; AES256 ; prod \r\nab\r\ncd", Envelope{"1.2", "AES256", "prod", []byte("abcd")}},
		{"id on 1.1 is read", "$ANSIBLE_VAULT;1.1;AES256;x\nab", Envelope{"1.1", "AES256", "x", []byte("ab")}},
		{"cr only", "$ANSIBLE_VAULT;1.1;AES256\rab\rcd\r", Envelope{"1.1", "AES256", DefaultID, []byte("abcd")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseEnvelope([]byte(tt.data))
			if err != nil {
				t.Fatal(err)
			}
			if got.Version != tt.want.Version || got.Cipher != tt.want.Cipher || got.VaultID != tt.want.VaultID || !bytes.Equal(got.Payload, tt.want.Payload) {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestIsEncrypted(t *testing.T) {
	tests := []struct {
		data string
		want bool
	}{
		{"$ANSIBLE_VAULT;1.1;AES256\n", true},
		{"$ANSIBLE_VAULT", true},
		{" $ANSIBLE_VAULT;1.1;AES256\n", false},
		{"$ANSIBLE_VAULT;1.1;AES256\né", false},
		{"foo: bar", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := IsEncrypted([]byte(tt.data)); got != tt.want {
			t.Errorf("IsEncrypted(%q) = %v, want %v", tt.data, got, tt.want)
		}
	}
}

func TestPKCS7(t *testing.T) {
	tests := []struct {
		name     string
		data     []byte
		wantErr  bool
		wantBody string
	}{
		{"one pad byte", []byte("0123456789abcde\x01"), false, "0123456789abcde"},
		{"full pad block", append([]byte("0123456789abcdef"), bytes.Repeat([]byte{16}, 16)...), false, "0123456789abcdef"},
		{"zero count", []byte("0123456789abcde\x00"), true, ""},
		{"count over 16", []byte("0123456789abcde\x11"), true, ""},
		{"inconsistent bytes", []byte("0123456789abcd\x01\x02"), true, ""},
		{"not whole blocks", []byte("abc\x01"), true, ""},
		{"empty", nil, true, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := pkcs7Unpad(tt.data)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, wantErr %v", err, tt.wantErr)
			}
			if err == nil && string(got) != tt.wantBody {
				t.Errorf("unpadded = %q, want %q", got, tt.wantBody)
			}
			if err == nil {
				if back := pkcs7Pad(got); !bytes.Equal(back, tt.data) {
					t.Errorf("pad(unpad(x)) = %q, want %q", back, tt.data)
				}
			}
		})
	}
}

func TestForEncrypt(t *testing.T) {
	s := NewSecrets(Secret{ID: "a", Password: []byte("1")}, Secret{ID: "b", Password: []byte("2")})
	tests := []struct {
		id      string
		wantID  string
		wantErr string
	}{
		{"", "a", ""},
		{"b", "b", ""},
		{"c", "", "did not find a match for --encrypt-vault-id=c in the known vault-ids ['a', 'b']"},
	}
	for _, tt := range tests {
		got, err := s.ForEncrypt(tt.id)
		if tt.wantErr != "" {
			if err == nil || err.Error() != tt.wantErr {
				t.Errorf("ForEncrypt(%q) err = %v, want %q", tt.id, err, tt.wantErr)
			}
			continue
		}
		if err != nil || got.ID != tt.wantID {
			t.Errorf("ForEncrypt(%q) = %v, %v; want %s", tt.id, got.ID, err, tt.wantID)
		}
	}
	if _, err := (Secrets{}).ForEncrypt(""); err == nil {
		t.Error("ForEncrypt on no secrets succeeded")
	}
}
