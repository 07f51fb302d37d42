package modules

import (
	"crypto/md5" //nolint:gosec // APR1 is MD5-based by format
	"crypto/rand"
	"crypto/sha1" //nolint:gosec // {SHA} entries are SHA-1 by format
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"math/big"
	"strings"

	"golang.org/x/crypto/bcrypt"
)

// htpasswdSchemes are the crypt schemes edxplay can write, by passlib name.
var htpasswdSchemes = map[string]func(password string) (string, error){
	"apr_md5_crypt": func(p string) (string, error) { return md5Crypt(p, randomCryptSalt(8), "$apr1$"), nil },
	"md5_crypt":     func(p string) (string, error) { return md5Crypt(p, randomCryptSalt(8), "$1$"), nil },
	"ldap_sha1":     func(p string) (string, error) { return shaEntry(p), nil },
	"plaintext":     func(p string) (string, error) { return p, nil },
	"bcrypt": func(p string) (string, error) {
		h, err := bcrypt.GenerateFromPassword([]byte(p), 12) // passlib's default rounds
		if err != nil {
			return "", fmt.Errorf("bcrypt: %w", err)
		}
		return "$2y$" + strings.TrimPrefix(string(h), "$2a$"), nil // passlib's apache ident
	},
}

// verifyHtpasswd checks password against an entry's hash in any scheme
// Apache accepts (apr1, md5-crypt, {SHA}, bcrypt, plaintext).
func verifyHtpasswd(hash, password string) bool {
	switch {
	case strings.HasPrefix(hash, "$apr1$"), strings.HasPrefix(hash, "$1$"):
		magic := hash[:strings.Index(hash[1:], "$")+2]
		salt, _, _ := strings.Cut(hash[len(magic):], "$")
		return constEq(md5Crypt(password, salt, magic), hash)
	case strings.HasPrefix(hash, "{SHA}"):
		return constEq(shaEntry(password), hash)
	case strings.HasPrefix(hash, "$2"):
		h := hash
		if strings.HasPrefix(h, "$2y$") || strings.HasPrefix(h, "$2b$") {
			h = "$2a$" + h[4:]
		}
		return bcrypt.CompareHashAndPassword([]byte(h), []byte(password)) == nil
	}
	return constEq(hash, password)
}

func constEq(a, b string) bool { return subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1 }

func shaEntry(p string) string {
	sum := sha1.Sum([]byte(p)) //nolint:gosec // format
	return "{SHA}" + base64.StdEncoding.EncodeToString(sum[:])
}

// cryptAlphabet is crypt(3)'s base-64 alphabet.
const cryptAlphabet = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

func randomCryptSalt(n int) string {
	b := make([]byte, n)
	for i := range b {
		k, _ := rand.Int(rand.Reader, big.NewInt(int64(len(cryptAlphabet))))
		b[i] = cryptAlphabet[k.Int64()]
	}
	return string(b)
}

// md5Crypt is the MD5-based crypt of FreeBSD ($1$) and Apache ($apr1$),
// which differ only in the magic string.
func md5Crypt(password, salt, magic string) string {
	if len(salt) > 8 {
		salt = salt[:8]
	}
	pw := []byte(password)
	alt := md5.Sum([]byte(password + salt + password)) //nolint:gosec // format
	ctx := md5.New()                                   //nolint:gosec // format
	ctx.Write([]byte(password + magic + salt))
	for i := len(pw); i > 0; i -= 16 {
		ctx.Write(alt[:min(i, 16)])
	}
	for i := len(pw); i > 0; i >>= 1 {
		if i&1 != 0 {
			ctx.Write([]byte{0})
		} else {
			ctx.Write(pw[:1])
		}
	}
	final := ctx.Sum(nil)
	for i := range 1000 {
		c := md5.New() //nolint:gosec // format
		if i&1 != 0 {
			c.Write(pw)
		} else {
			c.Write(final)
		}
		if i%3 != 0 {
			c.Write([]byte(salt))
		}
		if i%7 != 0 {
			c.Write(pw)
		}
		if i&1 != 0 {
			c.Write(final)
		} else {
			c.Write(pw)
		}
		final = c.Sum(nil)
	}
	var b strings.Builder
	b.WriteString(magic + salt + "$")
	enc := func(v uint32, n int) {
		for ; n > 0; n-- {
			b.WriteByte(cryptAlphabet[v&0x3f])
			v >>= 6
		}
	}
	for _, t := range [][3]int{{0, 6, 12}, {1, 7, 13}, {2, 8, 14}, {3, 9, 15}, {4, 10, 5}} {
		enc(uint32(final[t[0]])<<16|uint32(final[t[1]])<<8|uint32(final[t[2]]), 4)
	}
	enc(uint32(final[11]), 2)
	return b.String()
}
