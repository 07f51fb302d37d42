package ansiblefilters

import (
	"math"
	"math/big"
	"strconv"
	"strings"

	j "github.com/edxplay/edxplay/internal/jinja2"
)

// pyJSON is Python's json.loads (its C scanner): NaN and Infinity,
// ints of any size, a repeated key keeps its first place and last value,
// and JSONDecodeError messages with line, column and char position.
type pyJSON struct {
	s []rune
}

// errStop is scan_once's StopIteration: no value starts at pos.
type errStop struct{ pos int }

func (e errStop) Error() string { return "StopIteration" }

func loadsJSON(src string) (j.Value, error) {
	p := &pyJSON{s: []rune(src)}
	idx := p.ws(0)
	v, end, err := p.scan(idx, 0)
	if stop, ok := err.(errStop); ok {
		return j.None, p.fail("Expecting value", stop.pos)
	}
	if err != nil {
		return j.None, err
	}
	if end = p.ws(end); end != len(p.s) {
		return j.None, p.fail("Extra data", end)
	}
	return v, nil
}

// fail is a JSONDecodeError at pos.
func (p *pyJSON) fail(msg string, pos int) error {
	line, col := 1, pos+1
	for i := 0; i < pos && i < len(p.s); i++ {
		if p.s[i] == '\n' {
			line, col = line+1, pos-i
		}
	}
	return j.NewError("JSONDecodeError", "%s: line %d column %d (char %d)", msg, line, col, pos)
}

func isJSONSpace(r rune) bool { return r == ' ' || r == '\t' || r == '\n' || r == '\r' }

func (p *pyJSON) ws(i int) int {
	for i < len(p.s) && isJSONSpace(p.s[i]) {
		i++
	}
	return i
}

func (p *pyJSON) at(i int) rune {
	if i < len(p.s) {
		return p.s[i]
	}
	return -1
}

func (p *pyJSON) word(i int, w string) bool {
	return i+len(w) <= len(p.s) && string(p.s[i:i+len(w)]) == w
}

