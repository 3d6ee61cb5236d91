package fit

import (
	"context"
	"math/big"
	"testing"

	"github.com/seqpredict/seqpredict/dsl"
)

// FuzzRounded gives Beatty, Power and Constant terms made from the fuzz
// input (a start, steps and a scale, so that Beatty-like, geometric and
// digit-like terms are all reached) and checks that they never panic and
// that whatever they propose reproduces the terms.
func FuzzRounded(f *testing.F) {
	f.Add(int64(0), []byte{3, 3, 3, 3, 3, 3, 3, 4, 3, 3, 3, 3, 3, 3}, uint8(1)) // floor(n*pi)
	f.Add(int64(1), []byte{3, 3, 3, 3, 3, 3, 3, 3, 3}, uint8(200))              // 3^n
	f.Add(int64(2), []byte{0, 7, 9, 4, 4, 1, 5, 4, 1, 6, 7, 9, 8, 3}, uint8(0)) // digits of log(8), as a sum
	f.Add(int64(-5), []byte{255, 0, 128, 7}, uint8(200))
	f.Fuzz(func(t *testing.T, start int64, steps []byte, scale uint8) {
		if len(steps) > 64 {
			steps = steps[:64]
		}
		terms := []*big.Int{big.NewInt(start)}
		x := big.NewInt(start)
		for i, s := range steps {
			d := big.NewInt(int64(s))
			if scale > 127 { // geometric: multiply by the step
				x.Mul(x, big.NewInt(int64(s%8)+1))
			} else if scale == 0 { // digits
				x = big.NewInt(int64(s % 10))
			}
			if scale <= 127 && scale != 0 {
				x.Add(x, d)
			}
			if i%7 == 6 {
				x.Add(x, big.NewInt(int64(scale)))
			}
			terms = append(terms, new(big.Int).Set(x))
		}
		ctx := context.Background()
		for _, fit := range []func(context.Context, []*big.Int) []*dsl.Program{Beatty, Power, Constant} {
			for _, p := range fit(ctx, terms) {
				if _, ok := dsl.Reproduce(p, terms, 1); !ok {
					t.Fatalf("%v does not reproduce %v", p, terms)
				}
			}
		}
	})
}
