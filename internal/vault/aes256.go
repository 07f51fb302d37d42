package vault

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/pbkdf2"
	"crypto/sha256"
	"fmt"
)

// Parameters of ansible's VaultAES256 cipher.
const (
	kdfIterations = 10000
	keyLength     = 32
	saltLength    = 32
	blockSize     = aes.BlockSize
)

// aesKeys are the three values PBKDF2 derives from a password and salt.
type aesKeys struct {
	cipherKey []byte // AES-256 key
	hmacKey   []byte // HMAC-SHA256 key
	iv        []byte // initial CTR counter block
}

// deriveKeys runs PBKDF2-HMAC-SHA256 for 2*32+16 bytes and splits them.
func deriveKeys(password, salt []byte) (aesKeys, error) {
	dk, err := pbkdf2.Key(sha256.New, string(password), salt, kdfIterations, 2*keyLength+blockSize)
	if err != nil {
		return aesKeys{}, fmt.Errorf("deriving keys: %w", err)
	}
	return aesKeys{
		cipherKey: dk[:keyLength],
		hmacKey:   dk[keyLength : 2*keyLength],
		iv:        dk[2*keyLength:],
	}, nil
}

// encryptAES256 pads plain with PKCS7 (a whole extra block when it is
// already aligned, as ansible does even though CTR needs no padding),
// encrypts it with AES-256-CTR, MACs the ciphertext and returns the
// hexlified vaulttext payload.
func encryptAES256(plain, password, salt []byte) ([]byte, error) {
	keys, err := deriveKeys(password, salt)
	if err != nil {
		return nil, err
	}
	block, err := aes.NewCipher(keys.cipherKey)
	if err != nil {
		return nil, fmt.Errorf("creating aes cipher: %w", err)
	}
	padded := pkcs7Pad(plain)
	ct := make([]byte, len(padded))
	cipher.NewCTR(block, keys.iv).XORKeyStream(ct, padded)
	mac := hmac.New(sha256.New, keys.hmacKey)
	mac.Write(ct)
	return formatVaulttext(salt, mac.Sum(nil), ct), nil
}

// decryptAES256 verifies the HMAC of vt with the keys derived from password
// and decrypts it. A wrong password shows as ErrHMAC.
func decryptAES256(vt vaulttext, password []byte) ([]byte, error) {
	wantMAC, err := unhexlify(vt.hmacHex)
	if err != nil {
		return nil, err
	}
	keys, err := deriveKeys(password, vt.salt)
	if err != nil {
		return nil, err
	}
	mac := hmac.New(sha256.New, keys.hmacKey)
	mac.Write(vt.ciphertext)
	if !hmac.Equal(mac.Sum(nil), wantMAC) {
		return nil, ErrHMAC
	}
	block, err := aes.NewCipher(keys.cipherKey)
	if err != nil {
		return nil, fmt.Errorf("creating aes cipher: %w", err)
	}
	padded := make([]byte, len(vt.ciphertext))
	cipher.NewCTR(block, keys.iv).XORKeyStream(padded, vt.ciphertext)
	return pkcs7Unpad(padded)
}

// pkcs7Pad appends 1 to 16 bytes, each holding the count.
func pkcs7Pad(data []byte) []byte {
	n := blockSize - len(data)%blockSize
	out := make([]byte, len(data), len(data)+n)
	copy(out, data)
	for range n {
		out = append(out, byte(n))
	}
	return out
}

// pkcs7Unpad strips the padding with the checks of the cryptography
// library's unpadder: whole blocks, a count of 1 to 16, every pad byte
// equal to the count.
func pkcs7Unpad(data []byte) ([]byte, error) {
	if len(data) == 0 || len(data)%blockSize != 0 {
		return nil, fmt.Errorf("%w: invalid padding bytes", ErrFormat)
	}
	n := int(data[len(data)-1])
	if n < 1 || n > blockSize {
		return nil, fmt.Errorf("%w: invalid padding bytes", ErrFormat)
	}
	for _, b := range data[len(data)-n:] {
		if int(b) != n {
			return nil, fmt.Errorf("%w: invalid padding bytes", ErrFormat)
		}
	}
	return data[:len(data)-n], nil
}
