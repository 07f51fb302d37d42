package jinja

import (
	"reflect"
	"sort"
	"testing"

	"github.com/edxplay/edxplay/internal/taint"
)

// knownSecrets is a taint.Secrets over a set of strings.
type knownSecrets map[string]bool

func (k knownSecrets) Add(s string)      { k[s] = true }
func (k knownSecrets) Has(s string) bool { return k[s] }

func (k knownSecrets) list() []string {
	var out []string
	for s := range k {
		out = append(out, s)
	}
	sort.Strings(out)
	return out
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
		{"concat", "{{ 'x' ~ pw }}", []string{"xhunter22"}},
		{"format", "{{ '%s!' | format(pw) }}", []string{"hunter22!"}},
		{"b64", "{{ pw | b64encode }}", []string{"aHVudGVyMjI="}},
		{"list of derived", "{{ [pw | upper, 'plain'] }}", []string{"HUNTER22"}},
		{"marked secret", "{{ marked | upper }}", []string{"QUIETVALUE"}},
		{"registered holding a secret", "{{ reg.lines | map('upper') | list }}", []string{"HUNTER22", "OTHER"}},
		{"condition on a secret copies template text", "{{ 'present' if pw else 'absent' }}", nil},
		{"short results are not recorded", "{{ pw | length }}", nil},
		{"no secret read", "{{ plain | upper }}", nil},
		{"multi-line: lines from the template are not secret", "[mysqld]\npassword = {{ pw | upper }}\n", []string{"password = HUNTER22"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			secrets := knownSecrets{"hunter22": true}
			e := New(Options{Secrets: secrets})
			scope := e.NewScope(map[string]any{
				"pw":     "hunter22",
				"plain":  "public",
				"marked": taint.Wrap("quietvalue", taint.Secret),
				"reg":    taint.Wrap(map[string]any{"lines": []any{"hunter22", "other"}}, taint.Unsafe),
			})
			if _, err := e.Template(tt.tpl, scope); err != nil {
				t.Fatal(err)
			}
			delete(secrets, "hunter22")
			if got := secrets.list(); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("recorded %q, want %q", got, tt.want)
			}
		})
	}
}
