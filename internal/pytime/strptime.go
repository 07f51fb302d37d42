// Package pytime implements Python's time parsing where Ansible content
// relies on it: datetime.strptime's directives and its error messages
// (the to_datetime filter, the file module's modification_time).
package pytime

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/edxplay/edxplay/internal/pyvalue"
)

var monthNames = []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}

// strptimeFields are the regular expressions of strptime's directives.
var strptimeFields = map[byte]string{
	'Y': `(?P<Y>\d\d\d\d)`, 'y': `(?P<y>\d\d)`, 'm': `(?P<m>1[0-2]|0[1-9]|[1-9])`, 'd': `(?P<d>3[01]|[12]\d|0[1-9]|[1-9]| [1-9])`,
	'H': `(?P<H>2[0-3]|[0-1]\d|\d)`, 'M': `(?P<M>[0-5]\d|\d)`, 'S': `(?P<S>6[0-1]|[0-5]\d|\d)`, 'f': `(?P<f>[0-9]{1,6})`,
	'j': `(?P<j>36[0-6]|3[0-5]\d|[12]\d\d|0[1-9]\d|00[1-9]|[1-9]\d|0[1-9]|[1-9])`, 'I': `(?P<I>1[0-2]|0[1-9]|[1-9])`,
	'p': `(?P<p>(?i)am|pm)`, 'b': `(?P<b>(?i)jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)`,
	'B': `(?P<B>(?i)january|february|march|april|may|june|july|august|september|october|november|december)`,
	'a': `(?i:mon|tue|wed|thu|fri|sat|sun)`, 'A': `(?i:monday|tuesday|wednesday|thursday|friday|saturday|sunday)`,
	'z': `(?P<z>[+-]\d\d:?[0-5]\d)`, '%': `%`,
}

// Strptime is Python's datetime.strptime for the common directives.
func Strptime(s, format string) (time.Time, error) {
	var pat strings.Builder
	for i := 0; i < len(format); i++ {
		c := format[i]
		if c == '%' && i+1 < len(format) {
			i++
			f, ok := strptimeFields[format[i]]
			if !ok {
				return time.Time{}, fmt.Errorf("'%s' is a bad directive in format '%s'", format[i:i+1], format)
			}
			pat.WriteString(f)
			continue
		}
		if c == ' ' {
			pat.WriteString(`\s+`)
			continue
		}
		pat.WriteString(regexp.QuoteMeta(string(c)))
	}
	re, err := regexp.Compile("^(?:" + pat.String() + ")$")
	if err != nil {
		return time.Time{}, fmt.Errorf("redefinition of group name in format '%s'", format)
	}
	m := re.FindStringSubmatch(s)
	if m == nil {
		return time.Time{}, fmt.Errorf("time data %s does not match format %s", pyvalue.QuoteString(s), pyvalue.QuoteString(format))
	}
	return assemble(re, m)
}

func assemble(re *regexp.Regexp, m []string) (time.Time, error) {
	get := func(name string, def int) int {
		if i := re.SubexpIndex(name); i >= 0 && m[i] != "" {
			n, _ := strconv.Atoi(strings.TrimSpace(m[i]))
			return n
		}
		return def
	}
	year, month, day := get("Y", 1900), get("m", 1), get("d", 1)
	if i := re.SubexpIndex("y"); i >= 0 && m[i] != "" {
		year = get("y", 0)
		year += map[bool]int{true: 2000, false: 1900}[year < 69]
	}
	for _, name := range []string{"b", "B"} {
		if i := re.SubexpIndex(name); i >= 0 && m[i] != "" {
			for k, mn := range monthNames {
				if strings.HasPrefix(strings.ToLower(mn), strings.ToLower(m[i])) {
					month = k + 1
				}
			}
		}
	}
	hour := get("H", 0)
	if i := re.SubexpIndex("I"); i >= 0 && m[i] != "" {
		hour = get("I", 12) % 12
		if p := re.SubexpIndex("p"); p >= 0 && strings.EqualFold(m[p], "pm") {
			hour += 12
		}
	}
	frac := 0
	if i := re.SubexpIndex("f"); i >= 0 && m[i] != "" {
		frac, _ = strconv.Atoi((m[i] + "00000")[:6])
	}
	loc := time.UTC
	if i := re.SubexpIndex("z"); i >= 0 && m[i] != "" {
		z := strings.ReplaceAll(m[i], ":", "")
		h, _ := strconv.Atoi(z[1:3])
		mi, _ := strconv.Atoi(z[3:5])
		off := (h*60 + mi) * 60
		if z[0] == '-' {
			off = -off
		}
		loc = time.FixedZone("", off)
	}
	if day > daysIn(year, month) {
		return time.Time{}, errors.New("day is out of range for month")
	}
	t := time.Date(year, time.Month(month), day, hour, get("M", 0), get("S", 0), frac*1000, loc)
	if jd := get("j", 0); jd > 0 {
		t = time.Date(year, 1, jd, t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), loc)
	}
	return t, nil
}

func daysIn(year, month int) int {
	return time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}
