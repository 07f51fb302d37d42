package ansiblefilters

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	j "github.com/edxplay/edxplay/internal/jinja2"
	"github.com/edxplay/edxplay/internal/pytime"
)

// datetime is a Python datetime.datetime (naive unless parsed with %z).
type datetime struct{ t time.Time }

// TypeName implements jinja2.Object.
func (d *datetime) TypeName() string { return "datetime.datetime" }

// Repr is Python's repr of a datetime.
func (d *datetime) Repr() string {
	t := d.t
	parts := []int{t.Year(), int(t.Month()), t.Day(), t.Hour(), t.Minute()}
	switch {
	case t.Nanosecond() != 0:
		parts = append(parts, t.Second(), t.Nanosecond()/1000)
	case t.Second() != 0:
		parts = append(parts, t.Second())
	}
	s := make([]string, len(parts))
	for i, p := range parts {
		s[i] = strconv.Itoa(p)
	}
	return "datetime.datetime(" + strings.Join(s, ", ") + ")"
}

// Str is Python's str of a naive datetime: its isoformat with a space.
func (d *datetime) Str() string {
	s := d.t.Format("2006-01-02 15:04:05")
	if us := d.t.Nanosecond() / 1000; us != 0 {
		s += fmt.Sprintf(".%06d", us)
	}
	return s
}

// Compare implements jinja2.Ordered: datetimes compare by instant.
func (d *datetime) Compare(other j.Value) (int, bool) {
	o, ok := other.ObjectOf().(*datetime)
	if !ok {
		return 0, false
	}
	return d.t.Compare(o.t), true
}

// Attr implements jinja2.Object: the datetime fields and strftime.
func (d *datetime) Attr(name string) (j.Value, bool) {
	t := d.t
	fields := map[string]int{"year": t.Year(), "month": int(t.Month()), "day": t.Day(), "hour": t.Hour(),
		"minute": t.Minute(), "second": t.Second(), "microsecond": t.Nanosecond() / 1000}
	if n, ok := fields[name]; ok {
		return j.Int(int64(n)), true
	}
	switch name {
	case "strftime":
		return j.Func("strftime", func(_ *j.CallContext, args []j.Value, kw *j.Dict) (j.Value, error) {
			a, err := j.BindArgs("strftime", []j.Param{req("format")}, args, kw)
			if err != nil {
				return j.None, err
			}
			f, err := text(a[0])
			return j.Str(pyStrftime(f, d.t)), err
		}), true
	case "timestamp":
		return j.Func("timestamp", func(*j.CallContext, []j.Value, *j.Dict) (j.Value, error) {
			return j.Float(float64(d.t.UnixNano()) / 1e9), nil
		}), true
	}
	return j.None, false
}

var (
	monthNames = []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}
	dayNames   = []string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"}
)

// pyStrftime is time.strftime for the C locale.
func pyStrftime(format string, t time.Time) string {
	var b strings.Builder
	for i := 0; i < len(format); i++ {
		if format[i] != '%' || i+1 == len(format) {
			b.WriteByte(format[i])
			continue
		}
		i++
		b.WriteString(strftimeDirective(format[i], t))
	}
	return b.String()
}

func strftimeDirective(c byte, t time.Time) string {
	switch c {
	case 'Y':
		return strconv.Itoa(t.Year())
	case 'y':
		return fmt.Sprintf("%02d", t.Year()%100)
	case 'm':
		return fmt.Sprintf("%02d", int(t.Month()))
	case 'd':
		return fmt.Sprintf("%02d", t.Day())
	case 'e':
		return fmt.Sprintf("%2d", t.Day())
	case 'H':
		return fmt.Sprintf("%02d", t.Hour())
	case 'I':
		return fmt.Sprintf("%02d", (t.Hour()+11)%12+1)
	case 'M':
		return fmt.Sprintf("%02d", t.Minute())
	case 'S':
		return fmt.Sprintf("%02d", t.Second())
	case 'f':
		return fmt.Sprintf("%06d", t.Nanosecond()/1000)
	case 'j':
		return fmt.Sprintf("%03d", t.YearDay())
	case 'p':
		if t.Hour() < 12 {
			return "AM"
		}
		return "PM"
	case 'b', 'h':
		return monthNames[t.Month()-1][:3]
	case 'B':
		return monthNames[t.Month()-1]
	case 'a':
		return dayNames[t.Weekday()][:3]
	case 'A':
		return dayNames[t.Weekday()]
	case 'w':
		return strconv.Itoa(int(t.Weekday()))
	case 'u':
		return strconv.Itoa((int(t.Weekday())+6)%7 + 1)
	case 's':
		return strconv.FormatInt(t.Unix(), 10)
	case 'Z':
		name, _ := t.Zone()
		return name
	case 'z':
		return t.Format("-0700")
	case 'F':
		return t.Format("2006-01-02")
	case 'T':
		return t.Format("15:04:05")
	case 'D':
		return t.Format("01/02/06")
	case 'c':
		return t.Format("Mon Jan _2 15:04:05 2006")
	case 'x':
		return t.Format("01/02/06")
	case 'X':
		return t.Format("15:04:05")
	case '%':
		return "%"
	}
	return "%" + string(c)
}

