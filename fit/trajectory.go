package fit

import (
	"context"
	"math/big"

	"github.com/seqpredict/seqpredict/dsl"
)

// Trajectory fits the trajectories of Collatz-like maps, which halve an
// even term and send an odd one to a linear function of it:
//
//	a(n) = if a(n-1) mod 2 <= 0 then a(n-1)/2 else (P*a(n-1) + R)/Q
//
// ("trajectory of 3 under n -> 25n+1 if n odd, n/2 if n even"). Every step
// from an even term must halve it; the steps from odd terms give the line
// through two of them, (P*x + R)/Q with integers P > 0, R and Q > 0, and
// the others must lie on it: a fit needs minTrajectoryOdd odd steps, so at
// least one checks the line. Unlike Alternating's rules, which switch on n,
// the rule here switches on the previous term.
func Trajectory(ctx context.Context, terms []*big.Int) []*dsl.Program {
	if len(terms) < 5 || ctx.Err() != nil {
		return nil
	}
	var xs, ys []*big.Int
	two := big.NewInt(2)
	for i := 1; i < len(terms); i++ {
		x, y := terms[i-1], terms[i]
		if x.Bit(0) == 0 {
			if new(big.Int).Mul(y, two).Cmp(x) != 0 || x.Sign() == 0 {
				return nil // an even step that does not halve (or a zero)
			}
			continue
		}
		xs, ys = append(xs, x), append(ys, y)
	}
	if len(xs) < minTrajectoryOdd {
		return nil
	}
	dx := new(big.Int).Sub(xs[1], xs[0])
	if dx.Sign() == 0 {
		return nil // a cycle: the same odd term twice; left to the search
	}
	// y = c*x + d with c = (y1 - y0)/(x1 - x0), d = y0 - c*x0.
	c := new(big.Rat).SetFrac(new(big.Int).Sub(ys[1], ys[0]), dx)
	d := new(big.Rat).Sub(new(big.Rat).SetInt(ys[0]), new(big.Rat).Mul(c, new(big.Rat).SetInt(xs[0])))
	if c.Sign() <= 0 {
		return nil
	}
	for i := range xs {
		v := new(big.Rat).Mul(c, new(big.Rat).SetInt(xs[i]))
		if v.Add(v, d).Cmp(new(big.Rat).SetInt(ys[i])) != 0 {
			return nil
		}
	}
	q := lcm(c.Denom(), d.Denom())
	p := new(big.Int).Quo(new(big.Int).Mul(c.Num(), q), c.Denom())
	r := new(big.Int).Quo(new(big.Int).Mul(d.Num(), q), d.Denom())
	odd := newBuilder().best(form{0: trim(poly{r}), 1: poly{p}})
	den, ok := denom(q)
	if !ok || odd == nil {
		return nil
	}
	prev := &dsl.Prev{Lag: 1}
	body := &dsl.Cond{
		Cond: bin(dsl.OpMod, prev, constI(2)),
		Then: bin(dsl.OpDiv, prev, constI(2)),
		Else: quotient(odd, den),
	}
	return []*dsl.Program{dsl.NewProgram(dsl.Recurrence, 0, 1, body, terms)}
}

// minTrajectoryOdd is the fewest steps from odd terms Trajectory needs: two
// determine the line, the third checks it.
const minTrajectoryOdd = 3
