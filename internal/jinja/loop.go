package jinja

import (
	"context"

	"github.com/edxplay/edxplay/internal/jinja2"
	"github.com/edxplay/edxplay/internal/lookups"
	"github.com/edxplay/edxplay/internal/taint"
)

// LoopLookup runs the lookup of a with_<name> loop as Ansible's
// TaskExecutor._get_loop_items does: terms (the loop's raw value) are
// listified and templated in scope, the lookup runs with wantlist, and each
// item comes back wrapped in the taint marks it carries (lookup results are
// unsafe; a vault file's text is secret) plus those of what the terms read.
// subdir is first_found's search directory ("templates", "vars" or
// "files").
func (e *Engine) LoopLookup(name string, terms any, scope *Scope, subdir string) ([]any, error) {
	rc := e.newRenderCtx(scope, newState(), "")
	items, err := lookups.Loop(context.Background(), controller{rc}, name, toValue(terms), subdir)
	if err != nil {
		return nil, err
	}
	out := make([]any, len(items))
	for i, it := range items {
		out[i] = taint.Wrap(fromValue(it), rc.reads.flags|flagsOf(it.Marks()))
	}
	return out, nil
}

// flagsOf maps template marks onto taint flags (marksOf's inverse).
func flagsOf(m jinja2.Mark) taint.Flags {
	var f taint.Flags
	if m&jinja2.Unsafe != 0 {
		f |= taint.Unsafe
	}
	if m&jinja2.Secret != 0 {
		f |= taint.Secret
	}
	return f
}