// pyStrptime is datetime.strptime (internal/pytime), its errors Python's
// ValueError.
func pyStrptime(s, format string) (time.Time, error) {
	t, err := pytime.Strptime(s, format)
	if err != nil {
		return t, valueError("%s", err.Error())
	}
	return t, nil
}

func toDatetime(_ *j.CallContext, a []j.Value) (j.Value, error) {
	if !isStr(a[0]) || !isStr(a[1]) {
		if err := defined(a[0], a[1]); err != nil {
			return j.None, err
		}
		bad := a[0]
		if isStr(bad) {
			bad = a[1]
		}
		return j.None, typeError("strptime() argument %d must be str, not %s", map[bool]int{true: 1, false: 2}[!isStr(a[0])], j.TypeName(bad))
	}
	t, err := pyStrptime(a[0].StrValue(), a[1].StrValue())
	if err != nil {
		return j.None, err
	}
	return j.ObjectValue(&datetime{t}), nil
}

// strftime formats epoch seconds (now when None) in local time or UTC.
func strftime(_ *j.CallContext, a []j.Value) (j.Value, error) {
	format, err := text(a[0])
	if err != nil {
		return j.None, err
	}
	t := time.Now()
	if !a[1].IsNone() {
		sec, err := pyFloat(a[1])
		if err != nil {
			s, _ := text(a[1])
			return j.None, filterError("Invalid value for epoch value (%s)", s)
		}
		if math.Abs(sec) > 1e15 || math.IsNaN(sec) {
			return j.None, j.NewError("OverflowError", "timestamp out of range for platform time_t")
		}
		whole, frac := math.Modf(sec)
		t = time.Unix(int64(whole), int64(frac*1e9))
	}
	if u, _ := truth(a[2]); u {
		t = t.UTC()
	} else {
		t = t.Local()
	}
	return j.Str(pyStrftime(format, t)), nil
}

// BinaryOp implements jinja2.BinaryOperand: datetime - datetime is a
// timedelta.
func (d *datetime) BinaryOp(op string, other j.Value) (j.Value, bool, error) {
	o, ok := other.ObjectOf().(*datetime)
	if op != "-" || !ok {
		return j.None, false, nil
	}
	return j.ObjectValue(&timedelta{us: d.t.Sub(o.t).Microseconds()}), true, nil
}

// timedelta is a Python datetime.timedelta in microseconds.
type timedelta struct{ us int64 }

// TypeName implements jinja2.Object.
func (td *timedelta) TypeName() string { return "datetime.timedelta" }

// parts splits the delta as Python normalizes it: days (may be negative),
// seconds in [0, 86400), microseconds in [0, 1e6).
func (td *timedelta) parts() (days, secs, us int64) {
	const day = 86400 * 1e6
	days = td.us / day
	rest := td.us % day
	if rest < 0 {
		days--
		rest += day
	}
	return days, rest / 1e6, rest % 1e6
}

// Repr is Python's repr of a timedelta.
func (td *timedelta) Repr() string {
	days, secs, us := td.parts()
	var parts []string
	for _, p := range []struct {
		name string
		n    int64
	}{{"days", days}, {"seconds", secs}, {"microseconds", us}} {
		if p.n != 0 {
			parts = append(parts, p.name+"="+strconv.FormatInt(p.n, 10))
		}
	}
	if len(parts) == 0 {
		return "datetime.timedelta(0)"
	}
	return "datetime.timedelta(" + strings.Join(parts, ", ") + ")"
}

// Attr implements jinja2.Object: days, seconds, microseconds and
// total_seconds().
func (td *timedelta) Attr(name string) (j.Value, bool) {
	days, secs, us := td.parts()
	switch name {
	case "days":
		return j.Int(days), true
	case "seconds":
		return j.Int(secs), true
	case "microseconds":
		return j.Int(us), true
	case "total_seconds":
		return j.Func("total_seconds", func(*j.CallContext, []j.Value, *j.Dict) (j.Value, error) {
			return j.Float(float64(td.us) / 1e6), nil
		}), true
	}
	return j.None, false
}
