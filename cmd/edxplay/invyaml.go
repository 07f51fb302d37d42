package main

import (
	"fmt"
	"math/big"
	"sort"

	"github.com/edxplay/edxplay/internal/ansiblefilters"
	"github.com/edxplay/edxplay/internal/jinja2"
	"github.com/edxplay/edxplay/internal/odict"
)

// yamlDump renders plain data as ansible-inventory --yaml does
// (yaml.dump with AnsibleDumper, default_flow_style=False,
// allow_unicode=True): through the to_yaml filter, which makes that call.
func yamlDump(data any) (string, error) {
	env := jinja2.NewEnvironment(jinja2.AnsibleConfig(), nil)
	ansiblefilters.Register(env)
	toYAML := env.Filter("to_yaml")
	if toYAML == nil {
		return "", fmt.Errorf("yaml output: the to_yaml filter is missing")
	}
	kw := jinja2.NewDict()
	kw.SetStr("default_flow_style", jinja2.Bool(false))
	v, err := plainToValue(data)
	if err != nil {
		return "", err
	}
	out, err := toYAML(nil, v, nil, kw)
	if err != nil {
		return "", fmt.Errorf("yaml output: %w", err)
	}
	return out.StrValue(), nil
}

// plainToValue converts inventory data to a template value.
func plainToValue(x any) (jinja2.Value, error) {
	switch t := x.(type) {
	case nil:
		return jinja2.None, nil
	case bool:
		return jinja2.Bool(t), nil
	case int:
		return jinja2.Int(int64(t)), nil
	case int64:
		return jinja2.Int(t), nil
	case *big.Int:
		return jinja2.BigInt(t), nil
	case float64:
		return jinja2.Float(t), nil
	case string:
		return jinja2.Str(t), nil
	case []any:
		items := make([]jinja2.Value, len(t))
		for i, e := range t {
			v, err := plainToValue(e)
			if err != nil {
				return jinja2.None, err
			}
			items[i] = v
		}
		return jinja2.NewList(items...), nil
	case *odict.Map:
		return dictToValue(t.Keys(), func(k string) any { v, _ := t.Get(k); return v })
	case map[string]any:
		keys := make([]string, 0, len(t))
		for k := range t {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		return dictToValue(keys, func(k string) any { return t[k] })
	}
	return jinja2.None, fmt.Errorf("yaml output: a value of type %T cannot be shown", x)
}

func dictToValue(keys []string, get func(string) any) (jinja2.Value, error) {
	d := jinja2.NewDict()
	for _, k := range keys {
		v, err := plainToValue(get(k))
		if err != nil {
			return jinja2.None, err
		}
		d.SetStr(k, v)
	}
	return jinja2.DictValue(d), nil
}
