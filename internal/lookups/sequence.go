package lookups

import (
	"context"
	"regexp"
	"strings"

	"github.com/edxplay/edxplay/internal/jinja2"
)

var sequenceShortcut = regexp.MustCompile(`(?i)^((0?x?[0-9a-f]+)-)?(0?x?[0-9a-f]+)(/(0?x?[0-9a-f]+))?(:(.+))?\n?$`)

// sequence is one with_sequence term's settings.
type sequence struct {
	start, end, stride int64
	count              *int64
	hasEnd             bool
	format             string
}

func lookupSequence(_ context.Context, _ *runner, terms jinja2.Value, _ *jinja2.Dict) ([]jinja2.Value, error) {
	list, err := items(terms)
	if err != nil {
		return nil, err
	}
	var out []jinja2.Value
	for _, term := range list {
		s := sequence{start: 1, stride: 1, format: "%d"}
		if term.Kind() != jinja2.StrKind {
			return nil, errorf("unknown error parsing with_sequence arguments: %s. Error was: expected string or bytes-like object, got '%s'", jinja2.Repr(term), jinja2.TypeName(term))
		}
		ok, err := s.parseShortcut(term.StrValue())
		if err == nil && !ok {
			err = s.parseKV(term.StrValue())
		}
		if err == nil {
			err = s.check()
		}
		if err != nil {
			return nil, err
		}
		if s.stride == 0 {
			continue
		}
		if out, err = s.generate(out); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func (s *sequence) parseShortcut(term string) (bool, error) {
	m := sequenceShortcut.FindStringSubmatch(term)
	if m == nil {
		return false, nil
	}
	for _, f := range []struct {
		name, text string
		dst        *int64
	}{{"start", m[2], &s.start}, {"end", m[3], &s.end}, {"stride", m[5], &s.stride}} {
		if f.text == "" {
			continue
		}
		n, ok := parseInt(f.text, 0)
		if !ok {
			return false, errorf("can't parse %s=%s as integer", f.name, f.text)
		}
		*f.dst = n
	}
	s.hasEnd = true
	if m[6] != "" {
		s.format = m[7]
	}
	return true, nil
}

func (s *sequence) parseKV(term string) error {
	pairs, _, hasRaw := parseKV(term)
	var unknown []string
	for _, p := range pairs {
		var dst *int64
		switch p.key {
		case "start":
			dst = &s.start
		case "end":
			dst, s.hasEnd = &s.end, true
		case "stride":
			dst = &s.stride
		case "count":
			s.count = new(int64)
			dst = s.count
		case "format":
			s.format = p.value
			continue
		default:
			unknown = append(unknown, jinja2.Repr(jinja2.Str(p.key)))
			continue
		}
		n, ok := parseInt(p.value, 0)
		if !ok {
			return errorf("can't parse %s=%s as integer", p.key, p.value)
		}
		*dst = n
	}
	if hasRaw {
		unknown = append(unknown, "'_raw_params'")
	}
	if len(unknown) > 0 {
		return errorf("unrecognized arguments to with_sequence: [%s]", strings.Join(unknown, ", "))
	}
	return nil
}

// check is sanity_check: count or end, the stride's direction, one %.
func (s *sequence) check() error {
	switch {
	case s.count == nil && !s.hasEnd:
		return errorf("must specify count or end in with_sequence")
	case s.count != nil && s.hasEnd:
		return errorf("can't specify both count and end in with_sequence")
	case s.count != nil && *s.count != 0:
		s.end = s.start + *s.count*s.stride - 1
	case s.count != nil:
		s.start, s.end, s.stride = 0, 0, 0
	}
	if s.stride > 0 && s.end < s.start {
		return errorf("to count backwards make stride negative")
	}
	if s.stride < 0 && s.end > s.start {
		return errorf("to count forward don't make stride negative")
	}
	if strings.Count(s.format, "%") != 1 {
		return errorf("bad formatting string: %s", s.format)
	}
	return nil
}

// generate appends the formatted numbers of range(start, end±1, stride).
func (s *sequence) generate(out []jinja2.Value) ([]jinja2.Value, error) {
	adjust := int64(1)
	if s.stride < 0 {
		adjust = -1
	}
	stop := s.end + adjust
	if n := (float64(stop) - float64(s.start)) / float64(s.stride); n > float64(maxItems-len(out)) {
		return nil, limitf("with_sequence: more than %d items", maxItems)
	}
	for i := s.start; (s.stride > 0 && i < stop) || (s.stride < 0 && i > stop); i += s.stride {
		if len(out) >= maxItems {
			return nil, limitf("with_sequence: more than %d items", maxItems)
		}
		v, err := jinja2.BinaryOp("%", jinja2.Str(s.format), jinja2.Int(i))
		if err != nil {
			return nil, errorf("problem formatting %d with %s", i, jinja2.Repr(jinja2.Str(s.format)))
		}
		out = append(out, v)
	}
	return out, nil
}
