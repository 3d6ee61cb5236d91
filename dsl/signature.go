package dsl

import (
	"fmt"
	"math/big"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// Signature programs list, in increasing order, the numbers whose prime
// factorization has the given exponents (its prime signature), whatever
// the primes: a = signature(1, 1) is 6, 10, 14, 15, 21, 22, ..., the
// products of two distinct primes (OEIS A006881); signature(2, 1) is 12,
// 18, 20, 28, ..., the numbers p^2*q (A054753); signature(4, 2, 2) the
// numbers p^4*q^2*r^2 (A179746). The OEIS names some hundred such sets.
// They have no body and no offset (the first term is the least such
// number): the header is "0111" and the gamma code of 21 (13 bits), then
// the gamma code of the number of exponents m, of the smallest exponent,
// and of each larger one's excess over the next smaller plus 1, from
// the smallest up. signature(1, 1) takes 13 + 3 + 1 + 1 = 18 bits.
const Signature Kind = 15

// SignatureParts are the exponents of a Signature program, from the
// largest down, each at least 1.
type SignatureParts struct {
	Exps []int
}

func (*SignatureParts) partsNode() {}

// Bounds of Signature programs.
const (
	// MaxSignatureExps bounds the number of exponents: 2*3*5*...*23 (nine
	// primes) is already 223,092,870, beyond MaxSignatureTerm.
	MaxSignatureExps = 8
	// MaxSignatureExp bounds each exponent: 2^22 is the least number with
	// an exponent of 22.
	MaxSignatureExp = 22
	// MaxSignatureTerm bounds the terms that are computed at all: the
	// numbers are found by factoring every integer in turn, a few tens of
	// milliseconds up to here; a later term is undefined.
	MaxSignatureTerm = 1 << 22
)

// NewSignature returns the program listing the numbers with the prime
// signature exps (in any order; it sorts a copy from the largest down).
func NewSignature(exps []int) *Program {
	e := slices.Clone(exps)
	slices.SortFunc(e, func(x, y int) int { return y - x })
	return &Program{Kind: Signature, Parts: &SignatureParts{Exps: e}}
}

func init() {
	define(Signature, &kindSpec{
		name:      "prime signature",
		word:      word("0111" + gammaWord(21)),
		leads:     []string{"a = signature("},
		parse:     parseSignature,
		print:     printSignature,
		bits:      signatureBits,
		encode:    encodeSignature,
		bigValues: signatureValues,
		noRival:   "the best explanation lists the numbers of a prime signature, which has no formula to add a vanishing product to",
	})
}

// CheckSignature says why exps cannot be a prime signature, or returns
// nil: 1 to MaxSignatureExps exponents, each 1..MaxSignatureExp, from the
// largest down.
func CheckSignature(exps []int) error {
	if len(exps) == 0 || len(exps) > MaxSignatureExps {
		return fmt.Errorf("a prime signature has 1 to %d exponents, found %d", MaxSignatureExps, len(exps))
	}
	for i, e := range exps {
		if e < 1 || e > MaxSignatureExp {
			return fmt.Errorf("the exponents of a prime signature are 1..%d, found %d", MaxSignatureExp, e)
		}
		if i > 0 && e > exps[i-1] {
			return fmt.Errorf("the exponents of a prime signature are written from the largest down, found %d after %d", e, exps[i-1])
		}
	}
	return nil
}

// signatureSteps returns the numbers the code writes after the header,
// each at least 1: m, the smallest exponent, then each larger one's
// excess over the next smaller plus 1.
func signatureSteps(exps []int) []uint64 {
	m := len(exps)
	out := []uint64{uint64(max(m, 1))}
	if m == 0 {
		return out
	}
	out = append(out, uint64(max(exps[m-1], 1)))
	for i := m - 2; i >= 0; i-- {
		out = append(out, uint64(max(exps[i]-exps[i+1], 0))+1)
	}
	return out
}

func signatureBits(p *Program) int {
	bits := 0
	for _, x := range signatureSteps(partsOf[SignatureParts](p).Exps) {
		bits += GammaBits(x)
	}
	return bits
}

func encodeSignature(sb *strings.Builder, p *Program) {
	for _, x := range signatureSteps(partsOf[SignatureParts](p).Exps) {
		sb.WriteString(gammaWord(x))
	}
}

// printSignature writes "a = signature(4, 2, 2)".
func printSignature(sb *strings.Builder, p *Program) {
	sb.WriteString("a = signature(")
	for i, e := range partsOf[SignatureParts](p).Exps {
		if i > 0 {
			sb.WriteString(", ")
		}
		sb.WriteString(strconv.Itoa(e))
	}
	sb.WriteString(")")
}

// parseSignature parses "a = signature(E1, E2, ...)".
func parseSignature(p *parser) (*Program, error) {
	if err := p.expect("a", "=", "signature", "("); err != nil {
		return nil, err
	}
	var exps []int
	for {
		t := p.next()
		if !t.num {
			return nil, p.errorf(t, "expected an exponent of the prime signature, found %s", t)
		}
		e, err := strconv.Atoi(t.text)
		if err != nil || e > MaxSignatureExp {
			return nil, p.errorf(t, "the exponents of a prime signature are 1..%d, found %s", MaxSignatureExp, t.text)
		}
		if exps = append(exps, e); len(exps) > MaxSignatureExps {
			return nil, p.errorf(t, "a prime signature has at most %d exponents", MaxSignatureExps)
		}
		if err := CheckSignature(exps); err != nil {
			return nil, p.errorf(t, "%v", err)
		}
		if t := p.next(); t.text == ")" {
			break
		} else if t.text != "," {
			return nil, p.errorf(t, "expected , or ) in signature(...), found %s", t)
		}
	}
	return &Program{Kind: Signature, Parts: &SignatureParts{Exps: exps}}, nil
}

// signaturePrimes are the primes up to the square root of
// MaxSignatureTerm, from the prime table (Prime).
var signaturePrimes = sync.OnceValue(func() []int64 {
	var out []int64
	for i := Value(1); ; i++ {
		p := int64(Prime(i))
		if p*p > MaxSignatureTerm {
			return out
		}
		out = append(out, p)
	}
})

// signatureBlock is how many integers SignatureMembers factors at once.
const signatureBlock = 1 << 15

// SignatureMembers calls yield with the numbers of prime signature exps
// (from the largest exponent down, CheckSignature), in increasing order,
// up to MaxSignatureTerm or until yield returns false. It factors the
// integers block by block: each prime up to the square root divides out
// of its multiples in the block, and what is left above 1 is a prime of
// exponent 1.
func SignatureMembers(exps []int, yield func(x int64) bool) {
	if CheckSignature(exps) != nil {
		return
	}
	primes := signaturePrimes()
	rest := make([]int64, signatureBlock)
	got := make([][MaxSignatureExps]uint8, signatureBlock)
	count := make([]int8, signatureBlock) // -1: more exponents than exps
	want := len(exps)
	for lo := int64(2); lo <= MaxSignatureTerm; lo += signatureBlock {
		hi := min(lo+signatureBlock, MaxSignatureTerm+1) // [lo, hi)
		for i := range hi - lo {
			rest[i], count[i] = lo+i, 0
		}
		for _, p := range primes {
			if p*p >= hi {
				break
			}
			for x := (lo + p - 1) / p * p; x < hi; x += p {
				i := x - lo
				e := 0
				for rest[i]%p == 0 {
					rest[i] /= p
					e++
				}
				record(&count[i], &got[i], e, want)
			}
		}
		for i := range hi - lo {
			if rest[i] > 1 {
				record(&count[i], &got[i], 1, want)
			}
			if int(count[i]) == want && sameExps(got[i][:want], exps) && !yield(lo+i) {
				return
			}
		}
	}
}

// record notes one exponent e of a number that has c so far, or marks
// it (c = -1) when it has more than want.
func record(c *int8, got *[MaxSignatureExps]uint8, e, want int) {
	switch {
	case *c < 0:
	case int(*c) == want:
		*c = -1
	default:
		got[*c] = uint8(e)
		*c++
	}
}

// sameExps reports whether got, in any order, is exps (from the largest
// down).
func sameExps(got []uint8, exps []int) bool {
	var sorted [MaxSignatureExps]int
	for i, e := range got {
		sorted[i] = int(e)
	}
	s := sorted[:len(got)]
	slices.SortFunc(s, func(x, y int) int { return y - x })
	return slices.Equal(s, exps)
}

// signatureValues returns the first count members, nil beyond
// MaxSignatureTerm, all nil for an invalid program.
func signatureValues(p *Program, count int) []*big.Int {
	out := make([]*big.Int, count)
	if count == 0 {
		return out
	}
	i := 0
	SignatureMembers(partsOf[SignatureParts](p).Exps, func(x int64) bool {
		out[i] = big.NewInt(x)
		i++
		return i < count
	})
	return out
}
