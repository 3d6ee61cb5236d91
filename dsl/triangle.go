package dsl

import "strings"

// Triangle programs define a triangle T(n, k), k = 0..n, read by rows:
// a = T(0,0), T(1,0), T(1,1), T(2,0), ... (Pascal's triangle,
// T(n, k) = binomial(n, k), is 1, 1, 1, 1, 2, 1, ...). The body reads n
// (the row) and k (the column) and has no loops, which would bind k; with
// offset 1 rows start at n = 1 and columns at k = 1. The header is
// "0010" and the offset bit.
const Triangle Kind = 3

func init() {
	define(Triangle, &kindSpec{
		name:      "triangle",
		word:      word("0010"),
		offsetBit: true,
		leads:     []string{"T(n, k) ="},
		print: func(sb *strings.Builder, p *Program) {
			sb.WriteString("T(n, k) = ")
			printExpr(sb, p.Body, PrecCond)
			printOffset(sb, p)
		},
		body: &BodySpec{
			K: true,
			Point: func(offset, i int) (n, k Value) {
				row, col := TriangleCell(i)
				return Value(offset + row), Value(offset + col)
			},
			SearchFrom: minTriangleTerms,
			tail:       triangleTail,
			noLoops:    "cannot be used in T(n, k): it binds k, the column",
			noLags:     "cannot be used in T(n, k)",
		},
		noRival: "the best explanation is a triangle, whose formula reads a row and a column rather than the term's index: a product vanishing at the indices would not vanish at the cells",
	})
}

// triangleTail is offsetTail, but leaves a body that reads the cells of
// a triangle (T(n-1, k), ...) to the triangle recurrence, whose tail
// comes next.
func triangleTail(p *parser, prog *Program, last bool) (bool, error) {
	if !last && p.maxLag > 0 {
		return false, nil
	}
	return offsetTail(p, prog, last)
}

// minTriangleTerms is the fewest terms for which the search enumerates
// triangles: three full rows and one more term. With fewer, a triangle
// is little more than a closed form with an odd index and only dilutes the
// mixture of a short puzzle.
const minTriangleTerms = 7

// TriangleCell returns the row and column, counted from 0, of the i-th
// entry (from 0) of a triangle read by rows: 0 -> (0,0), 1 -> (1,0),
// 2 -> (1,1), 3 -> (2,0), ...
func TriangleCell(i int) (row, col int) {
	for row*(row+1)/2+row < i {
		row++
	}
	return row, i - row*(row+1)/2
}
