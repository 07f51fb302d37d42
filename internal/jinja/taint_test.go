package jinja

import (
	"errors"
	"reflect"
	"sort"
	"testing"

	"github.com/edxplay/edxplay/internal/taint"
	"github.com/edxplay/edxplay/internal/vault"
)

// recordingSecrets is a vault Redactor that lists what is added to it
// after the test's secrets.
type recordingSecrets struct {
	*vault.Redactor
	added []string
}

func newRecordingSecrets(secrets ...string) *recordingSecrets {
	r := &recordingSecrets{Redactor: vault.NewRedactor()}
	for _, s := range secrets {
		r.Redactor.Add(s)
	}
	return r
}

func (r *recordingSecrets) Add(s string) {
	r.added = append(r.added, s)
	r.Redactor.Add(s)
}

func (r *recordingSecrets) list() []string {
	sort.Strings(r.added)
	return r.added
}

// TestSecretDerivation: what a rendering derives from a secret (a known
// secret string, a value marked secret, a registered result holding one)
// is recorded as secret; text copied from the template is not.
func TestSecretDerivation(t *testing.T) {
	tests := []struct {
		name string
		tpl  string
		want []string
	}{
		{"filter", "{{ pw | upper }}", []string{"HUNTER22"}},
		{"concat", "{{ 'x' ~ pw | upper }}", []string{"xHUNTER22"}},
		{"format", "{{ '%s!' | format(pw | upper) }}", []string{"HUNTER22!"}},
		{"template text around a secret is masked where the secret is", "{{ 'x' ~ pw }} and {{ '%s!' | format(pw) }}", nil},
		{"b64", "{{ pw | b64encode }}", []string{"aHVudGVyMjI="}},
		{"list of derived", "{{ [pw | upper, 'plain'] }}", []string{"HUNTER22"}},
		{"marked secret", "{{ marked | upper }}", []string{"QUIETVALUE"}},
		{"registered holding a secret", "{{ reg.lines | map('upper') | list }}", []string{"HUNTER22", "OTHER"}},
		{"condition on a secret copies template text", "{{ 'present' if pw else 'absent' }}", nil},
		{"short results are not recorded", "{{ pw | length }}", nil},
		{"no secret read", "{{ plain | upper }}", nil},
		{"public string of a dict holding a secret", "{{ db.host }}", nil},
		{"public strings of a list holding a secret", "{{ db.users | map(attribute='name') | list }}", nil},
		{"secret of a dict holding a secret", "{{ db.users[1].pw | upper }}", []string{"ALICEPASS"}},
		{"a dict rendered whole", "{{ db | to_json }}", []string{`{"host": "db.example.com", "users": [{"name": "root"}, {"name": "alice", "pw": "alicepass"}]}`}},
		{"attribute of a no_log result", "{{ marked_dict.cmd }}", []string{"echo quiet"}},
		{"multi-line: lines from the template are not secret", "[mysqld]\npassword = {{ pw | upper }}\n", []string{"password = HUNTER22"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			secrets := newRecordingSecrets("hunter22", "alicepass")
			e := New(Options{Secrets: secrets})
			scope := e.NewScope(map[string]any{
				"pw":     "hunter22",
				"plain":  "public",
				"marked": taint.Wrap("quietvalue", taint.Secret),
				"reg":    taint.Wrap(map[string]any{"lines": []any{"hunter22", "other"}}, taint.Unsafe),
				"db": map[string]any{"host": "db.example.com", "users": []any{
					map[string]any{"name": "root"}, map[string]any{"name": "alice", "pw": "{{ alice_pw }}"}}},
				"alice_pw":    "alicepass",
				"marked_dict": taint.Wrap(map[string]any{"cmd": "echo quiet", "rc": 0}, taint.Unsafe|taint.Secret),
			})
			if _, err := e.Template(tt.tpl, scope); err != nil {
				t.Fatal(err)
			}
			if got := secrets.list(); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("recorded %q, want %q", got, tt.want)
			}
		})
	}
}

