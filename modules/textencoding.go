package modules

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// cp1252High maps windows-1252's bytes 0x80-0x9f to their code points (0:
// undefined); its other bytes are Latin-1's.
var cp1252High = [32]rune{
	0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0,
	0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
}

// singleByteCodecs are the one-byte encodings encodeText knows, by
// Python's normalized codec name: each returns the byte of r, or false.
var singleByteCodecs = map[string]func(r rune) (byte, bool){
	"ascii":  func(r rune) (byte, bool) { return byte(r), r < 0x80 },
	"latin1": func(r rune) (byte, bool) { return byte(r), r < 0x100 },
	"cp1252": func(r rune) (byte, bool) {
		if r < 0x80 || (r >= 0xa0 && r < 0x100) {
			return byte(r), true
		}
		for i, c := range cp1252High {
			if c != 0 && c == r {
				return byte(0x80 + i), true
			}
		}
		return 0, false
	},
}

// codecAliases maps spellings of encoding names to the names above, as
// Python's codec lookup normalizes them ("UTF-8", "utf_8", "windows-1252").
var codecAliases = map[string]string{
	"utf8": "utf8", "u8": "utf8", "utf": "utf8", "cp65001": "utf8",
	"ascii": "ascii", "usascii": "ascii", "646": "ascii",
	"latin1": "latin1", "latin": "latin1", "iso88591": "latin1", "l1": "latin1", "8859": "latin1", "cp819": "latin1",
	"cp1252": "cp1252", "windows1252": "cp1252",
}

// encodeText encodes s as Python's s.encode(encoding) with strict errors,
// for the encodings above; others are refused as Python's LookupError.
func encodeText(s, encoding string) ([]byte, error) {
	key := strings.NewReplacer("-", "", "_", "", " ", "").Replace(strings.ToLower(encoding))
	name, ok := codecAliases[key]
	if !ok {
		return nil, fmt.Errorf("unknown encoding: %s", encoding)
	}
	if name == "utf8" {
		return []byte(s), nil
	}
	enc := singleByteCodecs[name]
	out := make([]byte, 0, len(s))
	pos := 0
	for i, r := range s {
		if r == utf8.RuneError && !strings.HasPrefix(s[i:], "\uFFFD") {
			return nil, fmt.Errorf("'%s' codec can't encode invalid UTF-8 in position %d", name, pos)
		}
		b, ok := enc(r)
		if !ok {
			return nil, fmt.Errorf("'%s' codec can't encode character %s in position %d", name, pyCharRepr(r), pos)
		}
		out = append(out, b)
		pos++
	}
	return out, nil
}

// pyCharRepr is Python's repr of one character in an encode error.
func pyCharRepr(r rune) string {
	switch {
	case r < 0x100:
		return fmt.Sprintf(`'\x%02x'`, r)
	case r < 0x10000:
		return fmt.Sprintf(`'\u%04x'`, r)
	}
	return fmt.Sprintf(`'\U%08x'`, r)
}
