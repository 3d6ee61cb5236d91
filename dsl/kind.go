package dsl

import (
	"fmt"
	"math/big"
	"strings"
)

// Kind identifies a program kind: a row of the kind table. Each kind is
// declared with its row in a file of its own (closed.go, recurrence.go,
// triangle.go, filter.go, divisor.go, rational.go, digits.go,
// contfrac.go, literal.go, trirec.go), as op.go declares the operators; the
// parser, the printer, the coder, the evaluators, the search and explain's
// contrived rival read the row and never switch on the kind. doc.go says
// how to add one.
type Kind uint8

// kindSpec is one row of the kind table.
type kindSpec struct {
	// name names the kind in messages and tests ("closed form").
	name string
	// word returns the header code word of a program of the given order
	// (0 for the kinds without initial terms). The words of all kinds
	// and orders form a prefix-free code (TestKindHeaders).
	word func(order int) string
	// offsetBit: the header ends with one bit for the offset, 0 or 1.
	offsetBit bool
	// leads are the texts that start the kind's text form ("a(n) =",
	// "T(n, k) ="). The parser picks the kinds with the longest lead
	// that matches; several kinds may share one (a closed form and a
	// recurrence: their tails tell them apart).
	leads []string
	// parse parses the whole text form, lead included. It is nil for a
	// kind whose text form is "lead body tail" (body.tail parses the
	// tail).
	parse func(p *parser) (*Program, error)
	// print writes the text form.
	print func(sb *strings.Builder, p *Program)
	// bits is the length of the code after the header (and offset bit),
	// and encode writes that code; nil for a kind with a body, whose code
	// is the body's and then its initial terms'.
	bits   func(p *Program) int
	encode func(sb *strings.Builder, p *Program)
	// values returns the first count terms in int64 (Undef where a term
	// has no int64 value); nil: from bigValues. bigValues returns them
	// exactly (nil where undefined). Both are nil for a kind whose body
	// is evaluated at its points (body.point).
	values    func(p *Program, count int) []Value
	bigValues func(p *Program, count int) []*big.Int
	// body is the grammar of the kind's integer body; nil for a kind
	// without one.
	body *BodySpec
	// rival returns the contrived rival of a program for n given terms
	// (see Contrive), false when there is none; noRival says why not.
	rival   func(p *Program, n int) (Rival, bool)
	noRival string

	lead [][]string // leads, tokenized
}

// kinds is the kind table, indexed by Kind. The rows are added by the
// kinds' files (define); a test may add a kind of its own.
var kinds []*kindSpec

// define adds the row of kind k to the table. It panics when the row is
// incomplete or k is taken: both are mistakes in this package.
func define(k Kind, s *kindSpec) {
	for int(k) >= len(kinds) {
		kinds = append(kinds, nil)
	}
	if kinds[k] != nil {
		panic(fmt.Sprintf("dsl: kind %d defined twice (%s, %s)", k, kinds[k].name, s.name))
	}
	if s.body != nil && s.bits == nil {
		s.bits, s.encode = bodyBits, encodeBody
	}
	if s.body != nil && s.bigValues == nil {
		s.values, s.bigValues = bodyValues, bodyBigValues
	}
	if s.values == nil && s.bigValues != nil {
		s.values = valuesFromBig
	}
	if s.word == nil || s.print == nil || s.bits == nil || s.encode == nil || s.bigValues == nil ||
		(s.parse == nil) == (s.body == nil || s.body.tail == nil) {
		panic("dsl: incomplete kind " + s.name)
	}
	for _, l := range s.leads {
		toks, err := tokenize(l)
		if err != nil {
			panic(err)
		}
		var lead []string
		for _, t := range toks[:len(toks)-1] {
			lead = append(lead, t.text)
		}
		s.lead = append(s.lead, lead)
	}
	kinds[k] = s
}

// word returns a word function that ignores the order: the header of a
// kind without initial terms.
func word(w string) func(int) string { return func(int) string { return w } }

func (k Kind) spec() *kindSpec {
	if int(k) < len(kinds) && kinds[k] != nil {
		return kinds[k]
	}
	panic(fmt.Sprintf("dsl: unknown kind %d", k))
}

// Kinds returns the kinds of the table, in table order.
func Kinds() []Kind {
	var out []Kind
	for k, s := range kinds {
		if s != nil {
			out = append(out, Kind(k))
		}
	}
	return out
}

// String returns the kind's name.
func (k Kind) String() string {
	if int(k) < len(kinds) && kinds[k] != nil {
		return kinds[k].name
	}
	return fmt.Sprintf("kind(%d)", k)
}

