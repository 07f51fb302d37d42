package report

import (
	"strings"
	"testing"
)

// TestMergeTasks checks how slices' task lists line up: by title, in
// order, a task only one slice ran inserted where that slice ran it.
func TestMergeTasks(t *testing.T) {
	mk := func(titles string) []*taskLog {
		var out []*taskLog
		for _, ti := range strings.Fields(titles) {
			out = append(out, &taskLog{title: ti, hosts: []*hostLog{{host: ti}}})
		}
		return out
	}
	titles := func(ts []*taskLog) string {
		var s []string
		for _, t := range ts {
			s = append(s, t.title)
		}
		return strings.Join(s, " ")
	}
	cases := []struct{ a, b, want string }{
		{"a b c", "a b c", "a b c"},
		{"a b c", "a c", "a b c"},
		{"a c", "a b c", "a b c"},
		{"a b a", "a a", "a b a"},
		{"", "a b", "a b"},
		{"a b", "x", "x a b"},
	}
	for _, c := range cases {
		got := mergeTasks(mergeTasks(nil, mk(c.a)), mk(c.b))
		if titles(got) != c.want {
			t.Errorf("merge %q with %q: %q, want %q", c.a, c.b, titles(got), c.want)
		}
	}
}

// TestReadStreamErrors checks that a broken stream is refused with its line.
func TestReadStreamErrors(t *testing.T) {
	cases := []struct{ name, in, msg string }{
		{"not json", "{\"event\":\"recap\"\n", "s.jsonl:1: not a JSON event"},
		{"no recap", `{"event":"play_start","time":"2026-01-01T00:00:00Z","play":"p","hosts":[]}` + "\n", "no recap event"},
		{"bad slice", `{"event":"slice","time":"2026-01-01T00:00:00Z","index":3,"count":2}` + "\n", "s.jsonl:1: slice 3/2"},
		{"bad time", `{"event":"recap","time":"yesterday","hosts":{}}` + "\n", "bad time"},
	}
	for _, c := range cases {
		if _, err := ReadStream("s.jsonl", strings.NewReader(c.in)); err == nil || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("%s: %v, want an error with %q", c.name, err, c.msg)
		}
	}
}
