package dsl

import (
	_ "embed"
	"encoding/binary"
	"math"
	"math/big"
	"math/bits"
	"sort"
	"sync"
)

// NTLimit bounds the arguments of the number-theoretic functions prime, pi,
// isprime, sigma, tau, phi, mu, nextprime, prevprime, gpf, lpf, omega and
// bigomega: for arguments above it they are Undef,
// in both evaluators. The bound keeps each call a table lookup or a short
// factorisation, so that the search can apply them to millions of
// candidate vectors. Sequences of a few dozen terms rarely need more:
// prime(x) is defined up to the 82,025th prime, 1,048,573.
const NTLimit = 1 << 20

// ntTables holds what the number-theoretic functions look up, for
// 0 <= x <= NTLimit: one bit per odd number saying whether it is prime
// (64 KiB) and how many of those bits each word of them follows. The bits
// are precomputed (oddprimes.bin, made and checked by TestOddPrimes: a
// sieve at start-up took most of a short prediction's time); the counts
// are read off them on first use, in microseconds.
type ntTables struct {
	oddPrime []uint64 // bit x/2 (x odd) is set when x <= NTLimit is prime
	before   []int32  // before[i]: the odd primes of the words before word i
}

// oddPrimes is oddprimes.bin: ntTables.oddPrime, little-endian.
//
//go:embed oddprimes.bin
var oddPrimes []byte

var tables = sync.OnceValue(func() *ntTables {
	n := NTLimit/128 + 1
	t := &ntTables{oddPrime: make([]uint64, n), before: make([]int32, n+1)}
	for i := range t.oddPrime {
		w := binary.LittleEndian.Uint64(oddPrimes[8*i:])
		if hi := (NTLimit - 1) / 2; i == hi/64 { // no numbers past NTLimit
			w &= 2<<(hi%64) - 1
		} else if i > hi/64 {
			w = 0
		}
		t.oddPrime[i] = w
		t.before[i+1] = t.before[i] + int32(bits.OnesCount64(w))
	}
	return t
})

// oddLpf holds the least prime factor of each odd x <= NTLimit at x/2, 0
// when x is 1 or prime (1 MiB), for the functions that factor (sigma,
// tau, phi, mu, gpf, lpf, omega, bigomega). A sieve over the precomputed
// primes up to the square root of NTLimit builds it on first use, in
// about a millisecond; a run that factors nothing does not build it.
var oddLpf = sync.OnceValue(func() []uint16 {
	t, lpfs := tables(), make([]uint16, NTLimit/2+1)
	for p := int64(3); p*p <= NTLimit; p += 2 {
		if t.isPrime(p) {
			for m := p * p; m <= NTLimit; m += 2 * p {
				if lpfs[m/2] == 0 {
					lpfs[m/2] = uint16(p)
				}
			}
		}
	}
	return lpfs
})

// isPrime reports whether 0 <= x <= NTLimit is prime.
func (t *ntTables) isPrime(x int64) bool {
	if x%2 == 0 {
		return x == 2
	}
	return t.oddPrime[x/128]>>(uint(x/2)%64)&1 != 0
}

// primes is the number of primes up to NTLimit.
func (t *ntTables) primes() int { return 1 + int(t.before[len(t.oddPrime)]) }

// lpf returns the least prime factor of 2 <= x <= NTLimit, reading the
// odd ones' from lpfs (oddLpf).
func lpf(lpfs []uint16, x int64) int64 {
	if x%2 == 0 {
		return 2
	}
	if p := lpfs[x/2]; p != 0 {
		return int64(p)
	}
	return x
}

// factor calls f(p, e) for each prime power p^e exactly dividing
// 1 <= x <= NTLimit, smallest p first, reading the least prime factor of
// what is left from the table.
func (t *ntTables) factor(x int64, f func(p, e int64)) {
	if tz := bits.TrailingZeros64(uint64(x)); tz > 0 {
		f(2, int64(tz))
		x >>= tz
	}
	lpfs := oddLpf()
	for x > 1 {
		p, e := lpf(lpfs, x), int64(0)
		for x%p == 0 {
			x /= p
			e++
		}
		f(p, e)
	}
}

