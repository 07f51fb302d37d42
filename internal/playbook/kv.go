package playbook

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// rawKeys are the k=v options extracted from the free text of command-like
// modules; other k=v tokens stay part of _raw_params.
var rawKeys = map[string]bool{
	"creates": true, "removes": true, "chdir": true, "executable": true, "warn": true,
	"stdin": true, "stdin_add_newline": true, "strip_empty_ends": true,
}

// parseKV converts "k=v k2='quoted v' free text" into arguments as Ansible's
// parse_kv does. Tokens without an unescaped '=' (and, with checkRaw, k=v
// tokens whose key is not one of rawKeys) are joined into "_raw_params".
func parseKV(args string, checkRaw bool) (map[string]any, error) {
	tokens, err := splitArgs(args)
	if err != nil {
		return nil, err
	}
	options := map[string]any{}
	var raw []string
	for _, orig := range tokens {
		x := decodeEscapes(orig)
		pos := unescapedEquals(x)
		if pos < 0 {
			if strings.Contains(x, "=") {
				raw = append(raw, strings.ReplaceAll(x, `\=`, "="))
			} else {
				raw = append(raw, orig)
			}
			continue
		}
		k, v := x[:pos], x[pos+1:]
		if checkRaw && !rawKeys[k] {
			raw = append(raw, orig)
			continue
		}
		options[strings.TrimSpace(k)] = unquote(strings.TrimSpace(v))
	}
	if len(raw) > 0 {
		options["_raw_params"] = joinArgs(raw)
	}
	return options, nil
}

// unescapedEquals returns the index of the first '=' after position 0 not
// preceded by a backslash, or -1.
func unescapedEquals(x string) int {
	for i := 1; i < len(x); i++ {
		if x[i] == '=' && x[i-1] != '\\' {
			return i
		}
	}
	return -1
}

// unquote strips one level of matching outer quotes.
func unquote(s string) string {
	if len(s) > 1 && s[0] == s[len(s)-1] && (s[0] == '"' || s[0] == '\'') && s[len(s)-2] != '\\' {
		return s[1 : len(s)-1]
	}
	return s
}

// joinArgs rejoins tokens with spaces, keeping newlines.
func joinArgs(parts []string) string {
	var b strings.Builder
	for _, p := range parts {
		s := b.String()
		if len(s) > 0 && !strings.HasSuffix(s, "\n") {
			b.WriteByte(' ')
		}
		b.WriteString(p)
	}
	return b.String()
}

// errUnparsable is split_args' failure on input it cannot index (such as
// leading spaces).
var errUnparsable = errors.New("unable to parse argument string")

// splitState tracks quoting and Jinja2 nesting while splitting.
type splitState struct {
	quote                 byte
	print, block, comment int
}

func (s *splitState) inJinja() bool { return s.print > 0 || s.block > 0 || s.comment > 0 }

// splitArgs splits on whitespace like Ansible's split_args: quoted strings
// and {{ }}, {% %}, {# #} blocks stay together, newlines are preserved.
func splitArgs(args string) ([]string, error) {
	var params []string
	var st splitState
	items := strings.Split(args, "\n")
	for itemIdx, item := range items {
		tokens := strings.Split(item, " ")
		continuation := false
		for idx, token := range tokens {
			if token == "" && idx != 0 {
				if len(params) == 0 {
					return nil, errUnparsable
				}
				params[len(params)-1] += " "
				continue
			}
			if token == `\` && st.quote == 0 {
				continuation = true
				continue
			}
			var ok bool
			if params, ok = st.addToken(params, token, idx, len(tokens)); !ok {
				return nil, errUnparsable
			}
		}
		if len(items) > 1 && itemIdx != len(items)-1 && !continuation {
			if len(params) == 0 {
				return nil, errUnparsable
			}
			params[len(params)-1] += "\n"
		}
	}
	if st.inJinja() || st.quote != 0 {
		return nil, fmt.Errorf("failed at splitting arguments, either an unbalanced jinja2 block or quotes: %s", args)
	}
	return params, nil
}

// addToken applies one whitespace-separated token to params.
// It reports false where Ansible's split_args fails with an IndexError.
func (st *splitState) addToken(params []string, token string, idx, ntokens int) ([]string, bool) {
	wasQuoted := st.quote != 0
	st.quote = quoteState(token, st.quote)
	quoted := st.quote != 0
	appended := false
	switch {
	case quoted && !wasQuoted && !st.inJinja():
		params = append(params, token)
		appended = true
	case st.inJinja() || quoted || wasQuoted:
		if len(params) == 0 {
			return nil, false
		}
		last := len(params) - 1
		switch {
		case idx == 0 && wasQuoted:
			params[last] += token
		case ntokens > 1:
			if idx > 0 {
				params[last] += " "
			}
			params[last] += token
		default:
			params[last] += "\n" + token
		}
		appended = true
	}
	for _, d := range []struct {
		depth       *int
		open, close string
	}{{&st.print, "{{", "}}"}, {&st.block, "{%", "%}"}, {&st.comment, "{#", "#}"}} {
		prev := *d.depth
		*d.depth = jinjaDepth(token, prev, d.open, d.close)
		if *d.depth != prev && !appended {
			params = append(params, token)
			appended = true
		}
	}
	if !st.inJinja() && !quoted && !appended && token != "" {
		params = append(params, token)
	}
	return params, true
}

// quoteState returns the open quote character after scanning token.
func quoteState(token string, quote byte) byte {
	for i := 0; i < len(token); i++ {
		c := token[i]
		if (c == '"' || c == '\'') && (i == 0 || token[i-1] != '\\') {
			if quote == 0 {
				quote = c
			} else if c == quote {
				quote = 0
			}
		}
	}
	return quote
}

func jinjaDepth(token string, depth int, open, close string) int {
	o, c := strings.Count(token, open), strings.Count(token, close)
	if o != c {
		depth += o - c
		if depth < 0 {
			depth = 0
		}
	}
	return depth
}

// decodeEscapes decodes the backslash escapes Ansible's parse_kv decodes:
// \\ \' \" \a \b \f \n \r \t \v \xHH \uHHHH \UHHHHHHHH. Others stay as is.
func decodeEscapes(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' || i+1 >= len(s) {
			b.WriteByte(s[i])
			continue
		}
		if r, n, ok := escapeAt(s[i+1:]); ok {
			b.WriteString(r)
			i += n
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// escapeAt decodes the escape whose body (after the backslash) starts s.
func escapeAt(s string) (string, int, bool) {
	simple := map[byte]string{'\\': `\`, '\'': "'", '"': `"`, 'a': "\a", 'b': "\b", 'f': "\f", 'n': "\n", 'r': "\r", 't': "\t", 'v': "\v"}
	if r, ok := simple[s[0]]; ok {
		return r, 1, true
	}
	width := map[byte]int{'x': 2, 'u': 4, 'U': 8}[s[0]]
	if width == 0 || len(s) < 1+width {
		return "", 0, false
	}
	v, err := strconv.ParseUint(s[1:1+width], 16, 32)
	if err != nil {
		return "", 0, false
	}
	return string(rune(v)), 1 + width, true
}
