package report

import (
	"bytes"
	"encoding/xml"
	"io"
	"strings"
	"testing"
)

func runJUnit(t *testing.T, sc scenario) string {
	t.Helper()
	clk := newFakeClock()
	j := NewJUnit()
	j.now = clk.now
	sc.run(NewTee(j), clk)
	var buf bytes.Buffer
	if err := j.WriteXML(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

func TestJUnitGolden(t *testing.T) {
	for _, sc := range scenarios() {
		t.Run(sc.name, func(t *testing.T) {
			checkGolden(t, "junit", sc.name+".xml", runJUnit(t, sc))
		})
	}
}

// parsedSuites is the report read back with an XML parser.
type parsedSuites struct {
	Tests    int `xml:"tests,attr"`
	Failures int `xml:"failures,attr"`
	Errors   int `xml:"errors,attr"`
	Skipped  int `xml:"skipped,attr"`
	Suites   []struct {
		Name  string `xml:"name,attr"`
		Tests int    `xml:"tests,attr"`
		Cases []struct {
			Name      string `xml:"name,attr"`
			Classname string `xml:"classname,attr"`
			Time      string `xml:"time,attr"`
			Failure   *struct {
				Message string `xml:"message,attr"`
				Body    string `xml:",chardata"`
			} `xml:"failure"`
			Error   *struct{} `xml:"error"`
			Skipped *struct{} `xml:"skipped"`
		} `xml:"testcase"`
	} `xml:"testsuite"`
}

// wellFormed reads every token of doc with a strict XML parser.
func wellFormed(doc string) error {
	dec := xml.NewDecoder(strings.NewReader(doc))
	for {
		_, err := dec.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

func TestJUnitParses(t *testing.T) {
	tests := []struct {
		scenario                         string
		tests, failures, errors, skipped int
		cases                            map[string]string // "suite/testcase" -> time
	}{
		{"basic", 4, 0, 0, 0, map[string]string{"web servers/Gathering Facts [web1]": "1.500", "web servers/nginx : write config [web2]": "2.500"}},
		{"failures", 4, 1, 1, 1, map[string]string{"deploy <app> & \"db\"/migrate [a]": "2.500", "deploy <app> & \"db\"/migrate [c]": "0.700"}},
		{"loop_handler", 3, 1, 0, 0, map[string]string{"h1,h2/users : create [h1]": "1.000", "h1,h2/users : create [h2]": "0.500", "h1,h2/restart sshd [h1]": "3.000"}},
		{"no_log", 2, 1, 0, 0, map[string]string{"secrets/set password [db]": "1.000"}},
		{"without_task_hosts", 2, 0, 0, 0, map[string]string{"first/ping [x]": "0.800", "second/ping [x]": "0.200"}},
		{"strategy_free", 4, 0, 0, 0, map[string]string{"free/first [fast]": "0.100", "free/second [fast]": "0.100",
			"free/first [slow]": "1.000", "free/second [slow]": "1.000"}},
	}
	byName := map[string]scenario{}
	for _, sc := range scenarios() {
		byName[sc.name] = sc
	}
	for _, tt := range tests {
		t.Run(tt.scenario, func(t *testing.T) {
			doc := runJUnit(t, byName[tt.scenario])
			if err := wellFormed(doc); err != nil {
				t.Fatalf("not well-formed XML: %v\n%s", err, doc)
			}
			var got parsedSuites
			if err := xml.Unmarshal([]byte(doc), &got); err != nil {
				t.Fatal(err)
			}
			if got.Tests != tt.tests || got.Failures != tt.failures || got.Errors != tt.errors || got.Skipped != tt.skipped {
				t.Errorf("tests/failures/errors/skipped = %d/%d/%d/%d, want %d/%d/%d/%d",
					got.Tests, got.Failures, got.Errors, got.Skipped, tt.tests, tt.failures, tt.errors, tt.skipped)
			}
			times := map[string]string{}
			for _, s := range got.Suites {
				for _, c := range s.Cases {
					if c.Classname != s.Name {
						t.Errorf("%s: classname %q, want the play %q", c.Name, c.Classname, s.Name)
					}
					times[s.Name+"/"+c.Name] = c.Time
				}
			}
			for name, want := range tt.cases {
				if times[name] != want {
					t.Errorf("testcase %q time = %q, want %q (all: %v)", name, times[name], want, times)
				}
			}
		})
	}
}

func TestJUnitEmpty(t *testing.T) {
	var buf bytes.Buffer
	if err := NewJUnit().WriteXML(&buf); err != nil {
		t.Fatal(err)
	}
	if err := wellFormed(buf.String()); err != nil || !strings.Contains(buf.String(), `tests="0"`) {
		t.Errorf("empty report: %v\n%s", err, buf.String())
	}
}

// TestNoLogNeverShown runs the no_log script through every reporter.
func TestNoLogNeverShown(t *testing.T) {
	var sc scenario
	for _, s := range scenarios() {
		if s.name == "no_log" {
			sc = s
		}
	}
	var human bytes.Buffer
	clk := newFakeClock()
	h := NewHuman(&human, 3, true)
	h.now = clk.now
	sc.run(NewTee(h), clk)
	outputs := map[string]string{"json": runJSON(sc), "junit": runJUnit(t, sc), "human -vvv --diff": human.String()}
	for name, out := range outputs {
		if strings.Contains(out, secret) {
			t.Errorf("%s output shows the no_log secret:\n%s", name, out)
		}
		if !strings.Contains(out, "the output has been hidden") {
			t.Errorf("%s output lacks the censored message:\n%s", name, out)
		}
	}
}
