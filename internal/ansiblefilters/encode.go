package ansiblefilters

import (
	"crypto/md5"
	"crypto/rand"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/hex"
	"hash"
	"regexp"
	"strings"
	"unicode/utf16"

	"golang.org/x/crypto/blake2b"
	"golang.org/x/crypto/blake2s"
	"golang.org/x/crypto/sha3"

	j "github.com/edxplay/edxplay/internal/jinja2"
)

// encodeText is str.encode(encoding) for the encodings playbooks use.
func encodeText(s, encoding string) ([]byte, error) {
	switch strings.ReplaceAll(strings.ToLower(encoding), "_", "-") {
	case "utf-8", "utf8":
		return []byte(s), nil
	case "utf-16-le", "utf-16le":
		var out []byte
		for _, u := range utf16.Encode([]rune(s)) {
			out = append(out, byte(u), byte(u>>8))
		}
		return out, nil
	case "ascii", "latin-1", "latin1", "iso-8859-1":
		out := make([]byte, 0, len(s))
		for _, r := range s {
			if r > 0xff || (r > 0x7f && strings.HasPrefix(encoding, "a")) {
				return nil, j.NewError("UnicodeEncodeError", "'%s' codec can't encode character", encoding)
			}
			out = append(out, byte(r))
		}
		return out, nil
	}
	return nil, j.NewError("LookupError", "unknown encoding: %s", encoding)
}

// decodeText is bytes.decode(encoding).
func decodeText(b []byte, encoding string) (string, error) {
	switch strings.ReplaceAll(strings.ToLower(encoding), "_", "-") {
	case "utf-8", "utf8":
		return string(b), nil
	case "utf-16-le", "utf-16le":
		u := make([]uint16, len(b)/2)
		for i := range u {
			u[i] = uint16(b[2*i]) | uint16(b[2*i+1])<<8
		}
		return string(utf16.Decode(u)), nil
	case "latin-1", "latin1", "iso-8859-1", "ascii":
		r := make([]rune, len(b))
		for i, c := range b {
			r[i] = rune(c)
		}
		return string(r), nil
	}
	return "", j.NewError("LookupError", "unknown encoding: %s", encoding)
}

func b64encode(_ *j.CallContext, a []j.Value) (j.Value, error) {
	s, err := text(a[0])
	if err != nil {
		return j.None, err
	}
	enc, _ := text(a[1])
	b, err := encodeText(s, enc)
	if err != nil {
		return j.None, err
	}
	return j.Str(base64.StdEncoding.EncodeToString(b)), nil
}

// notBase64 matches what base64.b64decode discards before decoding.
var notBase64 = regexp.MustCompile(`[^A-Za-z0-9+/=]`)

func b64decode(_ *j.CallContext, a []j.Value) (j.Value, error) {
	s, err := text(a[0])
	if err != nil {
		return j.None, err
	}
	s = notBase64.ReplaceAllString(s, "")
	if i := strings.IndexByte(s, '='); i >= 0 {
		data := s[:i]
		s = data + strings.Repeat("=", (4-len(data)%4)%4)
		if strings.Count(s[i:], "=") > 2 || (len(data)%4 == 1) {
			return j.None, j.NewError("Error", "Incorrect padding")
		}
	}
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		return j.None, j.NewError("Error", "Incorrect padding")
	}
	enc, _ := text(a[1])
	out, err := decodeText(b, enc)
	return j.Str(out), err
}

// hashers are the hashlib algorithms hash() accepts.
var hashers = map[string]func() hash.Hash{
	"md5": md5.New, "sha1": sha1.New, "sha224": sha256.New224, "sha256": sha256.New,
	"sha384": sha512.New384, "sha512": sha512.New, "sha512_224": sha512.New512_224, "sha512_256": sha512.New512_256,
	"sha3_224": sha3.New224, "sha3_256": sha3.New256, "sha3_384": sha3.New384, "sha3_512": sha3.New512,
	"blake2b": func() hash.Hash { h, _ := blake2b.New512(nil); return h },
	"blake2s": func() hash.Hash { h, _ := blake2s.New256(nil); return h },
}

