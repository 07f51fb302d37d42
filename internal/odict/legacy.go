package odict

import "github.com/edxplay/edxplay/internal/keyorder"

// PlainKeys returns the keys of a plain map[string]any dict in the order it
// is given: the order keyorder recorded for it, else sorted.
//
// Only the gonja-based internal/jinja still builds plain maps whose order
// matters (and records it with keyorder); everything else builds *Map.
// Once internal/jinja is on internal/jinja2, this becomes a sort and
// internal/keyorder goes.
func PlainKeys(m map[string]any) []string { return keyorder.Keys(m) }
