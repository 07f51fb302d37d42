// Package pyrandom reproduces the random number sequence of CPython's
// random.Random (Mersenne Twister MT19937) for a given seed, so that
// seeded filters such as Ansible's shuffle and random give the same
// results as Python.
package pyrandom

import (
	"crypto/sha512"
	"errors"
	"math/big"
	"math/bits"
)

const (
	n         = 624
	m         = 397
	matrixA   = 0x9908b0df
	upperMask = 0x80000000
	lowerMask = 0x7fffffff
)

// Rand is a seeded generator with CPython's random.Random behaviour. It is
// not safe for concurrent use.
type Rand struct {
	mt  [n]uint32
	mti int
}

// NewFromString seeds like random.Random(s) for a str seed (version 2:
// the UTF-8 bytes followed by their SHA-512 digest, read as a big-endian
// integer).
func NewFromString(s string) *Rand {
	b := []byte(s)
	sum := sha512.Sum512(b)
	return NewFromInt(new(big.Int).SetBytes(append(b, sum[:]...)))
}

// NewFromInt seeds like random.Random(i) for an int seed (its absolute
// value is used).
func NewFromInt(i *big.Int) *Rand {
	r := &Rand{}
	r.initByArray(keyWords(new(big.Int).Abs(i)))
	return r
}

// keyWords splits a non-negative integer into 32-bit words, least
// significant first, as CPython's random_seed does (zero gives [0]).
func keyWords(i *big.Int) []uint32 {
	if i.Sign() == 0 {
		return []uint32{0}
	}
	var out []uint32
	mask := big.NewInt(0xffffffff)
	x := new(big.Int).Set(i)
	for x.Sign() > 0 {
		out = append(out, uint32(new(big.Int).And(x, mask).Uint64()))
		x.Rsh(x, 32)
	}
	return out
}

func (r *Rand) initGenrand(s uint32) {
	r.mt[0] = s
	for i := 1; i < n; i++ {
		prev := r.mt[i-1]
		r.mt[i] = 1812433253*(prev^(prev>>30)) + uint32(i)
	}
	r.mti = n
}

func (r *Rand) initByArray(key []uint32) {
	r.initGenrand(19650218)
	i, j := 1, 0
	for k := max(n, len(key)); k > 0; k-- {
		prev := r.mt[i-1]
		r.mt[i] = (r.mt[i] ^ ((prev ^ (prev >> 30)) * 1664525)) + key[j] + uint32(j)
		i++
		j++
		if i >= n {
			r.mt[0] = r.mt[n-1]
			i = 1
		}
		if j >= len(key) {
			j = 0
		}
	}
	for k := n - 1; k > 0; k-- {
		prev := r.mt[i-1]
		r.mt[i] = (r.mt[i] ^ ((prev ^ (prev >> 30)) * 1566083941)) - uint32(i)
		i++
		if i >= n {
			r.mt[0] = r.mt[n-1]
			i = 1
		}
	}
	r.mt[0] = 0x80000000
}

// Uint32 returns the next 32 random bits (genrand_uint32).
func (r *Rand) Uint32() uint32 {
	if r.mti >= n {
		r.twist()
	}
	y := r.mt[r.mti]
	r.mti++
	y ^= y >> 11
	y ^= (y << 7) & 0x9d2c5680
	y ^= (y << 15) & 0xefc60000
	y ^= y >> 18
	return y
}

func (r *Rand) twist() {
	mag := [2]uint32{0, matrixA}
	for kk := 0; kk < n; kk++ {
		y := r.mt[kk]&upperMask | r.mt[(kk+1)%n]&lowerMask
		r.mt[kk] = r.mt[(kk+m)%n] ^ (y >> 1) ^ mag[y&1]
	}
	r.mti = 0
}

// GetRandBits returns random.getrandbits(k) for 0 <= k <= 64.
func (r *Rand) GetRandBits(k int) uint64 {
	if k <= 0 {
		return 0
	}
	if k <= 32 {
		return uint64(r.Uint32() >> (32 - k))
	}
	low := uint64(r.Uint32())
	high := uint64(r.Uint32() >> (64 - k))
	return high<<32 | low
}

// Below returns random._randbelow(n): a value in [0, n) for n > 0.
func (r *Rand) Below(limit int) int {
	if limit <= 0 {
		return 0
	}
	k := bits.Len64(uint64(limit))
	v := r.GetRandBits(k)
	for v >= uint64(limit) {
		v = r.GetRandBits(k)
	}
	return int(v)
}

// Shuffle shuffles x in place like random.shuffle.
func Shuffle[T any](r *Rand, x []T) {
	for i := len(x) - 1; i >= 1; i-- {
		j := r.Below(i + 1)
		x[i], x[j] = x[j], x[i]
	}
}

// ErrEmptyRange is returned by RandRange for a range with no values.
var ErrEmptyRange = errors.New("empty range for randrange()")

// RandRange returns random.randrange(start, stop, step).
func (r *Rand) RandRange(start, stop, step int) (int, error) {
	width := stop - start
	var count int
	switch {
	case step == 1:
		count = width
	case step > 0:
		count = (width + step - 1) / step
	case step < 0:
		count = (width + step + 1) / step
	default:
		return 0, errors.New("zero step for randrange()")
	}
	if count <= 0 {
		return 0, ErrEmptyRange
	}
	return start + step*r.Below(count), nil
}
