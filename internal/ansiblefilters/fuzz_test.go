package ansiblefilters

import (
	"bufio"
	"os"
	"strings"
	"testing"

	j "github.com/edxplay/edxplay/internal/jinja2"
)

// FuzzFilters renders mutations of the golden templates: no template may
// panic, whatever it does to the filters' arguments.
func FuzzFilters(f *testing.F) {
	for _, name := range []string{"testdata/cases.txt", "testdata/cases_encoders.txt"} {
		fh, err := os.Open(name)
		if err != nil {
			f.Fatal(err)
		}
		sc := bufio.NewScanner(fh)
		for sc.Scan() {
			line := sc.Text()
			if line != "" && !strings.HasPrefix(line, "#") {
				f.Add(strings.TrimPrefix(strings.TrimPrefix(line, "eval "), "str "))
			}
		}
		fh.Close()
	}
	e := newEnv()
	RegisterConfigEncoders(e)
	vars := loadGoldenVars(f)
	f.Fuzz(func(t *testing.T, src string) {
		tm, err := e.Parse("fuzz", src)
		if err != nil {
			return
		}
		_, _ = tm.Native(j.DictVars{D: deepCopy(j.DictValue(vars)).DictOf()})
	})
}

// FuzzFromJSON feeds arbitrary text to from_json: it fails or decodes,
// never panics.
func FuzzFromJSON(f *testing.F) {
	for _, s := range []string{`{"a": [1, 2.5, null, true, "x\u00e9"]}`, `[NaN, -Infinity]`, `"\ud83d\ude00"`, `{"a" 1}`, `1e5`, `-0`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		_, _ = fromJSON(nil, []j.Value{j.Str(s)})
	})
}
