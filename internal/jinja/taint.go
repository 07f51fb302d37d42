package jinja

import "github.com/edxplay/edxplay/internal/taint"

// reads collects what one rendering read, to mark its result the way
// Ansible's AnsibleContext marks a template that read an unsafe value, and
// to tell a result derived from a secret from one that only copies public
// strings of a value that also holds a secret.
type reads struct {
	// flags is the union of the marks read; Secret is set when any value
	// read is, or holds, a secret.
	flags taint.Flags
	// whole is set when a value read is all secret (a secret string, a
	// no_log result).
	whole bool
	// mixed are the values read that hold a known secret among other
	// strings (a dict with a password and a host): those other strings are
	// public, and a result equal to one of them is not secret.
	mixed []any
}

// note adds a resolved variable to the reads.
func (r *reads) note(res resolution) {
	r.flags |= res.flags & taint.Inherited
	switch {
	case res.flags.Has(taint.Secret):
		r.whole = true
	case res.holds:
		r.flags |= taint.Secret
		r.mixed = append(r.mixed, res.value)
	}
}

// resultFlags are the marks of a rendering's result v: the unsafe mark of
// what it read, and Secret when v is a string rendered from a secret or
// anything rendered from a value that is all secret. A list or dict that
// merely holds a secret is not all secret: its derived strings are
// recorded one by one (recordSecret).
func (r *reads) resultFlags(v any) taint.Flags {
	f := r.flags & taint.Unsafe
	if _, isString := v.(string); (isString && r.flags.Has(taint.Secret)) || r.whole {
		f |= taint.Secret
	}
	return f
}

// recordSecret records with the engine's Secrets the strings of a
// rendering's result that were derived from a secret it read: not those
// copied from the template source, nor public strings of the values read.
func (e *Engine) recordSecret(r *reads, result any, source string) {
	if !r.flags.Has(taint.Secret) || e.opts.Secrets == nil {
		return
	}
	taint.Record(e.opts.Secrets, result, source, taint.Public(e.opts.Secrets, r.mixed...))
}

// merge adds what a nested rendering (a template lookup) read.
func (r *reads) merge(o *reads) {
	r.flags |= o.flags
	r.whole = r.whole || o.whole
	r.mixed = append(r.mixed, o.mixed...)
}
