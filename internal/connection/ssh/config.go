package ssh

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// SSHConfig is a parsed OpenSSH client configuration (ssh_config(5)) subset:
// Host blocks with */?/! patterns, "Match all", Include, and keyword lines
// where the first obtained value of each keyword wins.
type SSHConfig struct {
	blocks []configBlock
	// includes is set when the file has an Include line: its meaning then
	// depends on other files (and globs), so it is not cached.
	includes bool
}

// configBlock is one Host (or Match) section; patterns nil matches every host.
type configBlock struct {
	patterns []string
	never    bool
	lines    []configLine
}

type configLine struct {
	key   string // lower case
	value string
}

// HostSettings are the keyword values applying to one host: lower-case
// keyword to values in order (only IdentityFile, CertificateFile and
// LocalForward-like keywords collect more than one).
type HostSettings map[string][]string

// Get returns the first value of keyword (lower case), or "".
func (s HostSettings) Get(keyword string) string {
	if v := s[keyword]; len(v) > 0 {
		return v[0]
	}
	return ""
}

var multiValued = map[string]bool{"identityfile": true, "certificatefile": true}

const maxIncludeDepth = 16

// LoadSSHConfig reads an ssh_config file; a missing file gives an empty
// configuration. Relative Include paths resolve against home/.ssh.
func LoadSSHConfig(path, home string) (*SSHConfig, error) {
	cfg := &SSHConfig{blocks: []configBlock{{}}}
	if err := cfg.include(path, home, 0); err != nil {
		return nil, err
	}
	return cfg, nil
}

func (c *SSHConfig) include(path, home string, depth int) error {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("read ssh config: %w", err)
	}
	defer f.Close()
	return c.parse(f, path, home, depth)
}

func (c *SSHConfig) parse(r io.Reader, name, home string, depth int) error {
	scanner := bufio.NewScanner(r)
	for lineNo := 1; scanner.Scan(); lineNo++ {
		key, args, err := splitConfigLine(scanner.Text())
		if err != nil {
			return fmt.Errorf("ssh config %s:%d: %w", name, lineNo, err)
		}
		if key == "" {
			continue
		}
		if err := c.apply(key, args, home, depth); err != nil {
			return fmt.Errorf("ssh config %s:%d: %w", name, lineNo, err)
		}
	}
	if err := scanner.Err(); err != nil {
		return fmt.Errorf("read ssh config %s: %w", name, err)
	}
	return nil
}

func (c *SSHConfig) apply(key string, args []string, home string, depth int) error {
	switch key {
	case "host":
		c.blocks = append(c.blocks, configBlock{patterns: args})
	case "match":
		all := len(args) == 1 && strings.EqualFold(args[0], "all")
		c.blocks = append(c.blocks, configBlock{never: !all})
	case "include":
		c.includes = true
		if depth >= maxIncludeDepth {
			return errors.New("include nested too deeply")
		}
		return c.includeGlobs(args, home, depth+1)
	default:
		if len(args) == 0 {
			return fmt.Errorf("%s needs a value", key)
		}
		last := &c.blocks[len(c.blocks)-1]
		last.lines = append(last.lines, configLine{key: key, value: strings.Join(args, " ")})
	}
	return nil
}

func (c *SSHConfig) includeGlobs(args []string, home string, depth int) error {
	for _, pattern := range args {
		pattern = expandTilde(pattern, home)
		if !filepath.IsAbs(pattern) {
			pattern = filepath.Join(home, ".ssh", pattern)
		}
		matches, err := filepath.Glob(pattern)
		if err != nil {
			return fmt.Errorf("include %q: %w", pattern, err)
		}
		for _, m := range matches {
			if err := c.include(m, home, depth); err != nil {
				return err
			}
		}
	}
	return nil
}

// splitConfigLine splits "Keyword value..." or "Keyword=value" into a lower
// case keyword and its (unquoted) arguments; comments and blanks give "".
func splitConfigLine(line string) (string, []string, error) {
	line = strings.TrimSpace(line)
	if line == "" || strings.HasPrefix(line, "#") {
		return "", nil, nil
	}
	end := strings.IndexAny(line, " \t=")
	if end < 0 {
		return strings.ToLower(line), nil, nil
	}
	key := strings.ToLower(line[:end])
	rest := strings.TrimLeft(line[end:], " \t")
	rest = strings.TrimLeft(strings.TrimPrefix(rest, "="), " \t")
	args, err := splitArgs(rest)
	return key, args, err
}

// splitArgs splits on blanks, honouring double quotes.
func splitArgs(s string) ([]string, error) {
	var args []string
	var cur strings.Builder
	inQuote, have := false, false
	for _, r := range s {
		switch {
		case r == '"':
			inQuote, have = !inQuote, true
		case (r == ' ' || r == '\t') && !inQuote:
			if have {
				args, have = append(args, cur.String()), false
				cur.Reset()
			}
		default:
			cur.WriteRune(r)
			have = true
		}
	}
	if inQuote {
		return nil, errors.New("unterminated quote")
	}
	if have {
		args = append(args, cur.String())
	}
	return args, nil
}

// Lookup returns the settings for host (the name given on the command line
// or inventory address); for each keyword the first value found wins.
func (c *SSHConfig) Lookup(host string) HostSettings {
	settings := HostSettings{}
	for _, b := range c.blocks {
		if b.never || (b.patterns != nil && !matchHostPatterns(b.patterns, host)) {
			continue
		}
		for _, l := range b.lines {
			if _, seen := settings[l.key]; seen && !multiValued[l.key] {
				continue
			}
			settings[l.key] = append(settings[l.key], l.value)
		}
	}
	return settings
}

// matchHostPatterns applies a Host line (patterns separated by blanks, as
// OpenSSH does; commas are not separators there): any matching negated
// pattern rejects, otherwise any matching positive pattern accepts.
func matchHostPatterns(patterns []string, host string) bool {
	matched := false
	for _, p := range patterns {
		negated := strings.HasPrefix(p, "!")
		if !wildcardMatch(strings.ToLower(strings.TrimPrefix(p, "!")), strings.ToLower(host)) {
			continue
		}
		if negated {
			return false
		}
		matched = true
	}
	return matched
}

// wildcardMatch matches s against a pattern of literal characters, '*'
// (any run) and '?' (any one character).
func wildcardMatch(pattern, s string) bool {
	if pattern == "" {
		return s == ""
	}
	switch pattern[0] {
	case '*':
		for i := 0; i <= len(s); i++ {
			if wildcardMatch(pattern[1:], s[i:]) {
				return true
			}
		}
		return false
	case '?':
		return s != "" && wildcardMatch(pattern[1:], s[1:])
	default:
		return s != "" && s[0] == pattern[0] && wildcardMatch(pattern[1:], s[1:])
	}
}

func expandTilde(path, home string) string {
	if path == "~" {
		return home
	}
	if strings.HasPrefix(path, "~/") {
		return filepath.Join(home, path[2:])
	}
	return path
}

// expandTokens expands ~ and the %% %d %h %p %r %u %n tokens of ssh_config.
func expandTokens(s string, t tokenValues) string {
	s = expandTilde(s, t.home)
	if !strings.Contains(s, "%") {
		return s
	}
	r := strings.NewReplacer("%%", "%", "%d", t.home, "%h", t.host, "%p", t.port,
		"%r", t.remoteUser, "%u", t.localUser, "%n", t.original)
	return r.Replace(s)
}

type tokenValues struct {
	home, host, port, remoteUser, localUser, original string
}
