package inventory

import (
	"errors"
	"testing"
)

// TestBoundedBuffer checks that writes past the bound fail and keep
// nothing of the refused write.
func TestBoundedBuffer(t *testing.T) {
	b := &boundedBuffer{n: 5}
	if _, err := b.Write([]byte("abc")); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Write([]byte("def")); !errors.Is(err, errOutputTooLarge) {
		t.Errorf("write past the bound: %v", err)
	}
	if b.String() != "abc" {
		t.Errorf("kept %q", b.String())
	}
}
