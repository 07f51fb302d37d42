package lookups

import (
	"strconv"
	"strings"
)

// kvPair is one key=value of parse_kv, in order.
type kvPair struct{ key, value string }

// parseKV is Ansible's parse_kv for lookup terms: whitespace-separated
// tokens (quotes group), key=value pairs (quotes around the value
// removed) and the rest joined as _raw_params.
func parseKV(s string) (pairs []kvPair, raw string, hasRaw bool) {
	var rawParts []string
	for _, tok := range splitArgs(s) {
		i := unescapedEquals(tok)
		if i < 0 {
			rawParts = append(rawParts, strings.ReplaceAll(tok, `\=`, "="))
			continue
		}
		pairs = append(pairs, kvPair{strings.TrimSpace(tok[:i]), unquote(strings.TrimSpace(tok[i+1:]))})
	}
	return pairs, strings.Join(rawParts, " "), len(rawParts) > 0
}

// splitArgs splits on whitespace outside single or double quotes, keeping
// the quotes.
func splitArgs(s string) []string {
	var out []string
	var cur strings.Builder
	var quote rune
	inTok := false
	for _, r := range s {
		switch {
		case quote != 0:
			cur.WriteRune(r)
			if r == quote {
				quote = 0
			}
		case r == '"' || r == '\'':
			quote, inTok = r, true
			cur.WriteRune(r)
		case r == ' ' || r == '\t' || r == '\n' || r == '\r':
			if inTok {
				out = append(out, cur.String())
				cur.Reset()
				inTok = false
			}
		default:
			inTok = true
			cur.WriteRune(r)
		}
	}
	if inTok {
		out = append(out, cur.String())
	}
	return out
}

func unescapedEquals(x string) int {
	for i := 1; i < len(x); i++ {
		if x[i] == '=' && x[i-1] != '\\' {
			return i
		}
	}
	return -1
}

func unquote(s string) string {
	if len(s) >= 2 && (s[0] == '"' || s[0] == '\'') && s[len(s)-1] == s[0] {
		return s[1 : len(s)-1]
	}
	return s
}

// parseInt is Python's int(s, base) for base 10 or 0 (0x, 0o, 0b and
// surrounding blanks accepted).
func parseInt(s string, base int) (int64, bool) {
	t := strings.ReplaceAll(strings.TrimSpace(s), "_", "")
	if base == 0 {
		lower := strings.ToLower(strings.TrimLeft(t, "+-"))
		if len(lower) > 1 && lower[0] == '0' && lower[1] >= '0' && lower[1] <= '9' {
			return 0, false // Python rejects 010 with base 0
		}
		n, err := strconv.ParseInt(t, 0, 64)
		return n, err == nil
	}
	n, err := strconv.ParseInt(t, base, 64)
	return n, err == nil
}
