package ansiblefilters

import (
	"crypto/md5"
	"crypto/sha256"
	"crypto/sha512"
	"hash"
	"strconv"
	"strings"
)

// This file implements the crypt(3) schemes Ansible's password_hash falls
// back to without passlib: SHA-crypt ($5$, $6$, Drepper's specification)
// and MD5-crypt ($1$).

const cryptAlphabet = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

// b64From24 appends n characters of the 24-bit group b2 b1 b0.
func b64From24(b *strings.Builder, b2, b1, b0 byte, n int) {
	w := uint(b2)<<16 | uint(b1)<<8 | uint(b0)
	for range n {
		b.WriteByte(cryptAlphabet[w&0x3f])
		w >>= 6
	}
}

// repeatTo returns digest repeated to n bytes.
func repeatTo(digest []byte, n int) []byte {
	out := make([]byte, 0, n)
	for len(out) < n {
		out = append(out, digest[:min(len(digest), n-len(out))]...)
	}
	return out
}

// shaCrypt computes $5$ (sha256) or $6$ (sha512) crypt; rounds 0 means
// the implicit 5000, left out of the result.
func shaCrypt(id string, key, salt string, rounds int) string {
	newHash := sha512.New
	if id == "5" {
		newHash = sha256.New
	}
	explicit := rounds != 0
	if !explicit {
		rounds = 5000
	}
	rounds = min(max(rounds, 1000), 999999999)
	if len(salt) > 16 {
		salt = salt[:16]
	}
	k, s := []byte(key), []byte(salt)
	sum := func(parts ...[]byte) []byte {
		h := newHash()
		for _, p := range parts {
			h.Write(p)
		}
		return h.Sum(nil)
	}
	b := sum(k, s, k)
	a := newHash()
	a.Write(k)
	a.Write(s)
	a.Write(repeatTo(b, len(k)))
	for n := len(k); n > 0; n >>= 1 {
		if n&1 != 0 {
			a.Write(b)
		} else {
			a.Write(k)
		}
	}
	c := a.Sum(nil)
	p := repeatTo(sum(repeatTo(k, len(k)*len(k))), len(k))
	ds := newHash()
	for range 16 + int(c[0]) {
		ds.Write(s)
	}
	sb := repeatTo(ds.Sum(nil), len(s))
	c = shaRounds(newHash, c, p, sb, rounds)
	var out strings.Builder
	out.WriteString("$" + id + "$")
	if explicit {
		out.WriteString("rounds=" + strconv.Itoa(rounds) + "$")
	}
	out.WriteString(salt + "$")
	encodeSHA(&out, id, c)
	return out.String()
}

func shaRounds(newHash func() hash.Hash, c, p, s []byte, rounds int) []byte {
	for i := range rounds {
		h := newHash()
		if i&1 != 0 {
			h.Write(p)
		} else {
			h.Write(c)
		}
		if i%3 != 0 {
			h.Write(s)
		}
		if i%7 != 0 {
			h.Write(p)
		}
		if i&1 != 0 {
			h.Write(c)
		} else {
			h.Write(p)
		}
		c = h.Sum(nil)
	}
	return c
}

func encodeSHA(out *strings.Builder, id string, c []byte) {
	if id == "5" {
		for i := range 10 {
			x, y, z := (i*21)%30, (i*21+10)%30, (i*21+20)%30
			b64From24(out, c[x], c[y], c[z], 4)
		}
		b64From24(out, 0, c[31], c[30], 3)
		return
	}
	for i := range 21 {
		x, y, z := (i*22)%63, (i*22+21)%63, (i*22+42)%63
		b64From24(out, c[x], c[y], c[z], 4)
	}
	b64From24(out, 0, 0, c[63], 2)
}

// md5Crypt computes $1$ crypt.
func md5Crypt(key, salt string) string {
	if len(salt) > 8 {
		salt = salt[:8]
	}
	k, s := []byte(key), []byte(salt)
	alt := md5.Sum(append(append(append([]byte{}, k...), s...), k...))
	ctx := md5.New()
	ctx.Write(k)
	ctx.Write([]byte("$1$"))
	ctx.Write(s)
	ctx.Write(repeatTo(alt[:], len(k)))
	for n := len(k); n > 0; n >>= 1 {
		if n&1 != 0 {
			ctx.Write([]byte{0})
		} else {
			ctx.Write(k[:1])
		}
	}
	f := ctx.Sum(nil)
	for i := range 1000 {
		h := md5.New()
		if i&1 != 0 {
			h.Write(k)
		} else {
			h.Write(f)
		}
		if i%3 != 0 {
			h.Write(s)
		}
		if i%7 != 0 {
			h.Write(k)
		}
		if i&1 != 0 {
			h.Write(f)
		} else {
			h.Write(k)
		}
		f = h.Sum(nil)
	}
	var out strings.Builder
	out.WriteString("$1$" + salt + "$")
	for i := range 5 {
		z := i + 12
		if i == 4 {
			z = 5
		}
		b64From24(&out, f[i], f[i+6], f[z], 4)
	}
	b64From24(&out, 0, 0, f[11], 2)
	return out.String()
}
