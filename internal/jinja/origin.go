package jinja

import (
	"github.com/edxplay/edxplay/internal/jinja2"
	"github.com/edxplay/edxplay/internal/odict"
	"github.com/edxplay/edxplay/internal/taint"
)

// markLoaded marks the strings of v, the template value of a variable read
// from YAML text, that are raw's own text (not rendered from a template) as
// AnsibleUnicode. Templating rebuilds lists and dicts, so those are plain
// list and dict, as in Ansible. v is freshly converted: it is marked in
// place.
func markLoaded(raw any, v jinja2.Value) jinja2.Value {
	raw, f := taint.Unwrap(raw)
	if f.Has(taint.Unsafe) {
		return v
	}
	switch r := raw.(type) {
	case string:
		if !IsTemplate(r) {
			return jinja2.AsLoaded(v)
		}
	case []any:
		if v.Kind() == jinja2.ListKind && len(v.Items()) == len(r) {
			items := v.Items()
			for i, e := range r {
				items[i] = markLoaded(e, items[i])
			}
		}
	case *odict.Map:
		if v.Kind() == jinja2.DictKind {
			d := v.DictOf()
			r.Range(func(k string, e any) bool {
				if item, ok := d.GetStr(k); ok {
					d.SetStr(k, markLoaded(e, item))
				}
				return true
			})
		}
	case map[string]any:
		if v.Kind() == jinja2.DictKind {
			d := v.DictOf()
			for k, e := range r {
				if item, ok := d.GetStr(k); ok {
					d.SetStr(k, markLoaded(e, item))
				}
			}
		}
	}
	return v
}
