package lookups

import (
	"context"

	"github.com/edxplay/edxplay/internal/jinja2"
)

// lookupFlattened is community.general's flattened (ansible-core 2.14
// routes the short name there): lists nested at any depth are spliced
// in, a string term is listified (a template naming a list becomes that
// list, a plain string stays itself), and a 'None' or 'null' term ends
// the list.
func lookupFlattened(ctx context.Context, r *runner, terms jinja2.Value, _ *jinja2.Dict) ([]jinja2.Value, error) {
	if terms.Kind() != jinja2.ListKind {
		return nil, errorf("with_flattened expects a list")
	}
	return r.flatten(ctx, terms.Items(), 0)
}

// flatten is the plugin's _do_flatten; depth bounds the recursion.
func (r *runner) flatten(ctx context.Context, terms []jinja2.Value, depth int) ([]jinja2.Value, error) {
	if depth > maxFlattenDepth {
		return nil, errorf("with_flattened: lists nested deeper than %d", maxFlattenDepth)
	}
	var out []jinja2.Value
	for _, term := range terms {
		term = singleItem(term)
		if term.Kind() == jinja2.StrKind {
			if s := term.StrValue(); s == "None" || s == "null" {
				break
			}
			l, err := listify(ctx, r.ctrl, term, true)
			if err != nil {
				return nil, err
			}
			if !isListOf(l, term) {
				term = l
			}
		}
		if term.Kind() != jinja2.ListKind {
			out = append(out, term)
			continue
		}
		sub, err := r.flatten(ctx, term.Items(), depth+1)
		if err != nil {
			return nil, err
		}
		out = append(out, sub...)
	}
	return out, nil
}

// maxFlattenDepth is how deep flattened follows nested lists.
const maxFlattenDepth = 1000

// singleItem is _check_list_of_one_list: a list of one (list of one...)
// item is that item.
func singleItem(term jinja2.Value) jinja2.Value {
	for term.Kind() == jinja2.ListKind && len(term.Items()) == 1 {
		inner := term.Items()[0]
		if inner.Kind() != jinja2.ListKind {
			return inner
		}
		term = inner
	}
	return term
}

// isListOf reports whether l is [term] (listify left a plain string as it was).
func isListOf(l, term jinja2.Value) bool {
	if l.Kind() != jinja2.ListKind || len(l.Items()) != 1 {
		return false
	}
	same, err := jinja2.Equal(l.Items()[0], term)
	return err == nil && same
}
