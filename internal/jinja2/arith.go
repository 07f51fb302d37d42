package jinja2

import (
	"math"
	"math/big"
	"strings"
)

// maxBuild bounds strings and lists built by * and ** so no template
// exhausts memory.
const maxBuild = 1 << 26

// BinaryOp applies a Python arithmetic operator: + - * / // % **.
func BinaryOp(op string, a, b Value) (Value, error) {
	if op == "%" && a.kind == StrKind && b.kind == UndefinedKind {
		r, err := formatPercent(a.s, b)
		return withMarks(r, a, b), err
	}
	if err := undefErr(a, b); err != nil {
		return None, err
	}
	r, err := binary(op, a, b)
	if err != nil {
		return None, secretErr(err, a, b)
	}
	return withMarks(r, a, b), nil
}

func binary(op string, a, b Value) (Value, error) {
	if o, ok := a.ref.(BinaryOperand); ok && a.kind == ObjectKind {
		if r, handled, err := o.BinaryOp(op, b); handled {
			return r, err
		}
	}
	switch op {
	case "+":
		return add(a, b)
	case "-":
		return numeric(op, a, b)
	case "*":
		return mul(a, b)
	case "%":
		if a.kind == StrKind {
			return formatPercent(a.s, b)
		}
	}
	return numeric(op, a, b)
}

func unsupported(op string, a, b Value) error {
	if op == "**" {
		op = "** or pow()"
	}
	return typeErrorf("unsupported operand type(s) for %s: '%s' and '%s'", op, typeName(a), typeName(b))
}

func add(a, b Value) (Value, error) {
	switch {
	case a.isNumber() && b.isNumber():
		return numeric("+", a, b)
	case a.kind == StrKind && b.kind == StrKind:
		return Str(a.s + b.s), nil
	case (a.kind == ListKind || a.kind == TupleKind) && a.kind == b.kind:
		items := append(append([]Value(nil), a.Items()...), b.Items()...)
		return Value{kind: a.kind, ref: &List{Items: items}}, nil
	case a.kind == StrKind || a.kind == ListKind || a.kind == TupleKind:
		return None, typeErrorf("can only concatenate %s (not \"%s\") to %s", typeName(a), typeName(b), typeName(a))
	}
	return None, unsupported("+", a, b)
}

func mul(a, b Value) (Value, error) {
	if a.isNumber() && b.isNumber() {
		return numeric("*", a, b)
	}
	seq, n := a, b
	if b.kind == StrKind || b.kind == ListKind || b.kind == TupleKind {
		seq, n = b, a
	}
	if seq.kind != StrKind && seq.kind != ListKind && seq.kind != TupleKind {
		return None, unsupported("*", a, b)
	}
	if !n.isIntegral() {
		other := b
		if !(a.kind == StrKind || a.kind == ListKind || a.kind == TupleKind) {
			other = a
		}
		return None, typeErrorf("can't multiply sequence by non-int of type '%s'", typeName(other))
	}
	return repeat(seq, n)
}

func repeat(seq, n Value) (Value, error) {
	count, ok := n.IntValue()
	if !ok && n.BigValue().Sign() > 0 {
		return None, newError("OverflowError", "cannot fit 'int' into an index-sized integer")
	}
	if count <= 0 {
		count = 0
	}
	size := int64(len(seq.s) + len(seq.Items()))
	if size > 0 && count > maxBuild/size {
		return None, newError("MemoryError", "result too large")
	}
	if seq.kind == StrKind {
		return Str(strings.Repeat(seq.s, int(count))), nil
	}
	var items []Value
	for i := int64(0); i < count; i++ {
		items = append(items, seq.Items()...)
	}
	return Value{kind: seq.kind, ref: &List{Items: items}}, nil
}

func numeric(op string, a, b Value) (Value, error) {
	if !a.isNumber() || !b.isNumber() {
		return None, unsupported(op, a, b)
	}
	if a.isIntegral() && b.isIntegral() {
		return intOp(op, a, b)
	}
	return floatOp(op, a.toFloat(), b.toFloat())
}

func intOp(op string, a, b Value) (Value, error) {
	if r, ok := smallIntOp(op, a, b); ok {
		return r, nil
	}
	x, y := a.BigValue(), b.BigValue()
	z := new(big.Int)
	switch op {
	case "+":
		z.Add(x, y)
	case "-":
		z.Sub(x, y)
	case "*":
		z.Mul(x, y)
	case "/":
		if y.Sign() == 0 {
			return None, newError("ZeroDivisionError", "division by zero")
		}
		f, _ := new(big.Rat).SetFrac(x, y).Float64()
		return Float(f), nil
	case "//", "%":
		if y.Sign() == 0 {
			if op == "%" {
				return None, newError("ZeroDivisionError", "integer modulo by zero")
			}
			return None, newError("ZeroDivisionError", "integer division or modulo by zero")
		}
		q, m := new(big.Int).DivMod(x, y, new(big.Int))
		if m.Sign() != 0 && y.Sign() < 0 {
			q.Sub(q, big.NewInt(1))
			m.Add(m, y)
		}
		if op == "%" {
			return BigInt(m), nil
		}
		return BigInt(q), nil
	case "**":
		return intPow(x, y)
	}
	return BigInt(z), nil
}

