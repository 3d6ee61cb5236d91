package fit

import (
	"math/big"
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

// modEliminate reduces the rows of a linear system modulo prime, one at a
// time. Each row has cols coefficients followed, when augmented, by its
// right-hand side. It returns the indices of the rows that became pivots
// (a maximal independent set, in order) and whether the system is
// consistent (always true when not augmented).
func modEliminate(rows [][]uint64, cols int, augmented bool) (pivots []int, consistent bool) {
	type pivot struct {
		col int
		row []uint64
	}
	var ps []pivot
	for i, src := range rows {
		row := append([]uint64(nil), src...)
		for _, p := range ps {
			f := row[p.col]
			if f == 0 {
				continue
			}
			for j := p.col; j < len(row); j++ {
				row[j] = subMod(row[j], mulMod(f, p.row[j]))
			}
		}
		col := -1
		for j := 0; j < cols; j++ {
			if row[j] != 0 {
				col = j
				break
			}
		}
		if col < 0 {
			if augmented && row[cols] != 0 {
				return pivots, false
			}
			continue
		}
		inv := invMod(row[col])
		for j := col; j < len(row); j++ {
			row[j] = mulMod(row[j], inv)
		}
		ps = append(ps, pivot{col, row})
		pivots = append(pivots, i)
	}
	return pivots, true
}

// solveExact solves the square system a x = b (b nil for a homogeneous
// system of cols-1 independent rows, whose one-dimensional null space is
// returned) over the rationals. It returns the solution as integers over a
// common positive denominator, or ok false when the system is singular.
func solveExact(a [][]*big.Int, b []*big.Int, cols int) (x []*big.Int, d *big.Int, ok bool) {
	n := len(a)
	m := make([][]*big.Rat, n)
	width := cols
	if b != nil {
		width++
	}
	for i := range a {
		m[i] = make([]*big.Rat, width)
		for j := 0; j < cols; j++ {
			m[i][j] = new(big.Rat).SetInt(a[i][j])
		}
		if b != nil {
			m[i][cols] = new(big.Rat).SetInt(b[i])
		}
	}
	// Gauss-Jordan to reduced row echelon form.
	pivCol := make([]int, 0, n)
	r := 0
	for c := 0; c < cols && r < n; c++ {
		p := -1
		for i := r; i < n; i++ {
			if m[i][c].Sign() != 0 {
				p = i
				break
			}
		}
		if p < 0 {
			continue
		}
		m[r], m[p] = m[p], m[r]
		inv := new(big.Rat).Inv(m[r][c])
		for j := c; j < width; j++ {
			m[r][j].Mul(m[r][j], inv)
		}
		for i := 0; i < n; i++ {
			if i == r || m[i][c].Sign() == 0 {
				continue
			}
			f := new(big.Rat).Set(m[i][c])
			for j := c; j < width; j++ {
				m[i][j].Sub(m[i][j], new(big.Rat).Mul(f, m[r][j]))
			}
		}
		pivCol = append(pivCol, c)
		r++
	}
	sol := make([]*big.Rat, cols)
	if b != nil {
		if r != cols {
			return nil, nil, false
		}
		for i, c := range pivCol {
			sol[c] = m[i][cols]
		}
	} else {
		if r != cols-1 {
			return nil, nil, false
		}
		free := -1
		isPiv := make([]bool, cols)
		for _, c := range pivCol {
			isPiv[c] = true
		}
		for c := range cols {
			if !isPiv[c] {
				free = c
			}
		}
		sol[free] = big.NewRat(1, 1)
		for i, c := range pivCol {
			sol[c] = new(big.Rat).Neg(m[i][free])
		}
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
	n := len(rows)
	m := make([][]uint64, n)
	for i, r := range rows {
		m[i] = append([]uint64(nil), r...)
	}
	width := len(m[0])
	pivCol := make([]int, 0, n)
	r := 0
	for c := 0; c < cols && r < n; c++ {
		p := -1
		for i := r; i < n; i++ {
			if m[i][c] != 0 {
				p = i
				break
			}
		}
		if p < 0 {
			continue
		}
		m[r], m[p] = m[p], m[r]
		inv := invMod(m[r][c])
		for j := c; j < width; j++ {
			m[r][j] = mulMod(m[r][j], inv)
		}
		for i := 0; i < n; i++ {
			if i == r || m[i][c] == 0 {
				continue
			}
			f := m[i][c]
			for j := c; j < width; j++ {
				m[i][j] = subMod(m[i][j], mulMod(f, m[r][j]))
			}
		}
		pivCol = append(pivCol, c)
		r++
	}
	sol := make([]uint64, cols)
	if !homogeneous {
		if r != cols {
			return nil, nil, false
		}
		for i, c := range pivCol {
			sol[c] = m[i][cols]
		}
	} else {
		if r != cols-1 {
			return nil, nil, false
		}
		isPiv := make([]bool, cols)
		for _, c := range pivCol {
			isPiv[c] = true
		}
		free := 0
		for c := range cols {
			if !isPiv[c] {
				free = c
			}
		}
		sol[free] = 1
		for i, c := range pivCol {
			sol[c] = subMod(0, m[i][free])
		}
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
	cols := len(rows[0]) - 1
	r := 0
	for c := 0; c < cols; c++ {
		p := r
		for p < len(rows) && rows[p][c].Sign() == 0 {
			p++
		}
		if p == len(rows) {
			return nil, false // a free unknown
		}
		rows[r], rows[p] = rows[p], rows[r]
		inv := new(big.Rat).Inv(rows[r][c])
		for j := c; j <= cols; j++ {
			rows[r][j].Mul(rows[r][j], inv)
		}
		for i := range rows {
			if i == r || rows[i][c].Sign() == 0 {
				continue
			}
			f := new(big.Rat).Set(rows[i][c])
			for j := c; j <= cols; j++ {
				rows[i][j].Sub(rows[i][j], new(big.Rat).Mul(f, rows[r][j]))
			}
		}
		r++
	}
	for _, row := range rows[r:] {
		if row[cols].Sign() != 0 {
			return nil, false
		}
	}
	x := make([]*big.Rat, cols)
	for c := range x {
		x[c] = rows[c][cols]
	}
	return x, true
}
