package engine

import (
	"strings"

	"github.com/edxplay/edxplay/internal/keydiff"
	"github.com/edxplay/edxplay/internal/modspec"
)

// secretDiffs replaces the diffs of a no_log task (secret files such as
// the Open edX configuration files) with a key-level view of JSON/YAML
// documents: `~ PLATFORM_NAME: "A" → "B"`, with the values hidden where
// they are secret (every key of an auth file, a key that is one of this
// host's auth file keys (authKeys, updated), a key whose name says
// secret). Other content only says that it changed. Vault values that
// are left are masked by the output's redactor.
func secretDiffs(diffs []modspec.Diff, authKeys map[string]bool) []modspec.Diff {
	var out []modspec.Diff
	for _, d := range diffs {
		if d.Before == d.After {
			continue
		}
		note := " (secret: values hidden)"
		out = append(out, modspec.Diff{BeforeHeader: d.BeforeHeader + note, AfterHeader: d.AfterHeader + note,
			After: SecretKeyLines(d, authKeys), Redacted: true})
	}
	return out
}

// SecretKeyLines renders the key-level view of a secret file's diff (see
// secretDiffs); authKeys (may be nil) collects the keys of auth files.
func SecretKeyLines(d modspec.Diff, authKeys map[string]bool) string {
	changes, ok := keydiff.Compare(d.Before, d.After)
	if !ok {
		return "content changed\n"
	}
	if len(changes) == 0 {
		return "content changed (formatting only)\n"
	}
	auth := keydiff.AuthFile(strings.TrimSuffix(firstNonEmpty(d.BeforeHeader, d.AfterHeader), " (content)"))
	if auth && authKeys != nil {
		for _, c := range changes {
			authKeys[c.Key] = true
		}
	}
	return keydiff.Lines(keydiff.Mask(changes, func(key string) bool {
		return auth || authKeys[key] || keydiff.SecretName(key)
	}))
}

func firstNonEmpty(vals ...string) string {
	for _, v := range vals {
		if v != "" {
			return v
		}
	}
	return ""
}
