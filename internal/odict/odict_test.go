package odict

import (
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

func TestMapOperations(t *testing.T) {
	tests := []struct {
		name string
		edit func(m *Map)
		keys []string
		len  int
	}{
		{"insertion order", func(m *Map) { m.Set("b", 1); m.Set("a", 2); m.Set("c", 3) }, []string{"b", "a", "c"}, 3},
		{"overwrite keeps position", func(m *Map) { m.Set("b", 1); m.Set("a", 2); m.Set("b", 9) }, []string{"b", "a"}, 2},
		{"delete keeps the rest in order", func(m *Map) { m.Set("z", 1); m.Set("y", 2); m.Set("x", 3); m.Delete("y") }, []string{"z", "x"}, 2},
		{"delete then re-add goes last", func(m *Map) { m.Set("a", 1); m.Set("b", 2); m.Delete("a"); m.Set("a", 3) }, []string{"b", "a"}, 2},
		{"delete of a missing key", func(m *Map) { m.Set("a", 1); m.Delete("q") }, []string{"a"}, 1},
		{"empty", func(*Map) {}, nil, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var m Map
			tt.edit(&m)
			if got := m.Keys(); !slices.Equal(got, tt.keys) {
				t.Errorf("Keys = %v, want %v", got, tt.keys)
			}
			if m.Len() != tt.len || len(m.Plain()) != tt.len {
				t.Errorf("Len = %d, Plain has %d, want %d", m.Len(), len(m.Plain()), tt.len)
			}
			var ranged []string
			for k := range m.All() {
				ranged = append(ranged, k)
			}
			if !slices.Equal(ranged, tt.keys) {
				t.Errorf("All = %v, want %v", ranged, tt.keys)
			}
		})
	}
}

func TestGetSetValues(t *testing.T) {
	m := Of("b", 1, "a", "x", "b", 2)
	if v, ok := m.Get("b"); !ok || v != 2 {
		t.Errorf("Get(b) = %v, %v", v, ok)
	}
	if _, ok := m.Get("q"); ok || m.Has("q") || !m.Has("a") {
		t.Error("Get/Has of a missing key is wrong")
	}
	if !slices.Equal(m.Keys(), []string{"b", "a"}) {
		t.Errorf("Of keys = %v", m.Keys())
	}
}

func TestNilMapReadsEmpty(t *testing.T) {
	var m *Map
	if m.Len() != 0 || m.Keys() != nil || m.Plain() != nil || m.Delete("a") || m.Has("a") {
		t.Error("nil map does not read as empty")
	}
	m.Range(func(string, any) bool { t.Error("Range visited a nil map"); return true })
	if c := m.Clone(); c.Len() != 0 {
		t.Error("Clone of nil is not empty")
	}
}

func TestCloneIsIndependent(t *testing.T) {
	m := Of("a", 1, "b", 2)
	c := m.Clone()
	c.Set("c", 3)
	c.Delete("a")
	c.Set("b", 20)
	if !slices.Equal(m.Keys(), []string{"a", "b"}) || m.Plain()["b"] != 2 {
		t.Errorf("original changed: %v %v", m.Keys(), m.Plain())
	}
	if !slices.Equal(c.Keys(), []string{"b", "c"}) {
		t.Errorf("clone keys = %v", c.Keys())
	}
}

func TestKeysSliceIsNotAliasedByAppend(t *testing.T) {
	m := New(8)
	m.Set("a", 1)
	keys := m.Keys()
	_ = append(keys, "x")
	m.Set("b", 2)
	if !slices.Equal(keys, []string{"a"}) || !slices.Equal(m.Keys(), []string{"a", "b"}) {
		t.Errorf("keys = %v, map keys = %v", keys, m.Keys())
	}
}

func TestDeleteWhileIteratingKeys(t *testing.T) {
	m := Of("a", 1, "b", 2, "c", 3, "d", 4)
	var seen []string
	for _, k := range m.Keys() {
		seen = append(seen, k)
		m.Delete(k)
	}
	if !slices.Equal(seen, []string{"a", "b", "c", "d"}) || m.Len() != 0 {
		t.Errorf("visited %v, %d left", seen, m.Len())
	}
}

func TestRangeStops(t *testing.T) {
	m := Of("a", 1, "b", 2, "c", 3)
	var seen []string
	m.Range(func(k string, _ any) bool { seen = append(seen, k); return k != "b" })
	if !slices.Equal(seen, []string{"a", "b"}) {
		t.Errorf("Range visited %v", seen)
	}
}

