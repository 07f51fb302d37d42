// Package ansiblecfg reads ansible.cfg and the ANSIBLE_* environment as
// ansible-core 2.14 does: the same search order, INI syntax, types,
// path resolution and precedence (environment over file over default),
// recording where each value came from.
package ansiblecfg

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/edxplay/edxplay/internal/pyvalue"
)

// Env is the process environment a configuration is read in.
type Env struct {
	// Lookup reads an environment variable.
	Lookup func(name string) (string, bool)
	// Cwd is the working directory; Home the home directory (~).
	Cwd  string
	Home string
}

// OSEnv is the environment of this process.
func OSEnv() Env {
	cwd, _ := os.Getwd()
	return Env{Lookup: os.LookupEnv, Cwd: cwd, Home: os.Getenv("HOME")}
}

// Value is one setting's value and origin: "default", "env: NAME" or
// the path of the config file, as ansible-config prints them.
type Value struct {
	Value  any
	Origin string
}

// Config is a loaded configuration.
type Config struct {
	// File is the config file read ("" when none was found).
	File string
	// Warnings are Ansible's warnings about the search (world-writable cwd).
	Warnings []string
	values   map[string]Value
}

// Load finds and reads the configuration of env.
func Load(env Env) (*Config, error) {
	path, warnings := findFile(env)
	return LoadFile(path, env, warnings)
}

// LoadFile reads the configuration with path as the config file ("" for
// none); warnings are carried into the result.
func LoadFile(path string, env Env, warnings []string) (*Config, error) {
	c := &Config{File: path, Warnings: warnings, values: map[string]Value{}}
	var ini *iniFile
	if path != "" {
		if ext := filepath.Ext(path); ext != ".cfg" && ext != ".ini" {
			return nil, fmt.Errorf("unsupported configuration file extension for %s: %s", path, ext)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("read config file: %w", err)
		}
		if ini, err = parseINI(path, string(data)); err != nil {
			return nil, fmt.Errorf("error reading config file: %w", err)
		}
	}
	for _, d := range defs {
		v, err := resolve(d, env, path, ini)
		if err != nil {
			return nil, err
		}
		c.values[d.name] = v
	}
	return c, nil
}

// resolve finds d's raw value (environment, then file, then default) and
// converts it to d's type.
func resolve(d def, env Env, path string, ini *iniFile) (Value, error) {
	raw, origin, found := "", "", false
	for _, name := range d.env {
		if v, ok := env.Lookup(name); ok {
			raw, origin, found = v, "env: "+name, true
		}
	}
	if !found && ini != nil {
		for _, k := range d.ini {
			if v, ok := ini.get(k.section, k.key); ok {
				raw, origin, found = v, path, true
			}
		}
	}
	if !found {
		return defaultValue(d, env), nil
	}
	basedir := env.Cwd
	if origin == path {
		basedir = filepath.Dir(path)
	}
	v, err := convert(raw, d.typ, basedir, env)
	if err != nil {
		if strings.HasPrefix(origin, "env:") && raw == "" {
			return defaultValue(d, env), nil
		}
		return Value{}, fmt.Errorf("invalid type for configuration option setting: %s (from %s): %w", d.name, origin, err)
	}
	if d.choices != nil && !slices.Contains(d.choices, v.(string)) {
		return Value{}, fmt.Errorf("invalid value %q for configuration option %q (from %s), valid values are: %s",
			v, d.name, origin, strings.Join(d.choices, ", "))
	}
	return Value{Value: v, Origin: origin}, nil
}

// defaultValue is d's default, converted as Ansible converts it.
func defaultValue(d def, env Env) Value {
	v := d.def
	if s, ok := v.(string); ok {
		if conv, err := convert(s, d.typ, env.Cwd, env); err == nil {
			v = conv
		}
	}
	return Value{Value: v, Origin: "default"}
}

// convert is ensure_type for a text value.
func convert(raw string, typ valueType, basedir string, env Env) (any, error) {
	switch typ {
	case typeBool:
		b, _ := pyvalue.Boolean(raw)
		return b, nil
	case typeInt:
		n, err := strconv.Atoi(strings.TrimSpace(raw))
		if err != nil {
			return nil, fmt.Errorf("invalid literal for int() with base 10: %q", raw)
		}
		return n, nil
	case typeList:
		return mapItems(strings.Split(raw, ","), func(s string) string { return unquote(strings.TrimSpace(s)) }), nil
	case typePath:
		return resolvePath(raw, basedir, env), nil
	case typePathspec:
		return mapItems(strings.Split(raw, ":"), func(s string) string { return resolvePath(s, basedir, env) }), nil
	case typePathlist:
		return mapItems(strings.Split(raw, ","), func(s string) string { return resolvePath(strings.TrimSpace(s), basedir, env) }), nil
	}
	return unquote(raw), nil
}

func mapItems(items []string, f func(string) string) []string {
	out := make([]string, len(items))
	for i, s := range items {
		out[i] = f(s)
	}
	return out
}

// unquote is Ansible's parsing.quoting.unquote: one pair of matching
// surrounding quotes is removed.
func unquote(s string) string {
	if len(s) > 1 && s[0] == s[len(s)-1] && (s[0] == '"' || s[0] == '\'') && s[len(s)-2] != '\\' {
		return s[1 : len(s)-1]
	}
	return s
}

// Get is the named setting (ansible-config's name, e.g. DEFAULT_FORKS).
func (c *Config) Get(name string) Value { return c.values[name] }

// Changed reports whether the named setting was set (not its default).
func (c *Config) Changed(name string) bool {
	v, ok := c.values[name]
	return ok && v.Origin != "default"
}