// TestUnsafeNeverTemplated: unsafe values (host data, lookup results) are
// used literally, and what is rendered from them stays unsafe when stored
// (set_fact) and read again.
func TestUnsafeNeverTemplated(t *testing.T) {
	e := New(Options{})
	base := map[string]any{
		"out":    taint.Wrap(map[string]any{"stdout": "{{ 7 * 6 }}", "lines": []any{"{{ 1 + 1 }}"}}, taint.Unsafe),
		"raw":    taint.Wrap("{{ 7 * 6 }}", taint.Unsafe),
		"nested": map[string]any{"u": taint.Wrap("{{ 7 * 6 }}", taint.Unsafe), "s": "{{ 6 * 7 }}"},
	}
	tests := []struct {
		tpl        string
		want       any
		wantUnsafe bool
	}{
		{"{{ out.stdout }}", "{{ 7 * 6 }}", true},
		{"[{{ out.stdout | upper }}]", "[{{ 7 * 6 }}]", true},
		{"{{ out.lines }}", []any{"{{ 1 + 1 }}"}, true},
		{"{{ raw }}", "{{ 7 * 6 }}", true},
		{"{{ nested.u }} {{ nested.s }}", "{{ 7 * 6 }} 42", true},
		// as ansible-core 2.14: lookup terms are templated (42), the output
		// is unsafe; with allow_unsafe the result is a list (Ansible prints
		// ["safe"] too)
		{"{{ lookup('pipe', 'echo \"{{ 7 * 6 }}\"') }}", "42", true},
		{"{{ lookup('pipe', 'echo safe', allow_unsafe=True) }}", []any{"safe"}, false},
		{"{{ hv.h1.out.stdout }}", "{{ 7 * 6 }}", true},
		{"{{ hv['h1']['out']['lines'] | first }}", "{{ 1 + 1 }}", true},
		{"{{ 6 * 7 }}", "42", false},
	}
	base["hv"] = hostsLazy{"h1": e.NewScope(base)}
	for _, tt := range tests {
		t.Run(tt.tpl, func(t *testing.T) {
			marked, err := e.TemplateMarked(tt.tpl, e.NewScope(base))
			if err != nil {
				t.Fatal(err)
			}
			got, flags := taint.Unwrap(marked)
			if !reflect.DeepEqual(got, tt.want) || flags.Has(taint.Unsafe) != tt.wantUnsafe {
				t.Fatalf("got %#v (%v), want %#v (unsafe %v)", got, flags, tt.want, tt.wantUnsafe)
			}
			// stored as a fact and read again: still literal
			again, err := e.Template("{{ fact }}", e.NewScope(map[string]any{"fact": marked}))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(again, tt.want) {
				t.Errorf("read again: %#v, want %#v", again, tt.want)
			}
		})
	}
}

// hostsLazy is a hostvars-like Lazy mapping of host names to scopes.
type hostsLazy map[string]*Scope

func (h hostsLazy) Get(k string) (any, bool, error) {
	s, ok := h[k]
	return s, ok, nil
}

func (h hostsLazy) Keys() []string {
	var out []string
	for k := range h {
		out = append(out, k)
	}
	return out
}

// TestUnsafeConditional: a condition whose template renders host data is
// refused (Ansible's "Conditional is marked as unsafe"); one that reads
// host data as a value is evaluated.
func TestUnsafeConditional(t *testing.T) {
	e := New(Options{})
	scope := e.NewScope(map[string]any{"r": taint.Wrap(map[string]any{"stdout": "lookup('pipe', 'false') or true"}, taint.Unsafe)})
	if _, err := e.EvalBool("{{ r.stdout }}", scope); !errors.Is(err, ErrUnsafeConditional) {
		t.Errorf("templated host data: err = %v", err)
	}
	if ok, err := e.EvalBool("r.stdout is search('pipe')", scope); err != nil || !ok {
		t.Errorf("host data read as a value: %v, %v", ok, err)
	}
}
