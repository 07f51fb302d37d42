package lookups

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/edxplay/edxplay/internal/jinja2"
)

// iniFile is what Python's configparser.ConfigParser reads: sections of
// options in order, and the DEFAULT section every section sees.
type iniFile struct {
	defaults *iniSection
	sections map[string]*iniSection
	order    []string
	lower    bool // optionxform is str.lower (not case_sensitive)
}

type iniSection struct {
	names  []string
	values map[string]*[]string // nil: an option without a value
}

func newSection() *iniSection { return &iniSection{values: map[string]*[]string{}} }

func (s *iniSection) set(name string, v *[]string) {
	if _, ok := s.values[name]; !ok {
		s.names = append(s.names, name)
	}
	s.values[name] = v
}

var (
	iniSectRe   = regexp.MustCompile(`^\[(.+)\]`)
	iniOptRe    = regexp.MustCompile(`^(.*?)\s*([=:])\s*(.*)$`)
	iniOptNVRe  = regexp.MustCompile(`^(.*?)\s*(?:([=:])\s*(.*))?$`)
	iniKeyRe    = regexp.MustCompile(`^%\(([^)]+)\)s`)
	maxIniDepth = 10
)

func (f *iniFile) xform(name string) string {
	if f.lower {
		return strings.ToLower(name)
	}
	return name
}

// parseINI is ConfigParser.read_file (strict, '=' and ':' delimiters,
// '#' and ';' full-line comments, indented continuation lines).
func parseINI(src string, lower, allowNoValue bool) (*iniFile, error) {
	f := &iniFile{defaults: newSection(), sections: map[string]*iniSection{}, lower: lower}
	var cur *iniSection
	curName, optName := "", ""
	indent := 1 << 30
	added := map[string]bool{}
	var parseErrs []string
	for i, line := range splitPyLines(src) {
		lineno := i + 1
		value := strings.TrimSpace(line)
		if strings.HasPrefix(value, "#") || strings.HasPrefix(value, ";") {
			value = ""
		}
		if value == "" {
			if cur != nil && optName != "" && cur.values[optName] != nil && !isComment(line) {
				*cur.values[optName] = append(*cur.values[optName], "")
			}
			continue
		}
		level := len(line) - len(strings.TrimLeft(line, " \t\f\v"))
		if cur != nil && optName != "" && level > indent {
			if v := cur.values[optName]; v != nil {
				*v = append(*v, value)
			}
			continue
		}
		indent = level
		if m := iniSectRe.FindStringSubmatch(value); m != nil {
			curName, optName = m[1], ""
			if curName == "DEFAULT" {
				cur = f.defaults
			} else if s, ok := f.sections[curName]; ok {
				if added["["+curName] {
					return nil, iniError("DuplicateSectionError", "While reading from '<???>' [line %2d]: section %s already exists", lineno, jinja2.Repr(jinja2.Str(curName)))
				}
				cur = s
			} else {
				cur = newSection()
				f.sections[curName] = cur
				f.order = append(f.order, curName)
			}
			added["["+curName] = true
			continue
		}
		if cur == nil {
			return nil, iniError("MissingSectionHeaderError", "File contains no section headers.\nfile: '<???>', line: %d\n%s", lineno, jinja2.Repr(jinja2.Str(line+"\n")))
		}
		re := iniOptRe
		if allowNoValue {
			re = iniOptNVRe
		}
		m := re.FindStringSubmatch(value)
		if m == nil || m[1] == "" {
			parseErrs = append(parseErrs, fmt.Sprintf("\n\t[line %2d]: %s", lineno, jinja2.Repr(jinja2.Str(line+"\n"))))
			continue
		}
		optName = f.xform(strings.TrimRight(m[1], " \t"))
		key := curName + "\x00" + optName
		if added[key] {
			return nil, iniError("DuplicateOptionError", "While reading from '<???>' [line %2d]: option %s in section %s already exists", lineno, jinja2.Repr(jinja2.Str(optName)), jinja2.Repr(jinja2.Str(curName)))
		}
		added[key] = true
		if m[2] == "" {
			cur.set(optName, nil)
			continue
		}
		cur.set(optName, &[]string{strings.TrimSpace(m[3])})
	}
	if len(parseErrs) > 0 {
		return nil, iniError("ParsingError", "Source contains parsing errors: '<???>'%s", strings.Join(parseErrs, ""))
	}
	return f, nil
}