// Body returns the grammar of the kind's integer body, false for a kind
// without one.
func (k Kind) Body() (BodySpec, bool) {
	if b := k.spec().body; b != nil {
		return *b, true
	}
	return BodySpec{}, false
}

// HeaderWord is the header code word of a program of kind k with the
// given order (0 for the kinds without initial terms), offset bit not
// included.
func HeaderWord(k Kind, order int) string { return k.spec().word(order) }

// HeaderBits is the length of a program's header: its kind's word (with
// the order of a recurrence) and the offset bit of the kinds that have one.
func HeaderBits(k Kind, order int) int {
	b := len(k.spec().word(order))
	if k.spec().offsetBit {
		b++
	}
	return b
}

// String returns the program's text form, e.g. "a(n) = 2*n + 2",
// "a(n) = n^2; n >= 1", "a(n) = a(n-1) + a(n-2); a(0) = 0, a(1) = 1",
// "T(n, k) = binomial(n, k)" (a triangle read by rows),
// "T(n, k) = T(n-1, k-1) + T(n-1, k); T(0, 0) = 1" (a triangle recurrence),
// "a(n) = [x^n] (1 + x)/((1-x)*(1-x^2))", "a = {n >= 0 : isprime(n) > 0}"
// (the n at which the body is positive), "a = cf(sqrt(352))" (the
// continued fraction of a square root) or "a = [2, 3, 5, 7]".
func (p *Program) String() string {
	var sb strings.Builder
	p.Kind.spec().print(&sb, p)
	return sb.String()
}

// Bits is the length in bits of the program's code word; its prior weight is
// 2^-Bits.
func (p *Program) Bits() int {
	return HeaderBits(p.Kind, p.Order) + p.Kind.spec().bits(p)
}

// Encode returns the program's code word as a string of '0' and '1'. Its
// length is always p.Bits(); it exists so that the code can be checked (and
// shown) bit by bit.
func (p *Program) Encode() string {
	var sb strings.Builder
	s := p.Kind.spec()
	sb.WriteString(s.word(p.Order))
	if s.offsetBit {
		sb.WriteByte('0' + byte(p.Offset))
	}
	s.encode(&sb, p)
	return sb.String()
}

// Values returns the first count terms of the program, a(Offset) onwards,
// in 64-bit arithmetic; terms that have no int64 value are Undef.
func (p *Program) Values(count int) []Value {
	return p.Kind.spec().values(p, count)
}

// BigValues returns the first count terms of the program exactly; undefined
// terms are nil.
func (p *Program) BigValues(count int) []*big.Int {
	return p.Kind.spec().bigValues(p, count)
}

// valuesFromBig computes the int64 terms from the exact ones, for the
// kinds whose terms are computed exactly (a filter's body may overflow
// int64 at an n that is itself small, convergents grow exponentially):
// any that fits is the same.
func valuesFromBig(p *Program, count int) []Value {
	out := make([]Value, count)
	for i, v := range p.BigValues(count) {
		out[i] = FromBig(v)
	}
	return out
}

// Rival is a program contrived to reproduce the same terms as another but
// to predict something else, which explain shows to weigh next to nothing:
// the other program with a term Added to its formula that vanishes at the
// indices Zeros, where the formula gives the terms.
type Rival struct {
	Program *Program
	Added   string
	Zeros   []int
}

// Contrive returns the contrived rival of p for n given terms or, when
// p's kind has none, says why.
func Contrive(p *Program, n int) (Rival, string) {
	s := p.Kind.spec()
	if s.rival != nil {
		if r, ok := s.rival(p, n); ok {
			return r, ""
		}
	}
	return Rival{}, s.noRival
}

// partsOf returns p's Parts as the node type of its kind, a zero node when
// p has none.
func partsOf[T any](p *Program) *T {
	if p.Parts == nil {
		return new(T)
	}
	return any(p.Parts).(*T)
}

// OffsetBit reports whether the kind's programs say their offset (0 or
// 1) in one bit of their header; the others start at 0, or at their
// body's Offset (a divisor sum at 1).
func (k Kind) OffsetBit() bool { return k.spec().offsetBit }

// Offsets lists the offsets a program of kind k may have: 0 and 1 when
// its header has an offset bit, else the one of its kind.
func (k Kind) Offsets() []int {
	s := k.spec()
	switch {
	case s.offsetBit:
		return []int{0, 1}
	case s.body != nil:
		return []int{s.body.Offset}
	}
	return []int{0}
}
