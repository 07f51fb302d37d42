package plan

import (
	"fmt"
	"strings"

	"github.com/edxplay/edxplay/engine"
	"github.com/edxplay/edxplay/internal/keydiff"
	"github.com/edxplay/edxplay/internal/modspec"
)

// maxDiffContent bounds each side of a diff kept in a plan.
const maxDiffContent = 256 << 10

// shownDiffs are a task's diffs as --check --diff shows them, known
// secrets masked, with a key-level view of configuration files.
func (r *Recorder) shownDiffs(rec engine.TaskRecord) []Diff {
	var out []Diff
	for _, d := range rec.Diffs {
		if d.Before == d.After && !d.Redacted {
			continue
		}
		s := Diff{BeforeHeader: r.redact(d.BeforeHeader), AfterHeader: r.redact(d.AfterHeader)}
		s.Before, s.Truncated = cut(r.redact(d.Before))
		after, more := cut(r.redact(d.After))
		s.After, s.Truncated = after, s.Truncated || more
		if configFile(d) {
			s.Keys = keyChanges(d, r.redact, false)
		}
		out = append(out, s)
	}
	return out
}

// secretDiffs are a no_log task's diffs: key-level changes with secret
// values hidden, or only that the content changed.
func secretDiffs(rec engine.TaskRecord, redact func(string) string) []Diff {
	var out []Diff
	for _, d := range rec.Diffs {
		if d.Before == d.After {
			continue
		}
		s := Diff{BeforeHeader: redact(d.BeforeHeader), AfterHeader: redact(d.AfterHeader)}
		if s.Keys = keyChanges(d, redact, true); s.Keys == nil {
			s.After = "content changed (secret: not shown)\n"
		}
		out = append(out, s)
	}
	return out
}

// keyChanges compares a diff's sides key by key, hiding the values of
// auth file keys, of keys whose values hold a known secret, and, in a
// secret file, of keys whose name says secret. It is nil for content that
// is not a mapping.
func keyChanges(d modspec.Diff, redact func(string) string, secretFile bool) []keydiff.Change {
	changes, ok := keydiff.Compare(d.Before, d.After)
	if !ok || len(changes) == 0 {
		return nil
	}
	auth := keydiff.AuthFile(strings.TrimSuffix(firstNonEmpty(d.BeforeHeader, d.AfterHeader), " (content)"))
	held := map[string]bool{}
	for _, c := range changes {
		for _, v := range []any{c.Before, c.After} {
			if s := fmt.Sprint(v); redact(s) != s {
				held[c.Key] = true
			}
		}
	}
	return keydiff.Mask(changes, func(k string) bool {
		return auth || held[k] || (secretFile && keydiff.SecretName(k))
	})
}

// configFile reports whether a diff is of a JSON or YAML file.
func configFile(d modspec.Diff) bool {
	p := strings.TrimSuffix(firstNonEmpty(d.BeforeHeader, d.AfterHeader), " (content)")
	for _, ext := range []string{".json", ".yml", ".yaml"} {
		if strings.HasSuffix(p, ext) {
			return true
		}
	}
	return false
}

func cut(s string) (string, bool) {
	if len(s) <= maxDiffContent {
		return s, false
	}
	return s[:maxDiffContent], true
}
