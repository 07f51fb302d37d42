package lookups

import (
	"context"
	"strings"

	"github.com/edxplay/edxplay/internal/jinja2"
)

var firstFoundOptions = []option{
	{name: "files", typ: optList, def: jinja2.NewList()},
	{name: "paths", typ: optList, def: jinja2.NewList()},
	{name: "skip", typ: optBool, def: jinja2.Bool(false)},
}

// lookupFirstFound returns the first file found of the candidates: the
// terms, or files × paths given as options or as mapping terms.
func lookupFirstFound(ctx context.Context, r *runner, terms jinja2.Value, kw *jinja2.Dict) ([]jinja2.Value, error) {
	list, err := items(terms)
	if err != nil {
		return nil, err
	}
	search, skip, err := firstFoundCandidates(list, kw)
	if err != nil {
		return nil, err
	}
	for _, fn := range search {
		t, err := r.ctrl.Template(ctx, fn, true)
		if err != nil {
			if c := jinja2.ErrorClass(err); c == "UndefinedError" || c == "AnsibleUndefinedVariable" {
				continue
			}
			return nil, err
		}
		path, err := findFile(ctx, r.ctrl, r.subdir, pyStr(t), true)
		if err != nil {
			return nil, err
		}
		if path != "" {
			return []jinja2.Value{jinja2.Str(path)}, nil
		}
	}
	if skip {
		return nil, nil
	}
	return nil, ansibleError("AnsibleLookupError", "No file was found when using first_found.")
}

// firstFoundCandidates is _process_terms: the file names to try in order
// and the skip option of the last term.
func firstFoundCandidates(terms []jinja2.Value, kw *jinja2.Dict) ([]jinja2.Value, bool, error) {
	var total []jinja2.Value
	skip := false
	for _, term := range terms {
		direct := kw
		switch term.Kind() {
		case jinja2.DictKind:
			direct = term.DictOf()
		case jinja2.StrKind:
		case jinja2.ListKind, jinja2.TupleKind:
			partial, s, err := firstFoundCandidates(term.Items(), kw)
			if err != nil {
				return nil, false, err
			}
			total, skip = append(total, partial...), s
			continue
		default:
			return nil, false, ansibleError("AnsibleLookupError", "Invalid term supplied, can handle string, mapping or list of strings but got: <class '%s'> for %s", jinja2.TypeName(term), pyStr(term))
		}
		opts, err := options("first_found", firstFoundOptions, direct)
		if err != nil {
			return nil, false, err
		}
		skip = opts["skip"].BoolValue()
		files := splitOn(opts["files"], ",;")
		paths := splitOn(opts["paths"], ",:;")
		switch {
		case len(paths) > 0:
			for _, p := range paths {
				for _, f := range files {
					total = append(total, jinja2.Str(pathJoin(p, f)))
				}
			}
		case len(files) > 0:
			total = nil
			for _, f := range files {
				total = append(total, jinja2.Str(f))
			}
		default:
			total = append(total, term)
		}
	}
	return total, skip, nil
}

// pathJoin is os.path.join of two parts.
func pathJoin(a, b string) string {
	if strings.HasPrefix(b, "/") || a == "" {
		return b
	}
	if strings.HasSuffix(a, "/") {
		return a + b
	}
	return a + "/" + b
}

// splitOn is _split_on: every string in v split at any of chars.
func splitOn(v jinja2.Value, chars string) []string {
	if v.Kind() == jinja2.StrKind {
		// Python's _splitter keeps empty parts.
		var out []string
		cur := ""
		for _, r := range v.StrValue() {
			if strings.ContainsRune(chars, r) {
				out, cur = append(out, cur), ""
				continue
			}
			cur += string(r)
		}
		return append(out, cur)
	}
	var out []string
	for _, it := range v.Items() {
		out = append(out, splitOn(it, chars)...)
	}
	return out
}
