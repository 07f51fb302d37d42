package pyregex

import (
	"fmt"
	"strconv"
	"strings"
)

// Expand builds a replacement from a Python template: \1..\99 and
// \g<n> / \g<name> insert groups (unmatched ones as ""), \n \t \r \\ and
// friends are escapes, everything else is literal.
func Expand(re *Regexp, template string, src string, match []int) (string, error) {
	var b strings.Builder
	for i := 0; i < len(template); i++ {
		c := template[i]
		if c != '\\' || i+1 == len(template) {
			b.WriteByte(c)
			continue
		}
		i++
		switch n := template[i]; {
		case n >= '0' && n <= '9':
			j := i + 1
			if j < len(template) && template[j] >= '0' && template[j] <= '9' {
				j++
			}
			idx, _ := strconv.Atoi(template[i:j])
			if err := writeGroup(&b, re, src, match, idx); err != nil {
				return "", err
			}
			i = j - 1
		case n == 'g':
			end := strings.IndexByte(template[i:], '>')
			if i+1 >= len(template) || template[i+1] != '<' || end < 0 {
				return "", fmt.Errorf("missing group name in replacement %q", template)
			}
			name := template[i+2 : i+end]
			idx, err := strconv.Atoi(name)
			if err != nil {
				if idx = re.SubexpIndex(name); idx < 0 {
					return "", fmt.Errorf("unknown group name %q in replacement", name)
				}
			}
			if err := writeGroup(&b, re, src, match, idx); err != nil {
				return "", err
			}
			i += end
		default:
			b.WriteString(escape(n))
		}
	}
	return b.String(), nil
}

func writeGroup(b *strings.Builder, re *Regexp, src string, match []int, idx int) error {
	if idx > re.NumSubexp() {
		return fmt.Errorf("invalid group reference %d in replacement", idx)
	}
	if s, e := match[2*idx], match[2*idx+1]; s >= 0 {
		b.WriteString(src[s:e])
	}
	return nil
}

func escape(c byte) string {
	switch c {
	case 'n':
		return "\n"
	case 't':
		return "\t"
	case 'r':
		return "\r"
	case 'f':
		return "\f"
	case 'v':
		return "\v"
	case 'a':
		return "\a"
	case 'b':
		return "\b"
	case '\\':
		return "\\"
	}
	return "\\" + string(c)
}
