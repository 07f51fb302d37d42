package ansiblefilters

import (
	"fmt"
	"math"
	"math/big"
	"regexp"
	"strconv"
	"strings"

	j "github.com/edxplay/edxplay/internal/jinja2"
)

// realNumber is the float a math function takes, with CPython's message
// for anything else.
func realNumber(v j.Value) (float64, error) {
	switch v.Kind() {
	case j.IntKind, j.BoolKind, j.FloatKind:
		f, err := j.BinaryOp("*", v, j.Float(1))
		if err != nil {
			return 0, err
		}
		return f.FloatValue(), nil
	}
	if err := defined(v); err != nil {
		return 0, err
	}
	return 0, typeError("must be real number, not %s", j.TypeName(v))
}

// mathResult checks a math function result as CPython does.
func mathResult(f float64, inputsFinite bool) (j.Value, error) {
	switch {
	case math.IsNaN(f) && inputsFinite:
		return j.None, valueError("math domain error")
	case math.IsInf(f, 0) && inputsFinite:
		return j.None, j.NewError("OverflowError", "math range error")
	}
	return j.Float(f), nil
}

func logarithm(_ *j.CallContext, a []j.Value) (j.Value, error) {
	x, err := realNumber(a[0])
	if err != nil {
		return j.None, filterTypeError("log() can only be used on numbers: %s", errMessage(err))
	}
	if eq, _ := j.Equal(a[1], j.Int(10)); eq {
		if x <= 0 {
			return j.None, valueError("math domain error")
		}
		return j.Float(pyLog10(x)), nil
	}
	base, err := realNumber(a[1])
	if err != nil {
		return j.None, filterTypeError("log() can only be used on numbers: %s", errMessage(err))
	}
	if x <= 0 || base <= 0 {
		return j.None, valueError("math domain error")
	}
	if base == 1 {
		return j.None, j.NewError("ZeroDivisionError", "float division by zero")
	}
	return j.Float(pyLog(x) / pyLog(base)), nil
}

func power(_ *j.CallContext, a []j.Value) (j.Value, error) {
	x, err := realNumber(a[0])
	if err != nil {
		return j.None, filterTypeError("pow() can only be used on numbers: %s", errMessage(err))
	}
	y, err := realNumber(a[1])
	if err != nil {
		return j.None, filterTypeError("pow() can only be used on numbers: %s", errMessage(err))
	}
	if x == 0 && y < 0 {
		return j.None, valueError("math domain error")
	}
	return mathResult(pyPow(x, y), !math.IsInf(x, 0) && !math.IsInf(y, 0) && !math.IsNaN(x) && !math.IsNaN(y))
}

func inversePower(_ *j.CallContext, a []j.Value) (j.Value, error) {
	fail := func(err error) (j.Value, error) {
		return j.None, filterTypeError("root() can only be used on numbers: %s", errMessage(err))
	}
	x, err := realNumber(a[0])
	if err != nil {
		return fail(err)
	}
	if eq, _ := j.Equal(a[1], j.Int(2)); eq {
		if x < 0 {
			return fail(valueError("math domain error"))
		}
		return j.Float(math.Sqrt(x)), nil
	}
	base, err := pyFloat(a[1])
	if err != nil {
		return fail(err)
	}
	if base == 0 {
		return j.None, j.NewError("ZeroDivisionError", "float division by zero")
	}
	r, err := mathResult(pyPow(x, 1/base), !math.IsInf(x, 0))
	if err != nil {
		return fail(err)
	}
	return r, nil
}

// sizeRanges are SIZE_RANGES, largest first.
var sizeRanges = []struct {
	suffix string
	shift  uint
}{{"Y", 80}, {"Z", 70}, {"E", 60}, {"P", 50}, {"T", 40}, {"G", 30}, {"M", 20}, {"K", 10}, {"B", 0}}

// humanReadable is bytes_to_human: '%.2f %s' of the size in the largest
// unit it reaches (or the given unit).
func humanReadable(_ *j.CallContext, a []j.Value) (j.Value, error) {
	size, bits, unit := a[0], a[1], a[2]
	base := "Bytes"
	if t, _ := truth(bits); t {
		base = "bits"
	}
	if err := defined(size); err != nil {
		return j.None, err
	}
	suffix, shift := "B", uint(0)
	for _, r := range sizeRanges {
		limit := j.BigInt(new(big.Int).Lsh(big.NewInt(1), r.shift))
		suffix, shift = r.suffix, r.shift
		if unit.IsNone() {
			ge, err := j.Compare(">=", size, limit)
			if err != nil {
				return j.None, filterTypeError("human_readable() failed on bad input: %s", errMessage(err))
			}
			if ge.BoolValue() {
				break
			}
		} else if u, err := text(unit); err == nil && strings.ToUpper(u) == r.suffix {
			break
		}
	}
	q, err := j.BinaryOp("/", size, j.BigInt(new(big.Int).Lsh(big.NewInt(1), shift)))
	if err != nil {
		return j.None, filterTypeError("human_readable() failed on bad input: %s", errMessage(err))
	}
	if shift != 0 {
		suffix += base[:1]
	} else {
		suffix = base
	}
	return j.Str(fmt.Sprintf("%.2f %s", q.FloatValue(), suffix)), nil
}

var humanSize = regexp.MustCompile(`^\s*(\d*\.?\d*)\s*([A-Za-z]+)?`)

// humanToBytes is Ansible's human_to_bytes.
func humanToBytes(_ *j.CallContext, a []j.Value) (j.Value, error) {
	s, err := text(a[0])
	if err != nil {
		return j.None, err
	}
	bad := filterError("human_to_bytes() can't interpret following string: %s", s)
	m := humanSize.FindStringSubmatch(s)
	num, err := strconv.ParseFloat(m[1], 64)
	if err != nil {
		return j.None, bad
	}
	unit := m[2]
	if unit == "" && !a[1].IsNone() {
		unit, _ = text(a[1])
	}
	if unit == "" {
		return roundInt(num), nil
	}
	key := strings.ToUpper(unit[:1])
	shift := -1
	for _, r := range sizeRanges {
		if r.suffix == key {
			shift = int(r.shift)
		}
	}
	if shift < 0 {
		return j.None, bad
	}
	class, className := "B", "byte"
	if t, _ := truth(a[2]); t {
		class, className = "b", "bit"
	}
	if len(unit) > 1 && !strings.Contains(strings.ToLower(unit), className) && unit[1:2] != class {
		return j.None, bad
	}
	return roundInt(num * math.Ldexp(1, shift)), nil
}

// roundInt is int(round(f)) (half to even).
func roundInt(f float64) j.Value {
	r := math.RoundToEven(f)
	if math.Abs(r) < 1<<62 {
		return j.Int(int64(r))
	}
	b, _ := new(big.Float).SetFloat64(r).Int(nil)
	return j.BigInt(b)
}

// pyFloat is Python's float(v).
func pyFloat(v j.Value) (float64, error) {
	if isStr(v) {
		f, err := strconv.ParseFloat(strings.TrimSpace(v.StrValue()), 64)
		if err != nil {
			return 0, valueError("could not convert string to float: %s", j.QuoteString(v.StrValue()))
		}
		return f, nil
	}
	f, err := realNumber(v)
	if err != nil {
		return 0, typeError("float() argument must be a string or a real number, not '%s'", j.TypeName(v))
	}
	return f, nil
}
