package engine

import (
	"encoding/json"
	"reflect"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/edxplay/edxplay/internal/modspec"
	"github.com/edxplay/edxplay/internal/odict"
)

// secretDiffs replaces the diffs of a no_log task (secret files such as
// the Open edX auth files) with what changed and never a value: the
// changed keys of JSON/YAML documents, or only that the content changed.
func secretDiffs(diffs []modspec.Diff) []modspec.Diff {
	var out []modspec.Diff
	for _, d := range diffs {
		if d.Before == d.After {
			continue
		}
		note := " (secret: values hidden)"
		out = append(out, modspec.Diff{BeforeHeader: d.BeforeHeader + note, AfterHeader: d.AfterHeader + note,
			After: changedKeysLine(d.Before, d.After), Redacted: true})
	}
	return out
}

// changedKeysLine names the keys whose values differ between two
// documents, or says the content changed when they are not mappings.
func changedKeysLine(before, after string) string {
	b, okB := parseMapping(before)
	a, okA := parseMapping(after)
	if !okA || (!okB && before != "") {
		return "content changed\n"
	}
	keys := changedKeys("", b, a)
	if len(keys) == 0 {
		return "content changed (formatting only)\n"
	}
	return "changed keys: " + strings.Join(keys, ", ") + "\n"
}

func parseMapping(s string) (map[string]any, bool) {
	var m map[string]any
	if json.Unmarshal([]byte(s), &m) == nil {
		return m, true
	}
	if yaml.Unmarshal([]byte(s), &m) == nil && m != nil {
		return m, true
	}
	return nil, false
}

// changedKeys lists dotted key paths added, removed or changed.
func changedKeys(prefix string, before, after map[string]any) []string {
	seen := map[string]bool{}
	var out []string
	for _, m := range []map[string]any{before, after} {
		for k := range m {
			if seen[k] {
				continue
			}
			seen[k] = true
			bv, inB := before[k]
			av, inA := after[k]
			path := prefix + k
			bm, bIsMap := odict.Plain(bv)
			am, aIsMap := odict.Plain(av)
			switch {
			case inB && inA && bIsMap && aIsMap:
				out = append(out, changedKeys(path+".", bm, am)...)
			case !inB:
				out = append(out, path+" (added)")
			case !inA:
				out = append(out, path+" (removed)")
			case !reflect.DeepEqual(bv, av):
				out = append(out, path)
			}
		}
	}
	sort.Strings(out)
	return out
}
