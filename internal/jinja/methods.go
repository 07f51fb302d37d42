package jinja

import (
	"fmt"
	"github.com/edxplay/edxplay/internal/keyorder"
	"reflect"
	"strings"

	"github.com/nikolalohinski/gonja/v2/builtins"
	"github.com/nikolalohinski/gonja/v2/exec"
)

// gonja's str and dict method names, copied into the engine's own method
// sets so that some can be replaced with Python-exact versions.
var (
	strMethodNames = []string{"capitalize", "capwords", "casefold", "center", "count", "encode", "endswith",
		"expandtabs", "find", "format", "format_map", "isalnum", "isalpha", "isascii", "isdecimal", "isdigit",
		"islower", "isnumeric", "isprintable", "isspace", "istitle", "isupper", "join", "ljust", "lower", "lstrip",
		"partition", "removeprefix", "removesuffix", "replace", "rfind", "rjust", "rpartition", "rsplit", "rstrip",
		"split", "splitlines", "startswith", "strip", "swapcase", "title", "upper", "zfill"}
	dictMethodNames = []string{"keys", "values", "items", "get", "pop", "setdefault", "update", "copy", "clear"}
)

// newMethods builds the method sets used by templates.
func newMethods() exec.Methods {
	str := map[string]exec.Method[string]{}
	for _, name := range strMethodNames {
		if m, ok := builtins.Methods.Str.Get(name); ok {
			str[name] = m
		}
	}
	str["split"] = func(self string, _ *exec.Value, args *exec.VarArgs) (any, error) {
		c, err := newCall(nil, args)
		if err != nil {
			return nil, err
		}
		return filterSplit(self, c)
	}
	for name, fn := range map[string]func(string, string) string{
		"strip": strings.Trim, "lstrip": strings.TrimLeft, "rstrip": strings.TrimRight,
	} {
		fn := fn
		str[name] = func(self string, _ *exec.Value, args *exec.VarArgs) (any, error) {
			chars := " \t\n\r\v\f"
			if len(args.Args) > 0 && !args.Args[0].IsNil() {
				chars = args.Args[0].String()
			}
			return fn(self, chars), nil
		}
	}
	str["count"] = func(self string, _ *exec.Value, args *exec.VarArgs) (any, error) {
		return strings.Count(self, args.First().String()), nil
	}
	str["replace"] = func(self string, _ *exec.Value, args *exec.VarArgs) (any, error) {
		c, err := newCall(nil, args)
		if err != nil {
			return nil, err
		}
		return filterReplace(self, c)
	}
	dict := map[string]exec.Method[map[string]any]{}
	for _, name := range dictMethodNames {
		if m, ok := builtins.Methods.Dict.Get(name); ok {
			dict[name] = m
		}
	}
	dict["items"] = func(self map[string]any, parent *exec.Value, _ *exec.VarArgs) (any, error) {
		m := receiverDict(self, parent)
		out := pyList{}
		for _, k := range dictKeys(m) {
			out = append(out, pyTuple{k, fromGo(m[k])})
		}
		return out, nil
	}
	dict["keys"] = func(self map[string]any, parent *exec.Value, _ *exec.VarArgs) (any, error) {
		out := pyList{}
		for _, k := range dictKeys(receiverDict(self, parent)) {
			out = append(out, k)
		}
		return out, nil
	}
	dict["values"] = func(self map[string]any, parent *exec.Value, _ *exec.VarArgs) (any, error) {
		m := receiverDict(self, parent)
		out := pyList{}
		for _, k := range dictKeys(m) {
			out = append(out, fromGo(m[k]))
		}
		return out, nil
	}
	dict["get"] = func(self map[string]any, _ *exec.Value, args *exec.VarArgs) (any, error) {
		c, err := newCall(nil, args)
		if err != nil {
			return nil, err
		}
		m := plain(self).(map[string]any)
		if v, ok := m[keyString(c.arg(0, "key", ""))]; ok {
			return fromGo(v), nil
		}
		return fromGo(c.arg(1, "default", nil)), nil
	}
	dict["update"] = dictUpdate
	return exec.Methods{
		Bool:  builtins.Methods.Bool,
		Int:   builtins.Methods.Int,
		Float: builtins.Methods.Float,
		Str:   exec.NewMethodSet(str),
		Dict:  exec.NewMethodSet(dict),
		List:  builtins.Methods.List,
	}
}

// receiverDict returns the dict a method was called on. gonja passes a
// converted copy (self) that has lost the key order; the original value
// keeps it.
func receiverDict(self map[string]any, parent *exec.Value) map[string]any {
	if m, ok := toGo(parent).(map[string]any); ok {
		return m
	}
	return plain(self).(map[string]any)
}

// dictUpdate is dict.update for `{% do d.update(other, k=v) %}`: it sets
// the keys on the dict the variable holds (gonja hands methods a copy),
// appending new keys to its recorded order.
func dictUpdate(self map[string]any, parent *exec.Value, args *exec.VarArgs) (any, error) {
	if len(args.Args) > 1 {
		return nil, fmt.Errorf("update expected at most 1 argument, got %d", len(args.Args))
	}
	target := reflect.Value{}
	if parent != nil && parent.Val.IsValid() && parent.Val.Kind() == reflect.Map {
		target = parent.Val
	}
	set := func(k string, v any) {
		self[k] = v
		if target.IsValid() {
			target.SetMapIndex(reflect.ValueOf(k).Convert(target.Type().Key()), reflect.ValueOf(&v).Elem())
			if m, ok := target.Interface().(map[string]any); ok {
				keyorder.Append(m, k)
			}
		}
	}
	if len(args.Args) == 1 {
		src, ok := plain(toGo(args.Args[0])).(map[string]any)
		if !ok {
			return nil, fmt.Errorf("update expects a mapping, got %s", pyTypeName(toGo(args.Args[0])))
		}
		for _, k := range dictKeys(src) {
			set(k, src[k])
		}
	}
	for k, v := range args.KwArgs {
		set(k, toGo(v))
	}
	return nil, nil
}
