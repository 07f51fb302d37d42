package vault

import (
	"bytes"
	"encoding/hex"
	"fmt"
	"strings"
)

// header is the marker every vaulted blob starts with.
const header = "$ANSIBLE_VAULT"

// DefaultID is the vault id of secrets given without a label, and the id a
// 1.1 envelope (which names none) is taken to have.
const DefaultID = "default"

// cipherAES256 is the only cipher ansible-core 2.14 reads or writes.
const cipherAES256 = "AES256"

// lineWidth is the column at which the hexlified payload is wrapped.
const lineWidth = 80

// IsEncrypted reports whether data is a vault blob: pure ASCII starting with
// "$ANSIBLE_VAULT", the test ansible's is_encrypted applies.
func IsEncrypted(data []byte) bool {
	for _, b := range data {
		if b >= 0x80 {
			return false
		}
	}
	return bytes.HasPrefix(data, []byte(header))
}

// Envelope is the parsed outer layer of a vault blob.
type Envelope struct {
	// Version is the format version from the header ("1.1", "1.2").
	Version string
	// Cipher names the cipher ("AES256").
	Cipher string
	// VaultID is the id from a 1.2 header, or DefaultID.
	VaultID string
	// Payload is the hexlified vaulttext with the line breaks removed.
	Payload []byte
}

// ParseEnvelope splits a vault blob into its header fields and payload, as
// ansible's parse_vaulttext_envelope does: header fields are trimmed, a
// fourth field is the vault id whatever the version says, and the payload
// lines are joined unchanged.
func ParseEnvelope(data []byte) (Envelope, error) {
	lines := splitLines(data)
	if len(lines) == 0 {
		return Envelope{}, fmt.Errorf("%w: empty vault data", ErrFormat)
	}
	fields := strings.Split(strings.TrimSpace(string(lines[0])), ";")
	if len(fields) < 3 {
		return Envelope{}, fmt.Errorf("%w: vault header %q has fewer than 3 fields", ErrFormat, lines[0])
	}
	env := Envelope{
		Version: strings.TrimSpace(fields[1]),
		Cipher:  strings.TrimSpace(fields[2]),
		VaultID: DefaultID,
		Payload: bytes.Join(lines[1:], nil),
	}
	if len(fields) >= 4 {
		env.VaultID = strings.TrimSpace(fields[3])
	}
	return env, nil
}

// splitLines splits like Python's bytes.splitlines: at "\n", "\r" and "\r\n",
// with no empty last element for a trailing line break.
func splitLines(data []byte) [][]byte {
	var lines [][]byte
	for len(data) > 0 {
		i := bytes.IndexAny(data, "\r\n")
		if i < 0 {
			lines = append(lines, data)
			break
		}
		lines = append(lines, data[:i])
		next := i + 1
		if data[i] == '\r' && next < len(data) && data[next] == '\n' {
			next++
		}
		data = data[next:]
	}
	return lines
}

// formatEnvelope prepends the header to the hexlified payload and wraps it
// at 80 columns with a final newline. A vault id other than "" and
// DefaultID selects format 1.2 and is written into the header.
func formatEnvelope(payload []byte, vaultID string) []byte {
	var b bytes.Buffer
	b.WriteString(header)
	if vaultID != "" && vaultID != DefaultID {
		b.WriteString(";1.2;" + cipherAES256 + ";" + vaultID)
	} else {
		b.WriteString(";1.1;" + cipherAES256)
	}
	b.WriteByte('\n')
	for len(payload) > 0 {
		n := min(lineWidth, len(payload))
		b.Write(payload[:n])
		b.WriteByte('\n')
		payload = payload[n:]
	}
	return b.Bytes()
}

// vaulttext is the decoded payload: the parts the cipher works on.
type vaulttext struct {
	salt       []byte
	hmacHex    []byte
	ciphertext []byte
}

// parseVaulttext unhexlifies the payload and splits it into salt, HMAC
// (kept hexlified, as ansible does until verification) and ciphertext.
func parseVaulttext(payload []byte) (vaulttext, error) {
	inner, err := unhexlify(payload)
	if err != nil {
		return vaulttext{}, err
	}
	parts := bytes.SplitN(inner, []byte("\n"), 3)
	if len(parts) != 3 {
		return vaulttext{}, fmt.Errorf("%w: vaulttext has %d of 3 newline-separated parts", ErrFormat, len(parts))
	}
	salt, err := unhexlify(parts[0])
	if err != nil {
		return vaulttext{}, err
	}
	ct, err := unhexlify(parts[2])
	if err != nil {
		return vaulttext{}, err
	}
	return vaulttext{salt: salt, hmacHex: parts[1], ciphertext: ct}, nil
}

// formatVaulttext is the inverse of parseVaulttext.
func formatVaulttext(salt, mac, ciphertext []byte) []byte {
	inner := strings.Join([]string{hex.EncodeToString(salt), hex.EncodeToString(mac), hex.EncodeToString(ciphertext)}, "\n")
	return []byte(hex.EncodeToString([]byte(inner)))
}

// unhexlify decodes hex like binascii.unhexlify: either case, no whitespace.
func unhexlify(s []byte) ([]byte, error) {
	out := make([]byte, hex.DecodedLen(len(s)))
	if len(s)%2 != 0 {
		return nil, fmt.Errorf("%w: odd-length hex string", ErrFormat)
	}
	if _, err := hex.Decode(out, s); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrFormat, err)
	}
	return out, nil
}