func TestAsMapAndPlain(t *testing.T) {
	om := Of("b", 1, "a", 2)
	tests := []struct {
		name string
		v    any
		ok   bool
		keys []string
	}{
		{"ordered map", om, true, []string{"b", "a"}},
		{"plain map sorts", map[string]any{"b": 1, "a": 2, "c": 3}, true, []string{"a", "b", "c"}},
		{"nil ordered map", (*Map)(nil), true, nil},
		{"string", "x", false, nil},
		{"list", []any{1}, false, nil},
		{"other map type", map[string]string{"a": "b"}, false, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, ok := AsMap(tt.v)
			if ok != tt.ok || IsDict(tt.v) != tt.ok {
				t.Fatalf("AsMap ok = %v, IsDict = %v, want %v", ok, IsDict(tt.v), tt.ok)
			}
			if ok && !slices.Equal(m.Keys(), tt.keys) {
				t.Errorf("AsMap keys = %v, want %v", m.Keys(), tt.keys)
			}
			if got := KeysOf(tt.v); !slices.Equal(got, tt.keys) {
				t.Errorf("KeysOf = %v, want %v", got, tt.keys)
			}
			if p, ok := Plain(tt.v); ok != tt.ok || (ok && len(p) != len(tt.keys)) {
				t.Errorf("Plain = %v, %v", p, ok)
			}
		})
	}
	if m, _ := AsMap(om); m != om {
		t.Error("AsMap copied an ordered map")
	}
}

func TestJSON(t *testing.T) {
	tests := []struct {
		name, in, out string
	}{
		{"order kept", `{"b":1,"a":{"z":[1,2.5,"x"],"y":null},"c":true}`, `{"b":1,"a":{"z":[1,2.5,"x"],"y":null},"c":true}`},
		{"repeated key keeps first position", `{"a":1,"b":2,"a":3}`, `{"a":3,"b":2}`},
		{"empty", `{}`, `{}`},
		{"html escaped by json.Marshal", `{"<a>":"&"}`, `{"\u003ca\u003e":"\u0026"}`},
		{"big integer becomes float", `{"n":123456789012345678901234567890}`, `{"n":1.2345678901234568e+29}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var m Map
			if err := json.Unmarshal([]byte(tt.in), &m); err != nil {
				t.Fatal(err)
			}
			got, err := json.Marshal(&m)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.out {
				t.Errorf("got %s, want %s", got, tt.out)
			}
		})
	}
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(Of("<k>", []any{"&", Of("x", "<")})); err != nil || b.String() != `{"<k>":["&",{"x":"<"}]}`+"\n" {
		t.Errorf("unescaped encoding = %q, %v", b.String(), err)
	}
	if _, err := json.Marshal(Of("f", func() {})); err == nil {
		t.Error("Marshal of a func value did not fail")
	}
	for _, bad := range []string{`[1]`, `"x"`, `{"a":}`, `{"a":[1,}`, ``} {
		var m Map
		if err := json.Unmarshal([]byte(bad), &m); err == nil {
			t.Errorf("Unmarshal(%q) did not fail", bad)
		}
	}
}

func TestJSONIntegerTypes(t *testing.T) {
	var m Map
	if err := json.Unmarshal([]byte(`{"i":3,"f":3.5,"a":[{"k":1}]}`), &m); err != nil {
		t.Fatal(err)
	}
	if v, _ := m.Get("i"); v != 3 {
		t.Errorf("i = %#v", v)
	}
	if v, _ := m.Get("f"); v != 3.5 {
		t.Errorf("f = %#v", v)
	}
	a, _ := m.Get("a")
	if _, ok := a.([]any)[0].(*Map); !ok {
		t.Errorf("nested object is %T", a.([]any)[0])
	}
}

func TestYAML(t *testing.T) {
	tests := []struct {
		name, in, out string
		keys          []string
	}{
		{"order kept", "b: 1\na:\n  z: [1, x]\n  y: null\nc: true\n", "b: 1\na:\n    z:\n        - 1\n        - x\n    \"y\": null\nc: true\n", []string{"b", "a", "c"}},
		{"non-string keys kept as written", "1: one\ntrue: yes\n0x1f: n\n", "\"1\": one\n\"true\": \"yes\"\n\"0x1f\": \"n\"\n", []string{"1", "true", "0x1f"}},
		{"alias", "a: &x {k: 1}\nb: *x\n", "a:\n    k: 1\nb:\n    k: 1\n", []string{"a", "b"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var m Map
			if err := yaml.Unmarshal([]byte(tt.in), &m); err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(m.Keys(), tt.keys) {
				t.Errorf("keys = %v, want %v", m.Keys(), tt.keys)
			}
			got, err := yaml.Marshal(&m)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.out {
				t.Errorf("got %q, want %q", got, tt.out)
			}
		})
	}
	for _, bad := range []string{"- 1\n", "? [a]\n: 1\n", "x\n"} {
		var m Map
		if err := yaml.Unmarshal([]byte(bad), &m); err == nil {
			t.Errorf("Unmarshal(%q) did not fail", bad)
		}
	}
}

func TestDeepPlain(t *testing.T) {
	in := Of("b", []any{Of("x", 1)}, "a", map[string]any{"m": Of("y", 2)})
	want := map[string]any{"b": []any{map[string]any{"x": 1}}, "a": map[string]any{"m": map[string]any{"y": 2}}}
	if got := DeepPlain(in); !reflect.DeepEqual(got, want) {
		t.Errorf("DeepPlain = %#v", got)
	}
	if got := DeepPlain("s"); got != "s" {
		t.Errorf("DeepPlain(s) = %#v", got)
	}
}
