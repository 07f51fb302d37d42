package jinja

import (
	"github.com/edxplay/edxplay/internal/keyorder"
	"github.com/edxplay/edxplay/internal/odict"
)

// legacyMap converts an ordered dict (how YAML, JSON and literals now
// arrive) into the map[string]any form this gonja-based engine handles,
// recording its order with keyorder. Values are not converted: plain,
// fromGo and template convert nested dicts as they reach them.
//
// Transition shim (helper odict): it goes when internal/jinja moves onto
// internal/jinja2, which reads *odict.Map itself.
func legacyMap(m *odict.Map) map[string]any {
	out := make(map[string]any, m.Len())
	m.Range(func(k string, v any) bool {
		out[k] = v
		return true
	})
	keyorder.Record(out, m.Keys())
	return out
}
