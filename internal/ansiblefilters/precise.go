package ansiblefilters

import (
	"math"
	"math/big"
)

// glibc's log, log10 and pow are correctly rounded; Go's math package is
// within an ulp. These compute in 128-bit precision and round once, so
// results agree with Python's math module to the last digit.

const prec = 128

func bf(f float64) *big.Float { return new(big.Float).SetPrec(prec).SetFloat64(f) }

// atanhSeries returns 2*atanh(t) = ln((1+t)/(1-t)) for small |t|.
func atanhSeries(t *big.Float) *big.Float {
	t2 := new(big.Float).SetPrec(prec).Mul(t, t)
	sum := new(big.Float).SetPrec(prec).Set(t)
	term := new(big.Float).SetPrec(prec).Set(t)
	eps := new(big.Float).SetMantExp(big.NewFloat(1), -prec-8)
	for k := int64(3); k < 400; k += 2 {
		term.Mul(term, t2)
		q := new(big.Float).SetPrec(prec).Quo(term, new(big.Float).SetInt64(k))
		sum.Add(sum, q)
		if new(big.Float).Abs(q).Cmp(eps) < 0 {
			break
		}
	}
	return sum.Mul(sum, big.NewFloat(2))
}

var ln2 = atanhSeries(new(big.Float).SetPrec(prec).Quo(big.NewFloat(1), big.NewFloat(3)))

// bigLog is ln(x) for a finite x > 0.
func bigLog(x float64) *big.Float {
	m, e := math.Frexp(x) // x = m * 2^e, m in [0.5, 1)
	if m < math.Sqrt2/2 {
		m *= 2
		e--
	}
	bm := bf(m)
	t := new(big.Float).SetPrec(prec).Quo(new(big.Float).SetPrec(prec).Sub(bm, big.NewFloat(1)),
		new(big.Float).SetPrec(prec).Add(bm, big.NewFloat(1)))
	r := atanhSeries(t)
	return r.Add(r, new(big.Float).SetPrec(prec).Mul(ln2, new(big.Float).SetInt64(int64(e))))
}

// bigExp is e**z rounded to a float64.
func bigExp(z *big.Float) float64 {
	zf, _ := z.Float64()
	if zf > 710 {
		return math.Inf(1)
	}
	if zf < -746 {
		return 0
	}
	k := math.Round(zf / math.Ln2)
	r := new(big.Float).SetPrec(prec).Sub(z, new(big.Float).SetPrec(prec).Mul(ln2, bf(k)))
	r.SetMantExp(r, -8)
	sum := new(big.Float).SetPrec(prec).SetInt64(1)
	term := new(big.Float).SetPrec(prec).SetInt64(1)
	for n := int64(1); n < 40; n++ {
		term.Mul(term, r)
		term.Quo(term, new(big.Float).SetInt64(n))
		sum.Add(sum, term)
	}
	for range 8 {
		sum.Mul(sum, sum)
	}
	sum.SetMantExp(sum, int(k))
	f, _ := sum.Float64()
	return f
}

// pyLog is C's log(x).
func pyLog(x float64) float64 {
	if x <= 0 || math.IsInf(x, 0) || math.IsNaN(x) {
		return math.Log(x)
	}
	f, _ := bigLog(x).Float64()
	return f
}

// pyLog10 is C's log10(x).
func pyLog10(x float64) float64 {
	if x <= 0 || math.IsInf(x, 0) || math.IsNaN(x) {
		return math.Log10(x)
	}
	f, _ := new(big.Float).SetPrec(prec).Quo(bigLog(x), bigLog(10)).Float64()
	return f
}

// pyPow is C's pow(x, y).
func pyPow(x, y float64) float64 {
	if x == 0 || y == 0 || math.IsInf(x, 0) || math.IsInf(y, 0) || math.IsNaN(x) || math.IsNaN(y) || x == 1 {
		return math.Pow(x, y)
	}
	neg := false
	if x < 0 {
		if y != math.Trunc(y) {
			return math.NaN()
		}
		neg = math.Mod(y, 2) != 0
		x = -x
	}
	r := bigExp(new(big.Float).SetPrec(prec).Mul(bf(y), bigLog(x)))
	if neg {
		return -r
	}
	return r
}
