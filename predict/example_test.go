package predict_test

import (
	"context"
	"fmt"
	"math/big"

	"github.com/seqpredict/seqpredict/predict"
	"github.com/seqpredict/seqpredict/search"
)

func ExamplePredict() {
	terms := []*big.Int{big.NewInt(1), big.NewInt(2), big.NewInt(4)}
	res, err := predict.Predict(context.Background(), terms, predict.Options{
		Engine: search.Reference, // the plain enumerator: slow but simple
		Search: search.Options{MaxBits: 20},
		Top:    3,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("found:", res.Found)
	for _, p := range res.Predictions {
		fmt.Printf("next %s with probability %.2f\n", p.Next[0], p.Probability)
	}
	for _, e := range res.Programs {
		fmt.Printf("%d bits: %s\n", e.Bits, e.Program)
	}
	// Output:
	// found: true
	// next 8 with probability 0.54
	// next 6 with probability 0.13
	// next 7 with probability 0.13
	// 16 bits: a(n) = 2^n
	// 18 bits: a(n) = n + n; a(0) = 1
	// 18 bits: a(n) = n + a(n-1); a(0) = 1
}
