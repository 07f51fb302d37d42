package inventory

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/edxplay/edxplay/internal/pyvalue"
)

// Regular expressions mirroring ansible.parsing.utils.addresses. Python's
// \w is Unicode-aware, hence the \p classes; the label's "(?<![_-])"
// look-behind is expressed by requiring a final alphanumeric or range.
const (
	numericRange  = `\[(?:[0-9]+:[0-9]+)(?::[0-9]+)?\]`
	hexRange      = `\[(?:[0-9a-f]+:[0-9a-f]+)(?::[0-9]+)?\]`
	alnumRange    = `\[(?:[a-z]:[a-z]|[0-9]+:[0-9]+)(?::[0-9]+)?\]`
	ipv6Component = `(?:[0-9a-f]{1,4}|` + hexRange + `)`
	ipv4Component = `(?:[01]?[0-9]{1,2}|2[0-4][0-9]|25[0-5]|` + numericRange + `)`
	wordChar      = `[\p{L}\p{N}\p{Mn}\p{Pc}]`
	alnumChar     = `[\p{L}\p{N}\p{Mn}]`
	label         = `(?:(?:` + wordChar + `|` + alnumRange + `)(?:` + wordChar + `|-|` + alnumRange + `)*)?(?:` +
		alnumChar + `|` + alnumRange + `)`
)

var (
	bracketedHostPort = regexp.MustCompile(`^\[(.+)\]:([0-9]+)$`)
	hostPort          = regexp.MustCompile(`^((?:[^:\[\]]|\[[^\]]*\])*):([0-9]+)$`)
	ipv4Address       = regexp.MustCompile(`(?i)^(?:` + ipv4Component + `\.){3}` + ipv4Component + `$`)
	ipv6Address       = regexp.MustCompile(`(?i)^(?:` + strings.ReplaceAll(strings.Join([]string{
		`(?:{0}:){7}{0}`,
		`(?:{0}:){1,6}:`,
		`(?:{0}:)(?::{0}){1,6}`,
		`(?:{0}:){2}(?::{0}){1,5}`,
		`(?:{0}:){3}(?::{0}){1,4}`,
		`(?:{0}:){4}(?::{0}){1,3}`,
		`(?:{0}:){5}(?::{0}){1,2}`,
		`(?:{0}:){6}(?::{0})`,
		`:(?::{0}){1,6}`,
		`{0}?::`,
		`(?:0:){6}(?:{0}\.){3}{0}`,
		`::(?:ffff:)?(?:{0}\.){3}{0}`,
		`(?:0:){5}ffff:(?:{0}\.){3}{0}`,
	}, "|"), "{0}", ipv6Component) + `)$`)
	hostnamePattern = regexp.MustCompile(`(?i)^` + label + `(?:\.` + label + `)*$`)
)

// parseAddress splits "host:port" / "[v6]:port" like ansible's
// parse_address and validates the host part.
func parseAddress(address string, allowRanges bool) (string, *int, error) {
	var port *int
	for _, re := range []*regexp.Regexp{bracketedHostPort, hostPort} {
		if m := re.FindStringSubmatch(address); m != nil {
			p, err := strconv.Atoi(m[2])
			if err != nil {
				return "", nil, fmt.Errorf("invalid port in %s", address)
			}
			address, port = m[1], &p
		}
	}
	if !ipv4Address.MatchString(address) && !ipv6Address.MatchString(address) &&
		!hostnamePattern.MatchString(address) {
		return "", nil, fmt.Errorf("not a valid network hostname: %s", address)
	}
	if !allowRanges && strings.Contains(address, "[") {
		return "", nil, fmt.Errorf("detected range in host but was asked to ignore ranges")
	}
	return address, port, nil
}

// expandHostPattern turns "web[01:03]:2222" into its host names and port.
func expandHostPattern(pattern string) ([]string, *int, error) {
	host, port, err := parseAddress(pattern, true)
	if err != nil {
		host, port = pattern, nil
	}
	if !strings.Contains(host, "[") {
		return []string{host}, port, nil
	}
	names, err := expandHostnameRange(host)
	return names, port, err
}

const asciiLetters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"

// expandHostnameRange expands the first [beg:end(:step)] of line and
// recurses for further ranges, as ansible's expand_hostname_range.
func expandHostnameRange(line string) ([]string, error) {
	if line == "" {
		return nil, nil
	}
	head, rest, _ := strings.Cut(line, "[")
	nrange, tail, ok := strings.Cut(rest, "]")
	if !ok || strings.Contains(tail, "|") || strings.Contains(head, "|") {
		return nil, fmt.Errorf("host range must be begin:end or begin:end:step")
	}
	seq, err := rangeSequence(nrange)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, item := range seq {
		name := head + item + tail
		if strings.Contains(name, "[") {
			more, err := expandHostnameRange(name)
			if err != nil {
				return nil, err
			}
			out = append(out, more...)
		} else {
			out = append(out, name)
		}
		if len(out) > maxRangeHosts {
			return nil, fmt.Errorf("host pattern %s expands to more than %d hosts", line, maxRangeHosts)
		}
	}
	return out, nil
}

