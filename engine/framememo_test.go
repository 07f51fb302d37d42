package engine

import (
	"reflect"
	"testing"

	"github.com/edxplay/edxplay/internal/playbook"
)

// TestFrameKeywordMemo checks that the memoized keywords of a frame are
// what playbook.Inherit gives, for frames made by child, withVars and
// roleFrame, and that withVars makes the same frame as child with a
// vars-only task (the memo it keeps must not go stale).
func TestFrameKeywordMemo(t *testing.T) {
	yes, no := true, false
	base := frame{dir: "/pb"}
	base.setKeywords(playbook.Keywords{When: []string{"a"}, Become: &yes, BecomeUser: "root", NoLog: true,
		Vars: map[string]any{"play": 1}})
	block := &playbook.Task{Keywords: playbook.Keywords{When: []string{"b"}, Become: &no, Environment: []any{map[string]any{"X": "1"}},
		Vars: map[string]any{"block": 2}}}
	role := &playbook.RoleRef{Keywords: playbook.Keywords{BecomeUser: "app", Tags: []string{"r"}}}
	tasks := []*playbook.Task{
		{Action: "command"},
		{Action: "file", Keywords: playbook.Keywords{When: []string{"c"}, NoLog: false, Vars: map[string]any{"task": 3}}},
		{Action: "copy", Keywords: playbook.Keywords{BecomeUser: "www", Tags: []string{"t"}}},
	}
	frames := map[string]frame{"base": base, "block": base.child(block), "role": roleFrame(base, role)}
	for name, f := range frames {
		for _, task := range tasks {
			tf, child := f.withVars(task.Vars), f.child(&playbook.Task{Keywords: playbook.Keywords{Vars: task.Vars}})
			if !reflect.DeepEqual(tf.blockVars, child.blockVars) || !reflect.DeepEqual(tf.kw, child.kw) {
				t.Errorf("%s/%s: withVars frame differs from child:\n%+v\n%+v", name, task.Action, tf, child)
			}
			for round := range 2 { // the second round reads the memo
				want := playbook.Inherit(child.kw, task.Keywords)
				if got := tf.keywords(task); !reflect.DeepEqual(got, want) {
					t.Errorf("%s/%s round %d: keywords\n got %+v\nwant %+v", name, task.Action, round, got, want)
				}
				if got := child.keywords(task); !reflect.DeepEqual(got, want) {
					t.Errorf("%s/%s round %d: child keywords\n got %+v\nwant %+v", name, task.Action, round, got, want)
				}
			}
		}
	}
}
