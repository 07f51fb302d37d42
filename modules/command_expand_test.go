package modules

import "testing"

func TestExpandVarsAndUser(t *testing.T) {
	s := func(v string) *string { return &v }
	vars := map[string]*string{"HOME": s("/home/u/"), "A": s("~/x"), "EMPTY": s("")}
	homes := map[string]string{"root": "/root", "": "/by/uid", "slash": "/"}
	for _, tt := range []struct{ in, want string }{
		{"$A", "/home/u/x"},
		{"${A}y", "/home/u/xy"},
		{"$EMPTY-$NOPE-${NOPE}-${}", "-$NOPE-${NOPE}-${}"},
		{"~", "/home/u"},
		{"~/", "/home/u/"},
		{"~root", "/root"},
		{"~slash", "/"},
		{"~slash/z", "/z"},
		{"~nobody/z", "~nobody/z"},
		{"a~", "a~"},
		{"$", "$"},
	} {
		if got := expandUser(expandVars(tt.in, vars), vars, homes); got != tt.want {
			t.Errorf("expand %q = %q, want %q", tt.in, got, tt.want)
		}
	}
	if got := expandUser("~/d", map[string]*string{}, homes); got != "/by/uid/d" {
		t.Errorf("~ without HOME = %q, want the uid's home", got)
	}
}
