package taint

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/edxplay/edxplay/internal/odict"
)

func TestWrapUnwrap(t *testing.T) {
	tests := []struct {
		name      string
		v         any
		f         Flags
		want      any // Wrap's result
		inner     any // Unwrap's value
		wantFlags Flags
	}{
		{"no flags leave the value", "x", 0, "x", "x", 0},
		{"nil stays nil", nil, Unsafe, nil, nil, 0},
		{"string", "x", Unsafe, Value{V: "x", Flags: Unsafe}, "x", Unsafe},
		{"marks add up", Value{V: "x", Flags: Unsafe}, Secret, Value{V: "x", Flags: Unsafe | Secret}, "x", Unsafe | Secret},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Wrap(tt.v, tt.f)
			if !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("Wrap = %#v, want %#v", got, tt.want)
			}
			if inner, flags := Unwrap(got); !reflect.DeepEqual(inner, tt.inner) || flags != tt.wantFlags {
				t.Errorf("Unwrap = %#v, %v; want %#v, %v", inner, flags, tt.inner, tt.wantFlags)
			}
		})
	}
}

func TestStrip(t *testing.T) {
	plainList := []any{"a", 1}
	tests := []struct {
		name      string
		v         any
		want      any
		wantFlags Flags
	}{
		{"plain list is returned as is", plainList, plainList, 0},
		{"marked item", []any{"a", Wrap("b", Unsafe)}, []any{"a", "b"}, Unsafe},
		{"nested dict", map[string]any{"k": []any{Wrap("s", Secret)}, "o": "x"},
			map[string]any{"k": []any{"s"}, "o": "x"}, Secret},
		{"outer and inner", Wrap(map[string]any{"k": Wrap("v", Secret)}, Unsafe), map[string]any{"k": "v"}, Unsafe | Secret},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, flags := Strip(tt.v)
			if !reflect.DeepEqual(odict.DeepPlain(got), tt.want) || flags != tt.wantFlags {
				t.Errorf("Strip = %#v, %v; want %#v, %v", got, flags, tt.want, tt.wantFlags)
			}
			if Of(tt.v) != tt.wantFlags {
				t.Errorf("Of = %v", Of(tt.v))
			}
		})
	}
}

func TestValueFormats(t *testing.T) {
	v := Wrap(map[string]any{"k": Wrap("{{ x }}", Unsafe)}, Unsafe)
	b, err := json.Marshal(v)
	if err != nil || string(b) != `{"k":"{{ x }}"}` {
		t.Errorf("json = %s, %v", b, err)
	}
	if s := fmt.Sprint(Wrap("text", Secret)); s != "text" {
		t.Errorf("String = %q", s)
	}
	if s := (Unsafe | Secret).String(); s != "unsafe|secret" {
		t.Errorf("Flags.String = %q", s)
	}
}

type set map[string]bool

func (s set) Add(x string)      { s[x] = true }
func (s set) Has(x string) bool { return s[x] }
func (s set) Outside(x string) []string {
	parts := []string{x}
	for secret := range s {
		var next []string
		for _, p := range parts {
			next = append(next, strings.Split(p, secret)...)
		}
		parts = next
	}
	return parts
}

func TestKnownAndRecord(t *testing.T) {
	s := set{"hunter22": true}
	for v, want := range map[string]bool{"hunter22": true, "other": false} {
		if Known(s, []any{map[string]any{"k": v}}) != want {
			t.Errorf("Known(%q) != %v", v, want)
		}
	}
	if !Known(s, Wrap("unknown", Secret)) || !Known(s, []string{"hunter22"}) {
		t.Error("a marked value or a []string holding a secret is known")
	}
	public := Public(s, map[string]any{"host": "localhost", "pw": "hunter22", "q": Wrap("quiet", Secret)})
	if !reflect.DeepEqual(public, map[string]bool{"localhost": true}) {
		t.Errorf("Public = %v", public)
	}
	Record(s, []any{"derived1", "ab", "copied", "line one\ncopied\n", "localhost"}, "text copied from the template", public)
	for x, want := range map[string]bool{"derived1": true, "ab": false, "copied": false, "line one": true, "localhost": false} {
		if s.Has(x) != want {
			t.Errorf("recorded %q = %v, want %v", x, s.Has(x), want)
		}
	}
}

func TestAnsibleJSON(t *testing.T) {
	in := map[string]any{"s": "plain", "u": Wrap("{{ x }}", Unsafe), "n": 1,
		"l": Wrap([]any{"a", map[string]any{"k": "v"}}, Unsafe), "q": Wrap("pw", Secret)}
	want := map[string]any{"s": "plain", "u": map[string]any{"__ansible_unsafe": "{{ x }}"}, "n": 1,
		"l": []any{map[string]any{"__ansible_unsafe": "a"}, map[string]any{"k": map[string]any{"__ansible_unsafe": "v"}}}, "q": "pw"}
	if got := AnsibleJSON(in); !reflect.DeepEqual(odict.DeepPlain(got), want) {
		t.Errorf("AnsibleJSON = %#v", got)
	}
}
