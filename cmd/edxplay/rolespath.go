package main

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
)

// configRolesPath returns [defaults] roles_path of the ansible.cfg
// ansible-core would read (ANSIBLE_CONFIG, ./ansible.cfg,
// ~/.ansible.cfg, /etc/ansible/ansible.cfg: the first that exists), with
// relative entries resolved against the file's directory. It reads that one
// setting only; nil when no file sets it.
func configRolesPath() []string {
	path := findAnsibleCfg()
	if path == "" {
		return nil
	}
	value, ok := iniValue(path, "defaults", "roles_path")
	if !ok {
		return nil
	}
	var out []string
	for _, p := range splitPathList(value) {
		if strings.HasPrefix(p, "~/") {
			if home, err := os.UserHomeDir(); err == nil {
				p = filepath.Join(home, p[2:])
			}
		}
		if !filepath.IsAbs(p) {
			p = filepath.Join(filepath.Dir(path), p)
		}
		out = append(out, filepath.Clean(p))
	}
	return out
}

// findAnsibleCfg returns the config file ansible-core uses, or "".
func findAnsibleCfg() string {
	candidates := []string{os.Getenv("ANSIBLE_CONFIG"), "ansible.cfg"}
	if home, err := os.UserHomeDir(); err == nil {
		candidates = append(candidates, filepath.Join(home, ".ansible.cfg"))
	}
	candidates = append(candidates, "/etc/ansible/ansible.cfg")
	for _, c := range candidates {
		if c == "" {
			continue
		}
		if st, err := os.Stat(c); err == nil && st.Mode().IsRegular() {
			if abs, err := filepath.Abs(c); err == nil {
				return abs
			}
		}
	}
	return ""
}

// iniValue reads key in section of an INI file (key = value or key=value;
// # and ; start comments).
func iniValue(path, section, key string) (string, bool) {
	f, err := os.Open(path)
	if err != nil {
		return "", false
	}
	defer f.Close()
	current := ""
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		switch {
		case line == "" || line[0] == '#' || line[0] == ';':
		case line[0] == '[' && strings.HasSuffix(line, "]"):
			current = strings.TrimSpace(line[1 : len(line)-1])
		case current == section:
			k, v, ok := strings.Cut(line, "=")
			if ok && strings.TrimSpace(k) == key {
				return strings.TrimSpace(v), true
			}
		}
	}
	return "", false
}
