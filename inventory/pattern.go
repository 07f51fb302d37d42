package inventory

import (
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"

	"github.com/edxplay/edxplay/internal/pyregex"
)

var (
	patternWithSubscript = regexp.MustCompile(`^(.+)\[(?:(-?[0-9]+)|([0-9]+)([:-])([0-9]*))\]$`)
	colonSeparated       = regexp.MustCompile(`(?:[^\s:\[\]]|\[[^\]]*\])+`)
)

// Match returns the host names selected by an ansible host pattern
// ("all", "web*:&prod:!db[0]", "~re", "a,b", ...) in inventory order.
func (inv *Inventory) Match(pattern string) ([]string, error) {
	return inv.MatchLimit(pattern, "")
}

// MatchLimit is Match restricted by a --limit expression (patterns and
// "@file" entries naming files with one pattern per line); an empty limit
// does not restrict.
func (inv *Inventory) MatchLimit(pattern, limit string) ([]string, error) {
	hosts, err := inv.evaluate(splitHostPattern(pattern))
	if err != nil {
		return nil, err
	}
	if limit != "" {
		subset, err := limitPatterns(limit)
		if err != nil {
			return nil, err
		}
		allowed, err := inv.evaluate(subset)
		if err != nil {
			return nil, err
		}
		keep := map[*Host]bool{}
		for _, h := range allowed {
			keep[h] = true
		}
		filtered := hosts[:0]
		for _, h := range hosts {
			if keep[h] {
				filtered = append(filtered, h)
			}
		}
		hosts = filtered
	}
	names := make([]string, 0, len(hosts))
	seen := map[string]bool{}
	for _, h := range hosts {
		if !seen[h.Name] {
			seen[h.Name] = true
			names = append(names, h.Name)
		}
	}
	return names, nil
}

// limitPatterns splits a --limit value, reading @file entries.
func limitPatterns(limit string) ([]string, error) {
	var out []string
	for _, p := range splitHostPattern(limit) {
		if !strings.HasPrefix(p, "@") {
			out = append(out, p)
			continue
		}
		file := p[1:]
		st, err := os.Stat(file)
		if err != nil {
			return nil, fmt.Errorf("unable to find limit file %s: %w", file, err)
		}
		if st.IsDir() {
			return nil, fmt.Errorf("limit starting with \"@\" must be a file, not a directory: %s", file)
		}
		data, err := os.ReadFile(file)
		if err != nil {
			return nil, fmt.Errorf("read limit file: %w", err)
		}
		for _, line := range strings.Split(string(data), "\n") {
			out = append(out, strings.TrimSpace(line))
		}
	}
	return out, nil
}

