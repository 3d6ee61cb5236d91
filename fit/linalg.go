package fit

import (
	"math/big"
	"slices"
)

// prime is the modulus of the screening pass: a shape whose equations are
// inconsistent modulo prime cannot fit, and most shapes are rejected there
// in a few microseconds before any exact arithmetic.
const prime = 1<<31 - 1

func mulMod(a, b uint64) uint64 { return a * b % prime }
func subMod(a, b uint64) uint64 { return (a + prime - b) % prime }

func invMod(a uint64) uint64 {
	// a^(p-2)
	r, e := uint64(1), uint64(prime-2)
	for e > 0 {
		if e&1 == 1 {
			r = mulMod(r, a)
		}
		a = mulMod(a, a)
		e >>= 1
	}
	return r
}

var bigPrime = big.NewInt(prime)

func toMod(x *big.Int) uint64 {
	if x.IsInt64() {
		v := x.Int64() % prime
		if v < 0 {
			v += prime
		}
		return uint64(v)
	}
	return new(big.Int).Mod(x, bigPrime).Uint64()
}

// field is the arithmetic of an elimination, on rows of coefficients
// (and, when augmented, a right-hand side): the integers modulo prime for
// screening and reconstruction, the rationals for exact solutions. Its
// operations work on a row from a given column on, so that the loops over
// the columns stay in the field's own code.
type field[T any] interface {
	zero(x T) bool
	clone(row []T) []T
	// normalize divides row[from:] by row[from].
	normalize(row []T, from int)
	// subScaled subtracts f times src[from:] from dst[from:].
	subScaled(dst, src []T, f T, from int)
}

// echelon is the one elimination routine: Gauss–Jordan elimination one
// row at a time. Each row added is reduced by the pivot rows so far; if
// anything is left among the first cols columns it becomes a pivot row,
// normalized at its first non-zero column, and (when reduced) that column
// is cleared from the earlier pivot rows, so that the pivot rows are
// always in reduced row echelon form.
type echelon[T any] struct {
	f         field[T]
	cols      int  // coefficients per row; an augmented row has one more
	augmented bool // the last entry of a row is its right-hand side
	reduced   bool // clear each pivot column from the earlier pivot rows
	piv       []pivotRow[T]
}

type pivotRow[T any] struct {
	col int
	row []T
}

// add reduces a copy of row. It reports whether the row was independent
// of the rows before it and, when it was not, whether it agreed with them
// (its right-hand side reduced to zero too).
func (e *echelon[T]) add(src []T) (independent, consistent bool) {
	row := e.f.clone(src)
	for _, p := range e.piv {
		if f := row[p.col]; !e.f.zero(f) {
			e.f.subScaled(row, p.row, f, p.col)
		}
	}
	col := 0
	for col < e.cols && e.f.zero(row[col]) {
		col++
	}
	if col == e.cols {
		return false, !e.augmented || e.f.zero(row[e.cols])
	}
	e.f.normalize(row, col)
	if e.reduced {
		for _, p := range e.piv {
			if f := p.row[col]; !e.f.zero(f) {
				e.f.subScaled(p.row, row, f, col)
			}
		}
	}
	e.piv = append(e.piv, pivotRow[T]{col, row})
	return true, true
}

// solution reads the solution off the reduced pivot rows: the unique one
// of an augmented system whose every column is a pivot, or the null
// vector of a homogeneous one with exactly one free column (which gets
// one). ok is false when the rank is not that.
func (e *echelon[T]) solution(one T, neg func(T) T) (x []T, ok bool) {
	x = make([]T, e.cols)
	isPiv := make([]bool, e.cols)
	for _, p := range e.piv {
		isPiv[p.col] = true
	}
	if e.augmented {
		if len(e.piv) != e.cols {
			return nil, false
		}
		for _, p := range e.piv {
			x[p.col] = p.row[e.cols]
		}
		return x, true
	}
	if len(e.piv) != e.cols-1 {
		return nil, false
	}
	free := slices.Index(isPiv, false)
	x[free] = one
	for _, p := range e.piv {
		x[p.col] = neg(p.row[free])
	}
	return x, true
}

// modField is the arithmetic modulo prime.
type modField struct{}

func (modField) zero(x uint64) bool          { return x == 0 }
func (modField) clone(row []uint64) []uint64 { return slices.Clone(row) }

func (modField) normalize(row []uint64, from int) {
	inv := invMod(row[from])
	for j := from; j < len(row); j++ {
		row[j] = mulMod(row[j], inv)
	}
}

func (modField) subScaled(dst, src []uint64, f uint64, from int) {
	for j := from; j < len(dst); j++ {
		dst[j] = subMod(dst[j], mulMod(f, src[j]))
	}
}

// ratField is the arithmetic of the rationals.
type ratField struct{}

func (ratField) zero(x *big.Rat) bool { return x.Sign() == 0 }

func (ratField) clone(row []*big.Rat) []*big.Rat {
	out := make([]*big.Rat, len(row))
	for j, v := range row {
		out[j] = new(big.Rat).Set(v)
	}
	return out
}

func (ratField) normalize(row []*big.Rat, from int) {
	inv := new(big.Rat).Inv(row[from])
	for j := from; j < len(row); j++ {
		row[j].Mul(row[j], inv)
	}
}

func (ratField) subScaled(dst, src []*big.Rat, f *big.Rat, from int) {
	f = new(big.Rat).Set(f) // f may be dst[from]
	t := new(big.Rat)
	for j := from; j < len(dst); j++ {
		dst[j].Sub(dst[j], t.Mul(f, src[j]))
	}
}

