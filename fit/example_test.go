package fit_test

import (
	"context"
	"fmt"
	"math/big"

	"github.com/seqpredict/seqpredict/fit"
)

// The partitions of n into parts 1, 1, 2, 3 and 4 (two kinds of 1), OEIS
// A002621: 15 terms, and the 32-bit generating function that gives them.
func ExampleProductGF() {
	var terms []*big.Int
	for _, v := range []int64{1, 2, 4, 7, 12, 18, 27, 38, 53, 71, 94, 121, 155, 194, 241} {
		terms = append(terms, big.NewInt(v))
	}
	for _, p := range fit.ProductGF(context.Background(), terms) {
		fmt.Println(p, p.Bits(), "bits")
		fmt.Println("next:", p.BigValues(16)[15])
	}
	// Output:
	// a(n) = [x^n] 1/((1-x)^2*(1-x^2)*(1-x^3)*(1-x^4)) 27 bits
	// next: 295
}

// floor(n*Pi), OEIS A022844: 15 terms pin the slope down to [25/8, 22/7),
// in which pi, 4 bits, is far shorter than a constant found there by
// chance would be; the 18-bit program predicts the 16th term.
func ExampleBeatty() {
	var terms []*big.Int
	for _, v := range []int64{0, 3, 6, 9, 12, 15, 18, 21, 25, 28, 31, 34, 37, 40, 43} {
		terms = append(terms, big.NewInt(v))
	}
	for _, p := range fit.Beatty(context.Background(), terms) {
		fmt.Println(p, p.Bits(), "bits")
		fmt.Println("next:", p.BigValues(16)[15])
	}
	// Output:
	// a(n) = floor(n*pi) 18 bits
	// next: 47
}

// floor(e^n), OEIS A000149: 15 terms pin e down to a relative 10^-8,
// and the 20-bit program predicts the 16th term.
func ExamplePower() {
	var terms []*big.Int
	for _, v := range []int64{1, 2, 7, 20, 54, 148, 403, 1096, 2980, 8103, 22026, 59874, 162754, 442413, 1202604} {
		terms = append(terms, big.NewInt(v))
	}
	p := fit.Power(context.Background(), terms)[0]
	fmt.Println(p, p.Bits(), "bits")
	fmt.Println("next:", p.BigValues(16)[15])
	// Output:
	// a(n) = floor(e^n) 20 bits
	// next: 3269017
}