// Prime returns the x-th prime (Prime(1) = 2); Undef unless 1 <= x <=
// pi(NTLimit).
func Prime(x Value) Value {
	t := tables()
	switch {
	case x == Undef || x < 1 || x > Value(t.primes()):
		return Undef
	case x == 1:
		return 2
	}
	// The (x-1)-th odd prime: in the last word i with before[i] < x-1.
	k := int32(x - 1)
	i := sort.Search(len(t.before), func(i int) bool { return t.before[i] >= k }) - 1
	w := t.oddPrime[i]
	for range k - t.before[i] - 1 {
		w &= w - 1
	}
	return Value(2*(64*i+bits.TrailingZeros64(w)) + 1)
}

// PrimePi returns the number of primes <= x (0 for x < 2); Undef above
// NTLimit.
func PrimePi(x Value) Value {
	if x == Undef || x > NTLimit {
		return Undef
	}
	if x < 2 {
		return 0
	}
	t := tables()
	j := (x - 1) / 2 // the bit of the largest odd number <= x
	w := t.oddPrime[j/64] & (2<<(j%64) - 1)
	return Value(1 + t.before[j/64] + int32(bits.OnesCount64(w)))
}

// IsPrime returns 1 when x is a prime and 0 otherwise (so 0 for x < 2);
// Undef above NTLimit.
func IsPrime(x Value) Value {
	if x == Undef || x > NTLimit {
		return Undef
	}
	if x >= 2 && tables().isPrime(int64(x)) {
		return 1
	}
	return 0
}

// ntDomain reports whether x is an argument of sigma, tau, phi and mu.
func ntDomain(x Value) bool { return x != Undef && x >= 1 && x <= NTLimit }

// Sigma returns the sum of the divisors of 1 <= x <= NTLimit, else Undef.
func Sigma(x Value) Value {
	if !ntDomain(x) {
		return Undef
	}
	s := int64(1)
	tables().factor(int64(x), func(p, e int64) {
		term, pk := int64(1), int64(1)
		for range e {
			pk *= p
			term += pk
		}
		s *= term
	})
	return Value(s)
}

// Tau returns the number of divisors of 1 <= x <= NTLimit, else Undef.
func Tau(x Value) Value {
	if !ntDomain(x) {
		return Undef
	}
	d := int64(1)
	tables().factor(int64(x), func(_, e int64) { d *= e + 1 })
	return Value(d)
}

// Phi returns Euler's totient of 1 <= x <= NTLimit, else Undef.
func Phi(x Value) Value {
	if !ntDomain(x) {
		return Undef
	}
	r := int64(x)
	tables().factor(int64(x), func(p, _ int64) { r = r / p * (p - 1) })
	return Value(r)
}

// Mu returns the Moebius function of 1 <= x <= NTLimit (0 when a square
// divides x, else (-1)^(number of prime factors)), else Undef.
func Mu(x Value) Value {
	if !ntDomain(x) {
		return Undef
	}
	m := int64(1)
	tables().factor(int64(x), func(_, e int64) {
		if e > 1 {
			m = 0
		}
		m = -m
	})
	return Value(m)
}

// DigitSum returns the sum of the decimal digits of |x|.
func DigitSum(x Value) Value {
	if x == Undef {
		return Undef
	}
	u := uint64(abs(x))
	s := Value(0)
	for ; u > 0; u /= 10 {
		s += Value(u % 10)
	}
	return s
}

// BitCount returns the number of ones in the binary form of |x|.
func BitCount(x Value) Value {
	if x == Undef {
		return Undef
	}
	return Value(bits.OnesCount64(uint64(abs(x))))
}

// Reverse returns |x| with its decimal digits reversed, with the sign of x
// (rev(120) = 21, rev(-12) = -21); Undef when that overflows.
func Reverse(x Value) Value {
	if x == Undef {
		return Undef
	}
	u, r := uint64(abs(x)), uint64(0)
	for ; u > 0; u /= 10 {
		hi, lo := bits.Mul64(r, 10)
		if hi != 0 || lo > 1<<63-1-u%10 {
			return Undef
		}
		r = lo + u%10
	}
	if x < 0 {
		return -Value(r)
	}
	return Value(r)
}

// Isqrt returns the integer part of the square root of x >= 0, Undef for
// x < 0.
func Isqrt(x Value) Value {
	if x == Undef || x < 0 {
		return Undef
	}
	r := Value(math.Sqrt(float64(x)))
	for r > 0 && r > x/r { // the float may be off by one either way
		r--
	}
	for r+1 <= x/(r+1) {
		r++
	}
	return r
}

// IsSquare returns 1 when x is the square of an integer (0 included) and
// 0 otherwise (so 0 for x < 0).
func IsSquare(x Value) Value {
	if x == Undef {
		return Undef
	}
	if x < 0 {
		return 0
	}
	if r := Isqrt(x); r*r == x {
		return 1
	}
	return 0
}