// scan is scan_once: the value starting at idx and the index after it.
func (p *pyJSON) scan(idx, depth int) (j.Value, int, error) {
	if depth > maxDepth {
		return j.None, 0, j.NewError("RecursionError", "maximum recursion depth exceeded while decoding a JSON document")
	}
	switch c := p.at(idx); {
	case c == -1:
		return j.None, 0, errStop{idx}
	case c == '"':
		s, end, err := p.str(idx + 1)
		return j.Str(s), end, err
	case c == '{':
		return p.object(idx+1, depth)
	case c == '[':
		return p.array(idx+1, depth)
	case c == 'n' && p.word(idx, "null"):
		return j.None, idx + 4, nil
	case c == 't' && p.word(idx, "true"):
		return j.Bool(true), idx + 4, nil
	case c == 'f' && p.word(idx, "false"):
		return j.Bool(false), idx + 5, nil
	case c == 'N' && p.word(idx, "NaN"):
		return j.Float(math.NaN()), idx + 3, nil
	case c == 'I' && p.word(idx, "Infinity"):
		return j.Float(math.Inf(1)), idx + 8, nil
	case c == '-' && p.word(idx, "-Infinity"):
		return j.Float(math.Inf(-1)), idx + 9, nil
	}
	return p.number(idx)
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

// number is the scanner's _match_number.
func (p *pyJSON) number(start int) (j.Value, int, error) {
	i := start
	if p.at(i) == '-' {
		i++
	}
	switch {
	case p.at(i) >= '1' && p.at(i) <= '9':
		for isDigit(p.at(i)) {
			i++
		}
	case p.at(i) == '0':
		i++
	default:
		return j.None, 0, errStop{start}
	}
	isFloat := false
	if p.at(i) == '.' && isDigit(p.at(i+1)) {
		isFloat = true
		for i += 2; isDigit(p.at(i)); i++ {
		}
	}
	if c := p.at(i); c == 'e' || c == 'E' {
		k := i + 1
		if p.at(k) == '+' || p.at(k) == '-' {
			k++
		}
		if isDigit(p.at(k)) {
			for isFloat = true; isDigit(p.at(k)); k++ {
			}
			i = k
		}
	}
	text := string(p.s[start:i])
	if isFloat {
		f, _ := strconv.ParseFloat(text, 64)
		return j.Float(f), i, nil
	}
	n, _ := new(big.Int).SetString(text, 10)
	return j.BigInt(n), i, nil
}

var jsonEscapes = map[rune]rune{'"': '"', '\\': '\\', '/': '/', 'b': '\b', 'f': '\f', 'n': '\n', 'r': '\r', 't': '\t'}

// str is scanstring: end is the index after the opening quote.
func (p *pyJSON) str(end int) (string, int, error) {
	begin := end - 1
	var b strings.Builder
	for {
		c := p.at(end)
		switch {
		case c == -1:
			return "", 0, p.fail("Unterminated string starting at", begin)
		case c == '"':
			return b.String(), end + 1, nil
		case c < 0x20:
			return "", 0, p.fail("Invalid control character at", end)
		case c != '\\':
			b.WriteRune(c)
			end++
			continue
		}
		esc := p.at(end + 1)
		if esc == -1 {
			return "", 0, p.fail("Unterminated string starting at", begin)
		}
		if esc != 'u' {
			r, ok := jsonEscapes[esc]
			if !ok {
				return "", 0, p.fail("Invalid \\escape", end)
			}
			b.WriteRune(r)
			end += 2
			continue
		}
		r, err := p.hex4(end + 1)
		if err != nil {
			return "", 0, err
		}
		end += 6
		if r >= 0xd800 && r <= 0xdbff && p.at(end) == '\\' && p.at(end+1) == 'u' {
			if r2, err := p.hex4(end + 1); err != nil {
				return "", 0, err
			} else if r2 >= 0xdc00 && r2 <= 0xdfff {
				r = 0x10000 + (r-0xd800)<<10 + (r2 - 0xdc00)
				end += 6
			}
		}
		b.WriteRune(r)
	}
}

// hex4 reads the four hex digits after the 'u' at pos.
func (p *pyJSON) hex4(pos int) (rune, error) {
	if pos+5 <= len(p.s) {
		h := string(p.s[pos+1 : pos+5])
		if n, err := strconv.ParseUint(h, 16, 32); err == nil && !strings.ContainsAny(h, "xX+-") {
			return rune(n), nil
		}
	}
	return 0, p.fail("Invalid \\uXXXX escape", pos)
}

func (p *pyJSON) object(end, depth int) (j.Value, int, error) {
	d := j.NewDict()
	end = p.ws(end)
	if p.at(end) == '}' {
		return j.DictValue(d), end + 1, nil
	}
	if p.at(end) != '"' {
		return j.None, 0, p.fail("Expecting property name enclosed in double quotes", end)
	}
	end++
	for {
		key, next, err := p.str(end)
		if err != nil {
			return j.None, 0, err
		}
		if end = p.ws(next); p.at(end) != ':' {
			return j.None, 0, p.fail("Expecting ':' delimiter", end)
		}
		v, next, err := p.scan(p.ws(end+1), depth+1)
		if stop, ok := err.(errStop); ok {
			return j.None, 0, p.fail("Expecting value", stop.pos)
		}
		if err != nil {
			return j.None, 0, err
		}
		d.SetStr(key, v)
		end = p.ws(next)
		c := p.at(end)
		end++
		if c == '}' {
			return j.DictValue(d), end, nil
		}
		if c != ',' {
			return j.None, 0, p.fail("Expecting ',' delimiter", end-1)
		}
		end = p.ws(end)
		if p.at(end) != '"' {
			return j.None, 0, p.fail("Expecting property name enclosed in double quotes", end)
		}
		end++
	}
}

func (p *pyJSON) array(end, depth int) (j.Value, int, error) {
	var items []j.Value
	end = p.ws(end)
	if p.at(end) == ']' {
		return j.NewList(), end + 1, nil
	}
	for {
		v, next, err := p.scan(end, depth+1)
		if stop, ok := err.(errStop); ok {
			return j.None, 0, p.fail("Expecting value", stop.pos)
		}
		if err != nil {
			return j.None, 0, err
		}
		items = append(items, v)
		end = p.ws(next)
		c := p.at(end)
		end++
		if c == ']' {
			return j.NewList(items...), end, nil
		}
		if c != ',' {
			return j.None, 0, p.fail("Expecting ',' delimiter", end-1)
		}
		end = p.ws(end)
	}
}
