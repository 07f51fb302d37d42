package engine

import (
	"testing"

	"github.com/edxplay/edxplay/internal/playbook"
)

// TestBlockSectionFailure pins how a failure is taken up in nested block
// sections, as ansible-core's PlayIterator decides (the e2e block matrix
// checks the same against recorded ansible runs).
func TestBlockSectionFailure(t *testing.T) {
	task := &playbook.Task{Name: "t", Action: "debug"}
	blk := func(rescue, always bool) *playbook.Task {
		b := &playbook.Task{Block: []*playbook.Task{task}}
		if rescue {
			b.Rescue = []*playbook.Task{task}
		}
		if always {
			b.Always = []*playbook.Task{task}
		}
		return b
	}
	in := func(parent *blockSection, b *playbook.Task, kind sectionKind) *blockSection {
		return &blockSection{parent: parent, block: b, kind: kind}
	}
	withAlways := in(nil, blk(false, true), sectionBody)
	tests := []struct {
		name                string
		s                   *blockSection
		absorbed, failsPlay bool
		rescuing            bool
	}{
		{"top level", nil, false, true, false},
		{"body with rescue", in(nil, blk(true, false), sectionBody), true, false, true},
		{"body with always only", withAlways, true, false, false},
		{"rescue without always", in(nil, blk(true, false), sectionRescue), false, true, false},
		{"rescue with always", in(nil, blk(true, true), sectionRescue), true, false, false},
		{"always", in(nil, blk(true, true), sectionAlways), false, true, false},
		{"plain block in body with rescue", in(in(nil, blk(true, false), sectionBody), blk(false, false), sectionBody), true, false, true},
		{"include in body with always only", in(withAlways, &playbook.Task{}, sectionBody), true, true, false},
		{"inner rescue in outer body with rescue", in(in(nil, blk(true, false), sectionBody), blk(true, false), sectionRescue), true, false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.s.absorbed(); got != tt.absorbed {
				t.Errorf("absorbed = %v, want %v", got, tt.absorbed)
			}
			if got := tt.s.failsPlay(); got != tt.failsPlay {
				t.Errorf("failsPlay = %v, want %v", got, tt.failsPlay)
			}
			if got := tt.s.rescuing(); got != tt.rescuing {
				t.Errorf("rescuing = %v, want %v", got, tt.rescuing)
			}
		})
	}
}

// TestNextInRescueOrAlways pins which hosts any_errors_fatal spares: those
// whose next task is in a rescue or always section.
func TestNextInRescueOrAlways(t *testing.T) {
	task := &playbook.Task{Name: "t", Action: "debug"}
	inner := &playbook.Task{Block: []*playbook.Task{task}}
	b := &playbook.Task{Block: []*playbook.Task{task}, Always: []*playbook.Task{task}}
	bBlockAlways := &playbook.Task{Block: []*playbook.Task{task}, Always: []*playbook.Task{inner}}
	tests := []struct {
		name string
		rest []*playbook.Task
		s    *blockSection
		want bool
	}{
		{"top level", []*playbook.Task{task}, nil, false},
		{"more body tasks", []*playbook.Task{task}, &blockSection{block: b}, false},
		{"last body task, always next", nil, &blockSection{block: b}, true},
		{"always next is a block", nil, &blockSection{block: bBlockAlways}, false},
		{"more always tasks", []*playbook.Task{task}, &blockSection{block: b, kind: sectionAlways}, true},
		{"last always task", nil, &blockSection{block: b, kind: sectionAlways, rest: []*playbook.Task{task}}, false},
		{"last always task, enclosing always next", nil, &blockSection{block: b, kind: sectionAlways,
			parent: &blockSection{block: b}}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := nextInRescueOrAlways(tt.rest, tt.s); got != tt.want {
				t.Errorf("nextInRescueOrAlways = %v, want %v", got, tt.want)
			}
		})
	}
}