// maxRangeHosts bounds how many hosts one pattern may expand to
// ("web[0:99999999999]" would otherwise exhaust memory).
const maxRangeHosts = 1 << 20

// rangeSequence expands one "beg:end[:step]" as expand_hostname_range
// does, with Python's errors: letters when both bounds are found in
// ascii_letters, else int(beg), int(end), int(step) and range().
func rangeSequence(nrange string) ([]string, error) {
	bounds := strings.Split(nrange, ":")
	if len(bounds) != 2 && len(bounds) != 3 {
		return nil, fmt.Errorf("host range must be begin:end or begin:end:step")
	}
	beg, end, stepText := bounds[0], bounds[1], "1"
	if len(bounds) == 3 {
		stepText = bounds[2]
	}
	if beg == "" {
		beg = "0"
	}
	if end == "" {
		return nil, fmt.Errorf("host range must specify end value")
	}
	width := 0
	if beg[0] == '0' && len(beg) > 1 {
		width = len(beg)
		if width != len(end) {
			return nil, fmt.Errorf("host range must specify equal-length begin and end formats")
		}
	}
	if seq, ok, err := letterSequence(beg, end, stepText, width); ok {
		return seq, err
	}
	return numberSequence(beg, end, stepText, width)
}

// numberSequence is range(int(beg), int(end)+1, int(step)), zero-filled.
func numberSequence(beg, end, stepText string, width int) ([]string, error) {
	var n [3]int
	for i, text := range []string{beg, end, stepText} {
		v, err := pyInt(text)
		if err != nil {
			return nil, err
		}
		n[i] = v
	}
	b, e, step := n[0], n[1], n[2]
	if step == 0 {
		return nil, valueError{"range() arg 3 must not be zero"}
	}
	if count := pyvalue.RangeLen(b, e+1, step); count > maxRangeHosts {
		return nil, fmt.Errorf("host range [%s:%s:%s] expands to %d hosts, more than %d", beg, end, stepText, count, maxRangeHosts)
	}
	var out []string
	for i := b; (step > 0 && i <= e) || (step < 0 && i > e+1); i += step {
		out = append(out, pad(strconv.Itoa(i), width))
	}
	return out, nil
}

// letterSequence is ascii_letters[i_beg:i_end+1:int(step)] when both
// bounds occur in ascii_letters (ok is false otherwise, or when Python
// would fall back to numbers: a step that is not a non-zero int).
func letterSequence(beg, end, stepText string, width int) (seq []string, ok bool, err error) {
	ib, ie := strings.Index(asciiLetters, beg), strings.Index(asciiLetters, end)
	if ib < 0 || ie < 0 {
		return nil, false, nil
	}
	if ib > ie {
		return nil, true, fmt.Errorf("host range must have begin <= end")
	}
	step, err := pyInt(stepText)
	if err != nil || step == 0 {
		return nil, false, nil
	}
	for i := ib; step > 0 && i <= ie; i += step {
		seq = append(seq, pad(asciiLetters[i:i+1], width))
	}
	return seq, true, nil
}

// valueError is a range error that Python raises as ValueError, not as
// AnsibleError (the advanced_host_list plugin fails the source on it
// instead of keeping the item as a host name).
type valueError struct{ msg string }

func (e valueError) Error() string { return e.msg }

// pyInt parses s as Python's int(s) does for decimal text: surrounding
// whitespace, a sign and single underscores between digits are allowed.
func pyInt(s string) (int, error) {
	bad := valueError{fmt.Sprintf("invalid literal for int() with base 10: '%s'", s)}
	t := strings.TrimSpace(s)
	digits := strings.TrimLeft(t, "+-")
	if len(t)-len(digits) > 1 || digits == "" || digits[0] == '_' || digits[len(digits)-1] == '_' || strings.Contains(digits, "__") {
		return 0, bad
	}
	v, err := strconv.Atoi(t[:len(t)-len(digits)] + strings.ReplaceAll(digits, "_", ""))
	if err != nil {
		return 0, bad
	}
	return v, nil
}

// pad is Python's str.zfill for width > 0.
func pad(s string, width int) string {
	if width == 0 || len(s) >= width {
		return s
	}
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	return sign + strings.Repeat("0", width-len(sign)-len(s)) + s
}
