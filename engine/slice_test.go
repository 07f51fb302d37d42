package engine

import (
	"slices"
	"testing"
)

// TestSliceSelect checks AWX's dealing (hosts sorted by name, host k to
// slice k mod N + 1) and that every host is in exactly one slice.
func TestSliceSelect(t *testing.T) {
	inv := []string{"web3", "db1", "web1", "web2", "db2"} // sorted: db1 db2 web1 web2 web3
	cases := []struct {
		slice Slice
		want  []string
	}{
		{Slice{}, inv},
		{Slice{Index: 1, Count: 1}, inv},
		{Slice{Index: 1, Count: 2}, []string{"web3", "db1", "web1"}},
		{Slice{Index: 2, Count: 2}, []string{"web2", "db2"}},
		{Slice{Index: 3, Count: 3}, []string{"web1"}},
		{Slice{Index: 2, Count: 7}, []string{"db2"}},
		{Slice{Index: 7, Count: 7}, nil},
	}
	for _, c := range cases {
		if got := c.slice.Select(inv, inv); !slices.Equal(got, c.want) {
			t.Errorf("slice %s: %v, want %v", c.slice, got, c.want)
		}
	}
	seen := map[string]int{}
	for i := 1; i <= 3; i++ {
		for _, h := range (Slice{Index: i, Count: 3}).Select(inv, append(inv, "localhost")) {
			seen[h]++
		}
	}
	for _, h := range inv {
		if seen[h] != 1 {
			t.Errorf("%s is in %d slices, want 1", h, seen[h])
		}
	}
	if seen["localhost"] != 3 {
		t.Errorf("localhost (not in the inventory) is in %d slices, want every one", seen["localhost"])
	}
}

// TestSliceValidate rejects indexes outside 1..count.
func TestSliceValidate(t *testing.T) {
	for _, c := range []struct {
		s  Slice
		ok bool
	}{{Slice{}, true}, {Slice{1, 1}, true}, {Slice{4, 4}, true}, {Slice{0, 4}, false}, {Slice{5, 4}, false}, {Slice{1, -1}, false}} {
		if err := c.s.Validate(); (err == nil) != c.ok {
			t.Errorf("%s: %v, want ok=%v", c.s, err, c.ok)
		}
	}
}