// hexDigest is hashlib.new(hashtype, to_bytes(data)).hexdigest().
func hexDigest(data j.Value, hashtype string) (j.Value, error) {
	newHash, ok := hashers[strings.ToLower(hashtype)]
	if !ok {
		return j.None, filterError("unsupported hash type %s", hashtype)
	}
	s, err := text(data)
	if err != nil {
		return j.None, err
	}
	h := newHash()
	h.Write([]byte(s))
	return j.Str(hex.EncodeToString(h.Sum(nil))), nil
}

func hashFilter(_ *j.CallContext, a []j.Value) (j.Value, error) {
	t, err := text(a[1])
	if err != nil {
		return j.None, err
	}
	return hexDigest(a[0], t)
}

// digestFilter is md5, sha1 and checksum: a fixed hash of str(value).
func digestFilter(hashtype string) body {
	return func(_ *j.CallContext, a []j.Value) (j.Value, error) { return hexDigest(a[0], hashtype) }
}

// cryptAlgos are password_hash's schemes: crypt id, salt size.
var cryptAlgos = map[string]struct {
	id       string
	saltSize int
	implicit int
	exact    bool
}{
	"md5_crypt": {"1", 8, 0, false}, "sha256_crypt": {"5", 16, 535000, false}, "sha512_crypt": {"6", 16, 656000, false},
	"bcrypt": {"2b", 22, 12, true},
}

var passlibNames = map[string]string{"md5": "md5_crypt", "blowfish": "bcrypt", "sha256": "sha256_crypt", "sha512": "sha512_crypt"}

var badSalt = regexp.MustCompile(`[^./0-9A-Za-z]`)

// passwordHash is Ansible's password_hash through crypt(3) (no passlib).
func passwordHash(_ *j.CallContext, a []j.Value) (j.Value, error) {
	if !isStr(a[0]) {
		if err := defined(a[0]); err != nil {
			return j.None, err
		}
		return j.None, typeError("crypt() argument 1 must be str, not %s", j.TypeName(a[0]))
	}
	pw := a[0].StrValue()
	name, _ := text(a[1])
	if n, ok := passlibNames[name]; ok {
		name = n
	}
	algo, ok := cryptAlgos[name]
	if !ok {
		return j.None, wrapped("crypt.crypt does not support '%s' algorithm", name)
	}
	size := algo.saltSize
	if t, _ := truth(a[3]); t {
		n, err := toInt(a[3])
		if err != nil {
			return j.None, err
		}
		size = int(n)
	}
	var salt string
	if t, _ := truth(a[2]); t {
		salt, _ = text(a[2])
	} else if size > algo.saltSize {
		return j.None, wrapped("invalid salt size")
	} else {
		salt = randomSalt(size)
	}
	if badSalt.MatchString(salt) {
		return j.None, wrapped("invalid characters in salt")
	}
	if len(salt) > algo.saltSize || algo.exact && len(salt) != algo.saltSize {
		return j.None, wrapped("invalid salt size")
	}
	if algo.id == "2b" {
		return j.None, wrapped("crypt.crypt does not support '%s' algorithm", name)
	}
	rounds := 0
	if !a[4].IsNone() {
		n, err := toInt(a[4])
		if err != nil {
			return j.None, err
		}
		if int(n) != algo.implicit {
			rounds = int(n)
		}
		if algo.id == "1" {
			return j.None, wrapped("crypt.crypt does not support '%s' algorithm", name)
		}
		if rounds != 0 && (rounds < 1000 || rounds > 999999999) {
			return j.Str("*0"), nil // crypt(3)'s failure token, which Ansible returns
		}
	}
	if algo.id == "1" {
		return j.Str(md5Crypt(pw, salt)), nil
	}
	return j.Str(shaCrypt(algo.id, pw, salt, rounds)), nil
}

// randomSalt is Ansible's random_salt: n characters of ./0-9A-Za-z.
func randomSalt(n int) string {
	b := make([]byte, max(n, 0))
	_, _ = rand.Read(b)
	for i := range b {
		b[i] = cryptAlphabet[int(b[i])%len(cryptAlphabet)]
	}
	return string(b)
}