// modEliminate reduces the rows of a linear system modulo prime, one at a
// time. Each row has cols coefficients followed, when augmented, by its
// right-hand side. It returns the indices of the rows that became pivots
// (a maximal independent set, in order) and whether the system is
// consistent (always true when not augmented); it stops at the first row
// that contradicts the others.
func modEliminate(rows [][]uint64, cols int, augmented bool) (pivots []int, consistent bool) {
	e := echelon[uint64]{f: modField{}, cols: cols, augmented: augmented}
	for i, row := range rows {
		independent, consistent := e.add(row)
		if !consistent {
			return pivots, false
		}
		if independent {
			pivots = append(pivots, i)
		}
	}
	return pivots, true
}

// solveExact solves the square system a x = b (b nil for a homogeneous
// system of cols-1 independent rows, whose one-dimensional null space is
// returned) over the rationals. It returns the solution as integers over a
// common positive denominator, or ok false when the system is singular.
func solveExact(a [][]*big.Int, b []*big.Int, cols int) (x []*big.Int, d *big.Int, ok bool) {
	e := echelon[*big.Rat]{f: ratField{}, cols: cols, augmented: b != nil, reduced: true}
	for i := range a {
		row := make([]*big.Rat, cols, cols+1)
		for j := range cols {
			row[j] = new(big.Rat).SetInt(a[i][j])
		}
		if b != nil {
			row = append(row, new(big.Rat).SetInt(b[i]))
		}
		e.add(row)
	}
	sol, ok := e.solution(big.NewRat(1, 1), func(v *big.Rat) *big.Rat { return new(big.Rat).Neg(v) })
	if !ok {
		return nil, nil, false
	}
	d = big.NewInt(1)
	for _, v := range sol {
		d = lcm(d, v.Denom())
	}
	x = make([]*big.Int, cols)
	for i, v := range sol {
		t := new(big.Int).Mul(v.Num(), d)
		x[i] = t.Quo(t, v.Denom())
	}
	if b == nil {
		// Primitive integer vector.
		if !primitive(x) {
			return nil, nil, false
		}
		d = big.NewInt(1)
	}
	return x, d, true
}

// reconstruct solves the independent rows of a system modulo prime (a
// square system, or cols-1 rows of a homogeneous one whose null space it
// returns) and reads each value as a fraction with numerator and
// denominator below 2^15, the way rational reconstruction does. It returns
// the integer numerators over their common denominator (a primitive
// integer vector when homogeneous), or false when the system is singular
// modulo prime or a value has no small fraction. The result may still be
// wrong: the caller checks it.
func reconstruct(rows [][]uint64, cols int, homogeneous bool) (x []*big.Int, den *big.Int, ok bool) {
	e := echelon[uint64]{f: modField{}, cols: cols, augmented: !homogeneous, reduced: true}
	for _, row := range rows {
		e.add(row)
	}
	sol, ok := e.solution(1, func(v uint64) uint64 { return subMod(0, v) })
	if !ok {
		return nil, nil, false
	}
	nums := make([]int64, cols)
	dens := make([]int64, cols)
	d := big.NewInt(1)
	for i, v := range sol {
		num, dn, ok := ratReconstruct(v)
		if !ok {
			return nil, nil, false
		}
		nums[i], dens[i] = num, dn
		d = lcm(d, big.NewInt(dn))
	}
	x = make([]*big.Int, cols)
	for i := range x {
		v := new(big.Int).Quo(d, big.NewInt(dens[i]))
		x[i] = v.Mul(v, big.NewInt(nums[i]))
	}
	if homogeneous {
		if !primitive(x) {
			return nil, nil, false
		}
		d = big.NewInt(1)
	}
	return x, d, true
}

// primitive divides the integer vector x by the gcd of its entries, in
// place, and reports false when x is all zeros.
func primitive(x []*big.Int) bool {
	g := new(big.Int)
	for _, v := range x {
		g.GCD(nil, nil, g, new(big.Int).Abs(v))
	}
	if g.Sign() == 0 {
		return false
	}
	for i := range x {
		x[i].Quo(x[i], g)
	}
	return true
}

// ratBound bounds the numerators and denominators ratReconstruct finds:
// 2*ratBound^2 < prime makes the fraction unique.
const ratBound = 1 << 15

// ratReconstruct finds num/den = v modulo prime with |num| < ratBound and
// 0 < den < ratBound (the half-extended Euclidean algorithm).
func ratReconstruct(v uint64) (num, den int64, ok bool) {
	r0, r1 := int64(prime), int64(v)
	t0, t1 := int64(0), int64(1)
	for r1 >= ratBound {
		q := r0 / r1
		r0, r1 = r1, r0-q*r1
		t0, t1 = t1, t0-q*t1
	}
	if t1 == 0 {
		return 0, 0, false
	}
	if t1 < 0 {
		r1, t1 = -r1, -t1
	}
	if t1 >= ratBound {
		return 0, 0, false
	}
	return r1, t1, true
}

// solveRat solves an overdetermined augmented system exactly: it returns
// the unique solution, or false when the system is inconsistent or does
// not determine every unknown.
func solveRat(rows [][]*big.Rat) ([]*big.Rat, bool) {
	e := echelon[*big.Rat]{f: ratField{}, cols: len(rows[0]) - 1, augmented: true, reduced: true}
	for _, row := range rows {
		if _, consistent := e.add(row); !consistent {
			return nil, false
		}
	}
	return e.solution(nil, nil)
}