func intPow(x, y *big.Int) (Value, error) {
	if y.Sign() < 0 {
		fx, _ := new(big.Float).SetInt(x).Float64()
		fy, _ := new(big.Float).SetInt(y).Float64()
		return floatOp("**", fx, fy)
	}
	if x.BitLen() > 1 && (!y.IsInt64() || int64(x.BitLen())*y.Int64() > maxBuild) {
		return None, newError("MemoryError", "result too large")
	}
	return BigInt(new(big.Int).Exp(x, y, nil)), nil
}

func floatOp(op string, x, y float64) (Value, error) {
	switch op {
	case "+":
		return Float(x + y), nil
	case "-":
		return Float(x - y), nil
	case "*":
		return Float(x * y), nil
	case "/":
		if y == 0 {
			return None, newError("ZeroDivisionError", "float division by zero")
		}
		return Float(x / y), nil
	case "//":
		if y == 0 {
			return None, newError("ZeroDivisionError", "float floor division by zero")
		}
		return Float(floorDiv(x, y)), nil
	case "%":
		if y == 0 {
			return None, newError("ZeroDivisionError", "float modulo")
		}
		return Float(floatMod(x, y)), nil
	}
	return floatPow(x, y)
}

func floatPow(x, y float64) (Value, error) {
	if x == 0 && y < 0 {
		return None, newError("ZeroDivisionError", "0.0 cannot be raised to a negative power")
	}
	if x < 0 && y != math.Trunc(y) {
		return None, typeErrorf("complex numbers are not supported")
	}
	r := exactPow(x, y)
	if math.IsInf(r, 0) && !math.IsInf(x, 0) && !math.IsInf(y, 0) {
		return None, newError("OverflowError", "(34, 'Numerical result out of range')")
	}
	return Float(r), nil
}

// floorDiv is CPython's float floor division.
func floorDiv(x, y float64) float64 {
	mod := math.Mod(x, y)
	div := (x - mod) / y
	if mod != 0 && (y < 0) != (mod < 0) {
		div--
	}
	if div == 0 {
		return math.Copysign(0, x/y)
	}
	fl := math.Floor(div)
	if div-fl > 0.5 {
		fl++
	}
	return fl
}

// floatMod is CPython's float modulo (the sign of the divisor).
func floatMod(x, y float64) float64 {
	mod := math.Mod(x, y)
	if mod == 0 {
		return math.Copysign(0, y)
	}
	if (y < 0) != (mod < 0) {
		mod += y
	}
	return mod
}

// UnaryOp applies unary - or +.
func UnaryOp(op string, a Value) (Value, error) {
	if err := undefErr(a); err != nil {
		return None, err
	}
	if !a.isNumber() {
		return None, typeErrorf("bad operand type for unary %s: '%s'", op, typeName(a))
	}
	r := a
	if a.kind == BoolKind {
		r = Int(a.n)
	}
	if op == "-" {
		if a.kind == FloatKind {
			r = Float(-a.f)
		} else {
			r = BigInt(new(big.Int).Neg(a.BigValue()))
		}
	}
	return withMarks(r, a), nil
}

// Concat is Jinja2's ~ operator: str() of both operands joined.
func Concat(a, b Value) (Value, error) {
	x, err := ToString(a)
	if err != nil {
		return None, err
	}
	y, err := ToString(b)
	if err != nil {
		return None, err
	}
	return withMarks(Str(x+y), a, b), nil
}

// exactPow is pow(x, y) correctly rounded where y is an integer or an
// integer plus one half (as C's pow is); other exponents use math.Pow.
func exactPow(x, y float64) float64 {
	k, frac := math.Modf(y)
	if math.IsInf(x, 0) || math.IsNaN(x) || math.Abs(k) > 1024 || (frac != 0 && math.Abs(frac) != 0.5) || x == 0 {
		return math.Pow(x, y)
	}
	const prec = 4096
	base := new(big.Float).SetPrec(prec).SetFloat64(x)
	r := new(big.Float).SetPrec(prec).SetFloat64(1)
	n := int64(math.Abs(k))
	for p := new(big.Float).SetPrec(prec).Set(base); n > 0; n >>= 1 {
		if n&1 == 1 {
			r.Mul(r, p)
		}
		p.Mul(p, p)
	}
	if frac != 0 {
		if x < 0 {
			return math.Pow(x, y)
		}
		r.Mul(r, new(big.Float).SetPrec(prec).Sqrt(base))
	}
	if y < 0 {
		r.Quo(new(big.Float).SetPrec(prec).SetFloat64(1), r)
	}
	f, _ := r.Float64()
	return f
}

// smallIntOp is the int64 fast path of + - * // %: ok is false when an
// operand is big, the divisor is zero or the result would overflow.
func smallIntOp(op string, a, b Value) (Value, bool) {
	if a.ref != nil || b.ref != nil {
		return None, false
	}
	x, y := a.n, b.n
	switch op {
	case "+":
		if r := x + y; (r > x) == (y > 0) {
			return Int(r), true
		}
	case "-":
		if r := x - y; (r < x) == (y > 0) {
			return Int(r), true
		}
	case "*":
		if x == 0 || y == 0 {
			return Int(0), true
		}
		if r := x * y; r/y == x && !(x == -1 && y == math.MinInt64) && !(y == -1 && x == math.MinInt64) {
			return Int(r), true
		}
	case "//", "%":
		if y == 0 || (x == math.MinInt64 && y == -1) {
			return None, false
		}
		q, m := x/y, x%y
		if m != 0 && (m < 0) != (y < 0) {
			q, m = q-1, m+y
		}
		if op == "%" {
			return Int(m), true
		}
		return Int(q), true
	}
	return None, false
}
