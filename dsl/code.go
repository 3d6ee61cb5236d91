package dsl

import (
	"fmt"
	"math/big"
	"math/bits"
	"sort"
	"strings"
)

// GammaBits is the length of the Elias gamma code of x >= 1:
// 2*floor(log2 x) + 1.
func GammaBits(x uint64) int {
	return 2*(bits.Len64(x)-1) + 1
}

// DeltaBits is the length of the Elias delta code of x >= 1: with L the
// number of binary digits of x, (L-1) + GammaBits(L).
func DeltaBits(x *big.Int) int {
	l := x.BitLen()
	return l - 1 + GammaBits(uint64(l))
}

// IntBits is the length of the universal code of an arbitrary integer v:
// the Elias delta code of |v|+1, then one sign bit unless v is 0. So 0 takes
// 1 bit, ±1 and ±2 take 5, ±3..±6 take 6, ±7..±14 take 9. The code is
// complete: the sum of 2^-IntBits(v) over all integers is exactly 1.
func IntBits(v *big.Int) int {
	m := new(big.Int).Abs(v)
	m.Add(m, big.NewInt(1))
	b := DeltaBits(m)
	if v.Sign() != 0 {
		b++
	}
	return b
}

// IntBits64 is IntBits for an int64.
func IntBits64(v int64) int { return IntBits(big.NewInt(v)) }

// ConstBits is the length of a constant leaf: the OpConst code word and the
// gamma code of the constant. The constant 1 takes 4 bits, 2 and 3 take 6.
func ConstBits(c int64) int {
	return Ops[OpConst].Bits + GammaBits(uint64(c))
}

// ExprBits is the length of an expression's code: the sum of its nodes' code
// words, plus the gamma code of each constant.
func ExprBits(e Expr) int {
	b := Ops[OpOf(e)].Bits
	switch e := e.(type) {
	case *Const:
		b += GammaBits(uint64(e.Value))
	case *Prev:
		b = PrevBits(e.Lag)
	case *Unary:
		b += ExprBits(e.X)
	case *Binary:
		b += ExprBits(e.X) + ExprBits(e.Y)
	case *Cond:
		b += ExprBits(e.Cond) + ExprBits(e.Then) + ExprBits(e.Else)
	case *Loop:
		b += ExprBits(e.Body)
	}
	return b
}

// opWords are the code words of the operator table: the canonical prefix code
// with the table's lengths.
var opWords = func() [numOps]string {
	var lengths [numOps]int
	for op, info := range Ops {
		lengths[op] = info.Bits
	}
	var words [numOps]string
	copy(words[:], canonicalWords(lengths[:]))
	return words
}()

// canonicalWords returns the canonical prefix code with the given word
// lengths: shorter words first, ties in the order given, each word the
// previous one plus one, shifted to its length. The lengths must satisfy
// Kraft's inequality.
func canonicalWords(lengths []int) []string {
	order := make([]int, len(lengths))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(i, j int) bool { return lengths[order[i]] < lengths[order[j]] })
	words := make([]string, len(lengths))
	code, prevLen := uint64(0), 0
	for i, k := range order {
		l := lengths[k]
		if i > 0 {
			code = (code + 1) << uint(l-prevLen)
		}
		words[k] = fmt.Sprintf("%0*b", l, code)
		prevLen = l
	}
	return words
}

// OpWord returns the code word of a node choice.
func OpWord(op Op) string { return opWords[op] }

func encodeExpr(sb *strings.Builder, e Expr) {
	sb.WriteString(opWords[OpOf(e)])
	switch e := e.(type) {
	case *Const:
		sb.WriteString(gammaWord(uint64(e.Value)))
	case *Prev:
		if e.Lag > 3 {
			sb.WriteString(gammaWord(uint64(e.Lag - 3)))
		}
	case *Unary:
		encodeExpr(sb, e.X)
	case *Binary:
		encodeExpr(sb, e.X)
		encodeExpr(sb, e.Y)
	case *Cond:
		encodeExpr(sb, e.Cond)
		encodeExpr(sb, e.Then)
		encodeExpr(sb, e.Else)
	case *Loop:
		encodeExpr(sb, e.Body)
	}
}

// gammaWord is the Elias gamma code of x >= 1: as many zeros as x has binary
// digits after the first, then x in binary.
func gammaWord(x uint64) string {
	b := fmt.Sprintf("%b", x)
	return strings.Repeat("0", len(b)-1) + b
}

// deltaWord is the Elias delta code of x >= 1: the gamma code of x's number
// of binary digits, then x's binary digits after the leading 1.
func deltaWord(x *big.Int) string {
	b := x.Text(2)
	return gammaWord(uint64(len(b))) + b[1:]
}

// intWord is the universal integer code: delta(|v|+1), then a sign bit
// (0 for positive, 1 for negative) unless v is 0.
func intWord(v *big.Int) string {
	m := new(big.Int).Abs(v)
	m.Add(m, big.NewInt(1))
	w := deltaWord(m)
	switch v.Sign() {
	case 1:
		w += "0"
	case -1:
		w += "1"
	}
	return w
}
