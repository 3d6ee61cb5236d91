package dsl

import (
	"math"
	"math/big"
	"strconv"
	"strings"
)

// Digits programs are the decimal digits of a real constant: a(n) is the
// digit of |Real| at the place 10^-(From+n), floor(|C|*10^(From+n)) mod
// 10; a = digits(log(8)) is 2, 0, 7, 9, 4, ... The header is "0111" and
// the gamma code of 9, with no offset bit (From says where the digits
// start); then From - DefaultFrom(C) in the universal integer code and C
// in the real table's code (real.go).
const Digits Kind = 6

// DigitsParts are the constant of a Digits program and the place 10^-From
// of its first digit (0 the units, 1 the first digit after the point).
type DigitsParts struct {
	Real *Real
	From int
}

func (*DigitsParts) partsNode() {}

// NewDigits returns the program of the digits of r from the place
// 10^-from.
func NewDigits(r *Real, from int) *Program {
	return &Program{Kind: Digits, Parts: &DigitsParts{Real: r, From: from}}
}

func init() {
	define(Digits, &kindSpec{
		name:  "digits",
		word:  word("0111" + gammaWord(9)),
		leads: []string{"a = digits"},
		parse: parseDigits,
		print: printDigits,
		bits: func(p *Program) int {
			d := partsOf[DigitsParts](p)
			return digitsStartBits(d.Real, d.From) + RealBits(d.Real)
		},
		encode: func(sb *strings.Builder, p *Program) {
			d := partsOf[DigitsParts](p)
			sb.WriteString(intWord(digitsShift(d.Real, d.From)))
			encodeReal(sb, d.Real)
		},
		bigValues: func(p *Program, count int) []*big.Int {
			d := partsOf[DigitsParts](p)
			return DigitsValues(d.Real, d.From, count)
		},
		noRival: "the best explanation is the digits of a constant, which has no formula in n to add a vanishing product to",
	})
}

// MaxDigitsFrom bounds |From| of a Digits program, and MaxDigitPlace the
// places 10^-j whose digits are computed at all (j at most MaxDigitPlace,
// which MaxRealPrec bits of precision still resolve): a digit further out
// is undefined.
const (
	MaxDigitsFrom = 2000
	MaxDigitPlace = 2300
)

// estimatePrec is the precision at which DefaultFrom locates the leading
// digit: fixed, so that the code length of a program never depends on
// anything but the program.
const estimatePrec = 128

// DefaultFrom is where the digits of |r| start when a Digits program does
// not say: at its first significant digit, the place 10^-From with From =
// -floor(log10 |r|) as evaluated at 128 bits (log(8) = 2.07...: From = 0;
// 0.0021...: From = 3). It is 0 when r is undefined or zero there.
func DefaultFrom(r *Real) int {
	v, _ := EvalReal(r, estimatePrec)
	if v == nil || v.Sign() == 0 {
		return 0
	}
	a := new(big.Float).SetPrec(estimatePrec).Abs(v)
	t := int(math.Floor(float64(a.MantExp(nil)-1) * math.Log10(2)))
	for cmpPow10(a, t+1) >= 0 {
		t++
	}
	for cmpPow10(a, t) < 0 {
		t--
	}
	return -t
}

// cmpPow10 compares a > 0 with 10^t.
func cmpPow10(a *big.Float, t int) int {
	p := new(big.Float).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(iabs(t))), nil))
	if t >= 0 {
		return a.Cmp(p)
	}
	prod := new(big.Float).SetPrec(a.Prec()+p.MinPrec()).Mul(a, p)
	return prod.Cmp(big.NewFloat(1))
}

// digitsStartBits is the length of the code of From: the universal
// integer code of its distance from DefaultFrom, 1 bit for the default.
func digitsStartBits(r *Real, from int) int {
	return IntBits(digitsShift(r, from))
}

func digitsShift(r *Real, from int) *big.Int {
	return new(big.Int).Sub(big.NewInt(int64(from)), big.NewInt(int64(DefaultFrom(r))))
}

