package ansiblecfg

import (
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
)

// Dump writes the base settings as `ansible-config dump` does: one
// "NAME(origin) = value" line each, CONFIG_FILE among them, in name
// order; onlyChanged leaves out those at their defaults (--only-changed).
func (c *Config) Dump(w io.Writer, onlyChanged bool) error {
	file := "None"
	if c.File != "" {
		file = c.File
	}
	lines := []string{"CONFIG_FILE() = " + file}
	for _, d := range defs {
		if v := c.values[d.name]; !d.plugin && (!onlyChanged || c.Changed(d.name)) {
			lines = append(lines, fmt.Sprintf("%s(%s) = %s", d.name, v.Origin, pyStr(v.Value)))
		}
	}
	// "NAME(" sorts as NAME does: '(' is below every name character.
	sort.Strings(lines)
	_, err := io.WriteString(w, strings.Join(lines, "\n")+"\n")
	return err
}

// pyStr formats v as Python's str() does.
func pyStr(v any) string {
	switch x := v.(type) {
	case nil:
		return "None"
	case bool:
		if x {
			return "True"
		}
		return "False"
	case int:
		return strconv.Itoa(x)
	case string:
		return x
	case []string:
		items := make([]string, len(x))
		for i, s := range x {
			items[i] = pyRepr(s)
		}
		return "[" + strings.Join(items, ", ") + "]"
	}
	return fmt.Sprint(v)
}

// pyRepr is Python's repr() of a str.
func pyRepr(s string) string {
	q := byte('\'')
	if strings.Contains(s, "'") && !strings.Contains(s, `"`) {
		q = '"'
	}
	var b strings.Builder
	b.WriteByte(q)
	for _, r := range s {
		switch {
		case r == '\\':
			b.WriteString(`\\`)
		case r == rune(q):
			b.WriteByte('\\')
			b.WriteByte(q)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte(q)
	return b.String()
}
