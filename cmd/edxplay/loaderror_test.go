package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/edxplay/edxplay/internal/playbook"
)

func TestErrorText(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "p.yml")
	if err := os.WriteFile(file, []byte("- hosts: localhost\n  include: foo.yml\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	at := func(line, col int) playbook.Pos { return playbook.Pos{File: file, Line: line, Col: col} }
	where := func(line, col int) string {
		return fmt.Sprintf("The error appears to be in '%s': line %d, column %d, but may\n"+
			"be elsewhere in the file depending on the exact syntax problem.\n", file, line, col)
	}
	cases := []struct {
		name string
		err  error
		want string
	}{
		{"plain error", errors.New("no such file"), "no such file"},
		{"located", &playbook.Error{Pos: at(2, 3), Msg: "'include' is not a valid attribute for a Play"},
			"'include' is not a valid attribute for a Play\n\n" + where(2, 3) +
				"\nThe offending line appears to be:\n\n- hosts: localhost\n  include: foo.yml\n  ^ here"},
		{"innermost wins", &playbook.Error{Pos: at(1, 3), Msg: "import_playbook x.yml",
			Err: &playbook.Error{Pos: at(1, 1), Msg: "bad", Err: errors.New("cause")}},
			"bad: cause\n\n" + where(1, 1) + "\nThe offending line appears to be:\n\n\n- hosts: localhost\n^ here"},
		{"unreadable file", &playbook.Error{Pos: playbook.Pos{File: filepath.Join(dir, "gone.yml"), Line: 4, Col: 1}, Msg: "bad"},
			"bad\n\nThe error appears to be in '" + filepath.Join(dir, "gone.yml") + "': line 4, column 1, but may\n" +
				"be elsewhere in the file depending on the exact syntax problem.\n"},
		{"no line", &playbook.Error{Pos: playbook.Pos{File: "x.yml"}, Msg: "bad"}, "x.yml: bad"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := errorText(fmt.Errorf("wrapped: %w", c.err)); c.name != "plain error" && c.name != "no line" && got != c.want {
				t.Errorf("got %q\nwant %q", got, c.want)
			}
			if got := errorText(c.err); got != c.want {
				t.Errorf("got %q\nwant %q", got, c.want)
			}
		})
	}
}