// isComment reports whether a blank-valued line was a comment (which
// does not add an empty line to a multi-line value).
func isComment(line string) bool {
	t := strings.TrimSpace(line)
	return strings.HasPrefix(t, "#") || strings.HasPrefix(t, ";")
}

func iniError(class, format string, args ...any) error {
	return jinja2.NewError(class, format, args...)
}

// splitPyLines splits as iterating a StringIO does: lines end at \n, \r
// or \r\n (universal newlines).
func splitPyLines(s string) []string { return bytesSplitLines(s) }

// raw returns an option's value as configparser stores it (continuation
// lines joined with newlines, trailing blank lines dropped), looking in
// the section then DEFAULT.
func (f *iniFile) raw(sec *iniSection, name string) (*string, bool) {
	v, ok := sec.values[name]
	if !ok {
		v, ok = f.defaults.values[name]
	}
	if !ok || v == nil {
		return nil, ok
	}
	s := strings.TrimRight(strings.Join(*v, "\n"), " \t\n\r\f\v")
	return &s, true
}

// get is ConfigParser.get with BasicInterpolation.
func (f *iniFile) get(section *iniSection, secName, name string) (*string, bool, error) {
	v, ok := f.raw(section, name)
	if !ok || v == nil {
		return v, ok, nil
	}
	var b strings.Builder
	if err := f.interpolate(&b, section, secName, name, *v, *v, 1); err != nil {
		return nil, true, err
	}
	s := b.String()
	return &s, true, nil
}

func (f *iniFile) interpolate(b *strings.Builder, sec *iniSection, secName, option, rawval, rest string, depth int) error {
	if depth > maxIniDepth {
		return iniError("InterpolationDepthError", "Recursion limit exceeded in value substitution: option %s in section %s contains an interpolation key which cannot be substituted in %d steps. Raw value: %s",
			jinja2.Repr(jinja2.Str(option)), jinja2.Repr(jinja2.Str(secName)), maxIniDepth, jinja2.Repr(jinja2.Str(rawval)))
	}
	for rest != "" {
		p := strings.IndexByte(rest, '%')
		if p < 0 {
			b.WriteString(rest)
			return nil
		}
		b.WriteString(rest[:p])
		rest = rest[p:]
		switch {
		case strings.HasPrefix(rest, "%%"):
			b.WriteByte('%')
			rest = rest[2:]
		case strings.HasPrefix(rest, "%("):
			m := iniKeyRe.FindStringSubmatch(rest)
			if m == nil {
				return iniError("InterpolationSyntaxError", "bad interpolation variable reference %s", jinja2.Repr(jinja2.Str(rest)))
			}
			rest = rest[len(m[0]):]
			v, ok := f.raw(sec, f.xform(m[1]))
			if !ok || v == nil {
				return iniError("InterpolationMissingOptionError", "Bad value substitution: option %s in section %s contains an interpolation key %s which is not a valid option name. Raw value: %s",
					jinja2.Repr(jinja2.Str(option)), jinja2.Repr(jinja2.Str(secName)), jinja2.Repr(jinja2.Str(f.xform(m[1]))), jinja2.Repr(jinja2.Str(rawval)))
			}
			if !strings.Contains(*v, "%") {
				b.WriteString(*v)
				continue
			}
			if err := f.interpolate(b, sec, secName, option, rawval, *v, depth+1); err != nil {
				return err
			}
		default:
			return iniError("InterpolationSyntaxError", "'%%' must be followed by '%%' or '(', found: %s", jinja2.Repr(jinja2.Str(rest)))
		}
	}
	return nil
}

// names returns DEFAULT's option names then the section's others, as
// items() orders them.
func (f *iniFile) names(sec *iniSection) []string {
	out := append([]string(nil), f.defaults.names...)
	for _, n := range sec.names {
		if _, ok := f.defaults.values[n]; !ok {
			out = append(out, n)
		}
	}
	return out
}
