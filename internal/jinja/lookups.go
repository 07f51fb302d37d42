package jinja

import (
	"context"
	"sync"

	"github.com/edxplay/edxplay/internal/jinja2"
	"github.com/edxplay/edxplay/internal/lookups"
)

// OmitPlaceholder is the value of the `omit` variable; module arguments
// equal to it must be dropped by the caller.
const OmitPlaceholder = "__omit_place_holder__c0a5dbc7b8b4e6a9d2d1f6d3c2b1a0f9e8d7c6b5"

// lookupNames are the globals the lookup plugins provide.
var lookupNames = map[string]bool{"lookup": true, "query": true, "q": true}

// lookupGlobal returns lookup(), query() or q() of this rendering
// (internal/lookups on this rendering's controller).
func (rc *renderCtx) lookupGlobal(name string) jinja2.Value {
	if rc.lookups == nil {
		rc.lookups = lookups.Globals(context.Background(), controller{rc})
	}
	return rc.lookups[name]
}

// sequenceEngine renders the sequence lookup's terms for Sequence.
var sequenceEngine = sync.OnceValue(func() *Engine { return New(Options{}) })

// Sequence builds the items of the sequence lookup (with_sequence): each
// term is "start=1 end=5 stride=1 format=%d", "count=N" or the shortcut
// "[start-]end[/stride][:format]"; items are formatted strings.
func Sequence(terms []any) ([]any, error) {
	e := sequenceEngine()
	rc := e.newRenderCtx(e.NewScope(map[string]any{}), newState(), "")
	kw := jinja2.NewDict()
	kw.SetStr("wantlist", jinja2.Bool(true))
	v, err := lookups.Call(context.Background(), controller{rc}, "sequence", values(terms), kw)
	if err != nil {
		return nil, err
	}
	out, _ := fromValue(v).([]any)
	if out == nil {
		out = []any{}
	}
	return out, nil
}

func values(args []any) []jinja2.Value {
	out := make([]jinja2.Value, len(args))
	for i, a := range args {
		out[i] = toValue(a)
	}
	return out
}