// DigitsValues returns count decimal digits of |r|, the first at the place
// 10^-from: the digit of place 10^-j is floor(|r|*10^j) mod 10. A digit is
// nil (undefined) unless the error bound of the evaluation leaves it no
// doubt: when it is within the error of a digit boundary at every
// precision tried (up to MaxRealPrec bits), when r is undefined, or when
// its place is beyond MaxDigitPlace. It never gives a wrong digit as long
// as the error bounds hold.
func DigitsValues(r *Real, from, count int) []*big.Int {
	out := make([]*big.Int, max(count, 0))
	if r == nil || iabs(from) > MaxDigitsFrom || count <= 0 {
		return out
	}
	n := min(count, MaxDigitPlace-from+1) // the digits with a place in range
	if n <= 0 {
		return out
	}
	last := from + n - 1 // the place 10^-last of the last digit
	prec := uint(float64(max(last, 0)+20)*math.Log2(10)) + 2*realGuard
	for range 3 {
		got, ok := digitsAt(r, from, n, min(prec, MaxRealPrec))
		copy(out, got)
		if ok || prec >= MaxRealPrec {
			break
		}
		prec = 2*prec + MaxRealExp/8
	}
	return out
}

// digitsAt computes the digits at one precision; ok reports that all were
// determined.
func digitsAt(r *Real, from, n int, prec uint) ([]*big.Int, bool) {
	out := make([]*big.Int, n)
	v, err := EvalReal(r, prec)
	if v == nil {
		return out, false
	}
	last := from + n - 1
	lo, hi := scaledFloor(v, err, last, prec)
	if lo == nil {
		return out, false
	}
	// The digit at position i is determined when the floors of the two
	// ends agree on all places down to it.
	ten := big.NewInt(10)
	div := new(big.Int).Exp(ten, big.NewInt(int64(n-1)), nil)
	ql, qh := new(big.Int), new(big.Int)
	for i := range n {
		ql.Quo(lo, div)
		qh.Quo(hi, div)
		if ql.Cmp(qh) != 0 {
			return out, false
		}
		out[i] = new(big.Int).Mod(ql, ten)
		div.Quo(div, ten)
	}
	return out, true
}

// scaledFloor returns floor((|v| - err)*10^last) and
// floor((|v| + err)*10^last), rounding each end outwards; nil when the
// interval reaches zero.
func scaledFloor(v, err *big.Float, last int, prec uint) (lo, hi *big.Int) {
	a := new(big.Float).SetPrec(prec + 64).Abs(v)
	l := new(big.Float).SetPrec(prec+64).SetMode(big.ToNegativeInf).Sub(a, err)
	h := new(big.Float).SetPrec(prec+64).SetMode(big.ToPositiveInf).Add(a, err)
	if l.Sign() <= 0 {
		return nil, nil
	}
	p := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(iabs(last))), nil)
	if last >= 0 {
		s := new(big.Float).SetInt(p)
		w := prec + s.MinPrec() + 64
		l = new(big.Float).SetPrec(w).SetMode(big.ToNegativeInf).Mul(l, s)
		h = new(big.Float).SetPrec(w).SetMode(big.ToPositiveInf).Mul(h, s)
	}
	lo, _ = l.Int(nil) // truncation is the floor of these positive numbers
	hi, _ = h.Int(nil)
	if last < 0 {
		lo.Quo(lo, p)
		hi.Quo(hi, p)
	}
	return lo, hi
}

// printDigits writes "a = digits(C)" or "a = digits(C, from j)".
func printDigits(sb *strings.Builder, p *Program) {
	d := partsOf[DigitsParts](p)
	sb.WriteString("a = digits(")
	printReal(sb, d.Real, PrecAdd)
	if d.From != DefaultFrom(d.Real) {
		sb.WriteString(", from " + strconv.Itoa(d.From))
	}
	sb.WriteString(")")
}

// parseDigits parses "a = digits(C)" or "a = digits(C, from j)".
func parseDigits(p *parser) (*Program, error) {
	if err := p.expect("a", "=", "digits", "("); err != nil {
		return nil, err
	}
	r, err := p.realAt(PrecAdd)
	if err != nil {
		return nil, err
	}
	d := &DigitsParts{Real: r}
	prog := &Program{Kind: Digits, Parts: d}
	if p.peek().text == "," {
		p.next()
		if err := p.expect("from"); err != nil {
			return nil, err
		}
		t := p.peek()
		v, err := p.signedInt()
		if err != nil {
			return nil, err
		}
		if v.CmpAbs(big.NewInt(MaxDigitsFrom)) > 0 {
			return nil, p.errorf(t, "the first place must be within ±%d", MaxDigitsFrom)
		}
		d.From = int(v.Int64())
	} else {
		d.From = DefaultFrom(r)
	}
	return prog, p.expect(")")
}