// splitHostPattern splits on commas, or else on colons that are not part
// of an address or range, like ansible's split_host_pattern.
func splitHostPattern(pattern string) []string {
	var parts []string
	switch {
	case strings.Contains(pattern, ","):
		parts = strings.Split(pattern, ",")
	default:
		if _, _, err := parseAddress(pattern, true); err == nil {
			parts = []string{pattern}
		} else {
			parts = colonSeparated.FindAllString(pattern, -1)
		}
	}
	var out []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// orderPatterns puts plain patterns first, then &intersections, then
// !exclusions; with no plain pattern, "all" is implied.
func orderPatterns(patterns []string) []string {
	var regular, inter, excl []string
	for _, p := range patterns {
		switch {
		case p == "":
		case p[0] == '!':
			excl = append(excl, p)
		case p[0] == '&':
			inter = append(inter, p)
		default:
			regular = append(regular, p)
		}
	}
	if len(regular) == 0 {
		regular = []string{"all"}
	}
	return append(append(regular, inter...), excl...)
}

func (inv *Inventory) evaluate(patterns []string) ([]*Host, error) {
	var hosts []*Host
	for _, p := range orderPatterns(patterns) {
		if h, ok := inv.hosts[p]; ok {
			hosts = append(hosts, h)
			continue
		}
		that, err := inv.matchOne(p)
		if err != nil {
			return nil, err
		}
		switch p[0] {
		case '!':
			hosts = filterHosts(hosts, that, false)
		case '&':
			hosts = filterHosts(hosts, that, true)
		default:
			existing := map[string]bool{}
			for _, h := range hosts {
				existing[h.Name] = true
			}
			for _, h := range that {
				if !existing[h.Name] {
					hosts = append(hosts, h)
				}
			}
		}
	}
	return hosts, nil
}

func filterHosts(hosts, that []*Host, keepMatching bool) []*Host {
	set := map[*Host]bool{}
	for _, h := range that {
		set[h] = true
	}
	var out []*Host
	for _, h := range hosts {
		if set[h] == keepMatching {
			out = append(out, h)
		}
	}
	return out
}

// matchOne resolves one pattern without its &/! prefix, applying any
// [n] or [a:b] subscript.
func (inv *Inventory) matchOne(pattern string) ([]*Host, error) {
	if pattern[0] == '&' || pattern[0] == '!' {
		pattern = pattern[1:]
	}
	if pattern == "" {
		return nil, nil
	}
	expr, sub := splitSubscript(pattern)
	hosts, err := inv.enumerate(expr)
	if err != nil {
		return nil, err
	}
	if sub == nil || len(hosts) == 0 {
		return hosts, nil
	}
	out, ok := sub.apply(hosts)
	if !ok {
		return nil, fmt.Errorf("no hosts matched the subscripted pattern '%s'", pattern)
	}
	return out, nil
}

type subscript struct {
	start int
	end   *int
}

func splitSubscript(pattern string) (string, *subscript) {
	if pattern[0] == '~' {
		return pattern, nil
	}
	m := patternWithSubscript.FindStringSubmatch(pattern)
	if m == nil {
		return pattern, nil
	}
	if m[2] != "" {
		n, _ := strconv.Atoi(m[2])
		return m[1], &subscript{start: n}
	}
	start, _ := strconv.Atoi(m[3])
	end := -1
	if m[5] != "" {
		end, _ = strconv.Atoi(m[5])
	}
	return m[1], &subscript{start: start, end: &end}
}

// apply selects hosts like ansible's _apply_subscript (Python slicing for
// ranges, indexing for single subscripts; [x:0] acts as [x]).
func (s *subscript) apply(hosts []*Host) ([]*Host, bool) {
	n := len(hosts)
	if s.end == nil || *s.end == 0 {
		i := s.start
		if i < 0 {
			i += n
		}
		if i < 0 || i >= n {
			return nil, false
		}
		return []*Host{hosts[i]}, true
	}
	end := *s.end
	if end == -1 {
		end = n - 1
	}
	lo, hi := s.start, end+1
	if hi > n {
		hi = n
	}
	if lo > hi {
		return []*Host{}, true
	}
	return hosts[lo:hi], true
}

// enumerate matches a bare pattern against group names, then host names.
func (inv *Inventory) enumerate(pattern string) ([]*Host, error) {
	re, err := compileHostPattern(pattern)
	if err != nil {
		return nil, err
	}
	var results []*Host
	matchedGroup := false
	for _, name := range inv.groupOrder {
		if re.MatchString(name) {
			matchedGroup = true
			results = append(results, inv.groups[name].allHosts(name == "all")...)
		}
	}
	if !matchedGroup || pattern[0] == '~' || strings.ContainsAny(pattern, ".?*[") {
		for _, name := range inv.hostOrder {
			if re.MatchString(name) {
				results = append(results, inv.hosts[name])
			}
		}
	}
	if len(results) == 0 && isLocalhostName(pattern) {
		h, _ := inv.Host(pattern)
		results = append(results, h)
	}
	return results, nil
}

// compileHostPattern turns "~regex" or a shell glob into an anchored
// regexp (Python re.match semantics: anchored at the start only for
// regexes, whole string for globs).
func compileHostPattern(pattern string) (*pyregex.Regexp, error) {
	var re *pyregex.Regexp
	var err error
	if pattern[0] == '~' {
		re, err = pyregex.Compile(`^(?:`+pattern[1:]+`)`, 0)
	} else {
		re, err = pyregex.Wrap(regexp.Compile(`^(?s:` + globToRegexp(pattern) + `)$`))
	}
	if err != nil {
		return nil, fmt.Errorf("invalid host list pattern: %s", pattern)
	}
	return re, nil
}

// globToRegexp is Python's fnmatch.translate without the anchors.
func globToRegexp(pat string) string {
	var b strings.Builder
	runes := []rune(pat)
	for i := 0; i < len(runes); i++ {
		c := runes[i]
		switch c {
		case '*':
			b.WriteString(".*")
		case '?':
			b.WriteString(".")
		case '[':
			j := i + 1
			if j < len(runes) && runes[j] == '!' {
				j++
			}
			if j < len(runes) && runes[j] == ']' {
				j++
			}
			for j < len(runes) && runes[j] != ']' {
				j++
			}
			if j >= len(runes) {
				b.WriteString(`\[`)
				continue
			}
			stuff := string(runes[i+1 : j])
			i = j
			stuff = strings.ReplaceAll(stuff, `\`, `\\`)
			if strings.HasPrefix(stuff, "!") {
				stuff = "^" + stuff[1:]
			} else if strings.HasPrefix(stuff, "^") {
				stuff = `\` + stuff
			}
			b.WriteString("[" + stuff + "]")
		default:
			b.WriteString(regexp.QuoteMeta(string(c)))
		}
	}
	return b.String()
}