// bigNumberTheory applies a number-theoretic or digit function exactly.
// The functions capped at NTLimit agree with their int64 forms (they are
// nil above it); the digit functions work on any size.
func bigNumberTheory(op Op, x *big.Int) *big.Int {
	switch op {
	case OpDigitSum, OpBitCount, OpReverse:
		return bigDigits(op, x)
	case OpIsqrt:
		if x.Sign() < 0 {
			return nil
		}
		return new(big.Int).Sqrt(x)
	case OpIsSquare:
		if x.Sign() < 0 {
			return new(big.Int)
		}
		r := new(big.Int).Sqrt(x)
		if r.Mul(r, r).Cmp(x) == 0 {
			return big.NewInt(1)
		}
		return new(big.Int)
	}
	if !x.IsInt64() {
		if x.Sign() < 0 && (op == OpPi || op == OpIsPrime) {
			return new(big.Int)
		}
		if x.Sign() < 0 && op == OpNextPrime {
			return big.NewInt(2)
		}
		return nil
	}
	v := Apply1(op, Value(x.Int64()))
	if v == Undef {
		return nil
	}
	return big.NewInt(int64(v))
}

func bigDigits(op Op, x *big.Int) *big.Int {
	a := new(big.Int).Abs(x)
	switch op {
	case OpBitCount:
		n := 0
		for _, w := range a.Bits() {
			n += bits.OnesCount(uint(w))
		}
		return big.NewInt(int64(n))
	case OpDigitSum:
		s := int64(0)
		for _, c := range a.String() {
			s += int64(c - '0')
		}
		return big.NewInt(s)
	}
	d := []byte(a.String())
	for i, j := 0, len(d)-1; i < j; i, j = i+1, j-1 {
		d[i], d[j] = d[j], d[i]
	}
	r, _ := new(big.Int).SetString(string(d), 10)
	if x.Sign() < 0 {
		r.Neg(r)
	}
	return r
}

// lastPrime is the largest prime at most NTLimit, prime(pi(NTLimit)):
// NextPrime is defined below it.
const lastPrime = 1048573

// NextPrime returns the least prime greater than x (2 for every x < 2);
// Undef when that prime is above NTLimit, that is for x >= 1,048,573.
func NextPrime(x Value) Value {
	if x == Undef || x >= lastPrime {
		return Undef
	}
	if x < 2 {
		return 2
	}
	// Prime gaps below 2^20 are at most 114: a short scan of the table.
	t := tables()
	for y := int64(x) + 1; ; y++ {
		if t.isPrime(y) {
			return Value(y)
		}
	}
}

// PrevPrime returns the greatest prime less than x, for 3 <= x <= NTLimit
// (PrevPrime(3) = 2); Undef otherwise (no prime is below 2).
func PrevPrime(x Value) Value {
	if x == Undef || x < 3 || x > NTLimit {
		return Undef
	}
	t := tables()
	for y := int64(x) - 1; ; y-- {
		if t.isPrime(y) {
			return Value(y)
		}
	}
}

// Gpf returns the greatest prime factor of 2 <= x <= NTLimit, and 1 for
// x = 1 (OEIS A006530); Undef otherwise.
func Gpf(x Value) Value {
	if !ntDomain(x) {
		return Undef
	}
	g := int64(1)
	tables().factor(int64(x), func(p, _ int64) { g = p })
	return Value(g)
}

// Lpf returns the least prime factor of 2 <= x <= NTLimit, and 1 for x = 1
// (OEIS A020639); Undef otherwise.
func Lpf(x Value) Value {
	if !ntDomain(x) {
		return Undef
	}
	if x == 1 {
		return 1
	}
	return Value(lpf(oddLpf(), int64(x)))
}

// Omega returns the number of distinct prime factors of 1 <= x <= NTLimit
// (0 for 1), else Undef.
func Omega(x Value) Value {
	if !ntDomain(x) {
		return Undef
	}
	c := Value(0)
	tables().factor(int64(x), func(_, _ int64) { c++ })
	return c
}

// BigOmega returns the number of prime factors of 1 <= x <= NTLimit
// counted with multiplicity (0 for 1), else Undef.
func BigOmega(x Value) Value {
	if !ntDomain(x) {
		return Undef
	}
	c := Value(0)
	tables().factor(int64(x), func(_, e int64) { c += Value(e) })
	return c
}
