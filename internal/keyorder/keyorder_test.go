package keyorder

import (
	"runtime"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"
)

func TestKeys(t *testing.T) {
	tests := []struct {
		name   string
		m      map[string]any
		record []string
		edit   func(m map[string]any)
		want   []string
	}{
		{"unrecorded sorts", map[string]any{"b": 1, "a": 2, "c": 3}, nil, nil, []string{"a", "b", "c"}},
		{"recorded order", map[string]any{"b": 1, "a": 2, "c": 3}, []string{"c", "a", "b"}, nil, []string{"c", "a", "b"}},
		{"duplicates ignored", map[string]any{"b": 1, "a": 2}, []string{"b", "a", "b"}, nil, []string{"b", "a"}},
		{"deleted key skipped", map[string]any{"z": 1, "y": 2, "x": 3}, []string{"z", "y", "x"},
			func(m map[string]any) { delete(m, "y") }, []string{"z", "x"}},
		{"added keys last, sorted", map[string]any{"z": 1, "y": 2}, []string{"z", "y"},
			func(m map[string]any) { m["b"], m["a"] = 1, 2 }, []string{"z", "y", "a", "b"}},
		{"extra recorded keys ignored", map[string]any{"q": 1}, []string{"p", "q", "r"}, nil, []string{"q"}},
		{"empty map", map[string]any{}, []string{}, nil, []string{}},
		{"nil map", nil, []string{"a"}, nil, []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.record != nil {
				Record(tt.m, tt.record)
			}
			if tt.edit != nil {
				tt.edit(tt.m)
			}
			if got := Keys(tt.m); !slices.Equal(got, tt.want) {
				t.Errorf("Keys = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestCopyAndAppend(t *testing.T) {
	src := map[string]any{"b": 1, "a": 2}
	Record(src, []string{"b", "a"})
	dst := map[string]string{"a": "x", "b": "y"}
	Copy(dst, src)
	if got := Keys(dst); !slices.Equal(got, []string{"b", "a"}) {
		t.Errorf("Copy: Keys = %v", got)
	}
	dst["0"] = "z"
	Append(dst, "0")
	Append(dst, "b")
	if got := Keys(dst); !slices.Equal(got, []string{"b", "a", "0"}) {
		t.Errorf("Append: Keys = %v", got)
	}
	plain := map[string]int{"y": 1, "x": 2}
	plain["a"] = 3
	Append(plain, "a")
	if got := Keys(plain); !slices.Equal(got, []string{"x", "y", "a"}) {
		t.Errorf("Append on unrecorded map: Keys = %v", got)
	}
	unordered := map[string]any{"k": 1}
	Copy(dst, unordered) // no order to copy: dst keeps its own
	if got := Keys(dst); !slices.Equal(got, []string{"b", "a", "0"}) {
		t.Errorf("Copy from unordered map changed dst: %v", got)
	}
	if Has(unordered) || !Has(src) {
		t.Error("Has is wrong")
	}
}

func TestEntriesDroppedWithMap(t *testing.T) {
	count := func() int {
		n := 0
		orders.Range(func(_, _ any) bool { n++; return true })
		return n
	}
	before := count()
	for i := 0; i < 100; i++ {
		m := map[string]any{"k" + strconv.Itoa(i): i}
		Record(m, []string{"k" + strconv.Itoa(i)})
	}
	deadline := time.Now().Add(5 * time.Second)
	for count() > before+10 && time.Now().Before(deadline) {
		runtime.GC()
		time.Sleep(10 * time.Millisecond)
	}
	if n := count(); n > before+10 {
		t.Errorf("%d entries still recorded after their maps died (had %d)", n, before)
	}
}

func TestConcurrentUse(t *testing.T) {
	shared := map[string]any{"b": 1, "a": 2}
	Record(shared, []string{"b", "a"})
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 200; i++ {
				m := map[string]any{"y": i, "x": i}
				Record(m, []string{"y", "x"})
				if got := Keys(m); !slices.Equal(got, []string{"y", "x"}) {
					t.Errorf("Keys = %v", got)
					return
				}
				if got := Keys(shared); !slices.Equal(got, []string{"b", "a"}) {
					t.Errorf("shared Keys = %v", got)
					return
				}
			}
		}()
	}
	wg.Wait()
}
