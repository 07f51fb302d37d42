package report

import (
	"bytes"
	"testing"
)

// TestHumanPlaybookStart: from -vv on, the human output names the
// playbook and its number of plays, as ansible-playbook -vv does
// (recorded: "PLAYBOOK: two.yml ***" then "2 plays in /tmp/eng2t/two.yml").
func TestHumanPlaybookStart(t *testing.T) {
	const vv = "\nPLAYBOOK: two.yml **************************************************************\n" +
		"2 plays in /tmp/eng2t/two.yml\n"
	cases := []struct {
		name      string
		verbosity int
		want      string
	}{
		{"default", 0, ""},
		{"-v", 1, ""},
		{"-vv", 2, vv},
		{"-vvv", 3, vv},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var buf bytes.Buffer
			NewTee(NewHuman(&buf, c.verbosity, false)).PlaybookStart("/tmp/eng2t/two.yml", 2)
			if got := buf.String(); got != c.want {
				t.Errorf("got %q, want %q", got, c.want)
			}
		})
	}
}
