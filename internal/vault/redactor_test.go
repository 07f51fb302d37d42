package vault

import (
	"sync"
	"testing"
)

func TestRedact(t *testing.T) {
	tests := []struct {
		name    string
		secrets []string
		in      string
		want    string
	}{
		{"single", []string{"hunter2"}, "pw is hunter2!", "pw is ********!"},
		{"every occurrence", []string{"ab"}, "ab-ab-ab", "********-********-********"},
		{"longest first", []string{"pass", "password1"}, "password1 pass", "******** ********"},
		{"trailing newline trimmed form", []string{"tok\n"}, "value: tok.", "value: ********."},
		{"json escaped", []string{`a"b\c`}, `{"k": "a\"b\\c"}`, `{"k": "********"}`},
		{"html-escaped json", []string{"<x&y>"}, `{"k": "\u003cx\u0026y\u003e"}`, `{"k": "********"}`},
		{"multi-line json", []string{"l1\nl2"}, `"l1\nl2"`, `"********"`},
		{"each line of a multi-line secret", []string{"-----BEGIN KEY-----\nMIIEabcdef\nxy\n-----END KEY-----\n"},
			`["-----BEGIN KEY-----", "MIIEabcdef", "xy"]`, `["********", "********", "xy"]`},
		{"empty and blank ignored", []string{"", " \n"}, "a b\n", "a b\n"},
		{"nothing recorded", nil, "text", "text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := NewRedactor()
			for _, s := range tt.secrets {
				r.Add(s)
			}
			if got := r.Redact(tt.in); got != tt.want {
				t.Errorf("Redact(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestRedactorHas(t *testing.T) {
	r := NewRedactor()
	r.Add("line one\nl2\n")
	for s, want := range map[string]bool{"line one\nl2\n": true, "line one\nl2": true, "line one": true, "l2": false, "other": false} {
		if got := r.Has(s); got != want {
			t.Errorf("Has(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestNilRedactor(t *testing.T) {
	var r *Redactor
	r.Add("x")
	if got := r.Redact("x"); got != "x" || r.Len() != 0 {
		t.Errorf("nil redactor changed text: %q", got)
	}
}

func TestRedactorConcurrent(t *testing.T) {
	r := NewRedactor()
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r.Add(string(rune('a'+i)) + "secret")
			_ = r.Redact("asecret bsecret")
		}()
	}
	wg.Wait()
	if got := r.Redact("asecret hsecret"); got != "******** ********" {
		t.Errorf("Redact = %q", got)
	}
}
