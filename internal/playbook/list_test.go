package playbook

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// listCase is one golden recorded by testdata/regen.sh.
type listCase struct {
	name, playbook string
	tasks          bool
	only, skip     []string
}

// readListCases parses the CASES block of testdata/regen.sh so the test
// and the regeneration script share one list.
func readListCases(t *testing.T) []listCase {
	t.Helper()
	data, err := os.ReadFile("testdata/regen.sh")
	if err != nil {
		t.Fatal(err)
	}
	_, block, _ := strings.Cut(string(data), "<<'CASES'\n")
	block, _, _ = strings.Cut(block, "\nCASES")
	var cases []listCase
	for _, line := range strings.Split(block, "\n") {
		f := strings.Split(line, "|")
		if len(f) != 3 {
			t.Fatalf("bad case line %q", line)
		}
		c := listCase{name: f[0], playbook: f[1]}
		args := strings.Fields(f[2])
		for i := 0; i < len(args); i++ {
			switch args[i] {
			case "--list-tasks":
				c.tasks = true
			case "--tags":
				i++
				c.only = strings.Split(args[i], ",")
			case "--skip-tags":
				i++
				c.skip = strings.Split(args[i], ",")
			}
		}
		cases = append(cases, c)
	}
	return cases
}

func TestListGoldens(t *testing.T) {
	for _, c := range readListCases(t) {
		t.Run(c.name, func(t *testing.T) {
			pb, err := Load(filepath.Join("testdata", c.playbook), testOpts)
			if err != nil {
				t.Fatal(err)
			}
			pb.Path = c.playbook // ansible ran from testdata/
			got := ListTags(pb, c.only, c.skip)
			if c.tasks {
				got = ListTasks(pb, c.only, c.skip)
			}
			want, err := os.ReadFile(filepath.Join("testdata", "golden", c.name+".txt"))
			if err != nil {
				t.Fatal(err)
			}
			if got != string(want) {
				t.Errorf("got:\n%s\nwant:\n%s", got, want)
			}
		})
	}
}
