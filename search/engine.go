package search

import (
	"context"
	"math/big"
)

// Search runs the program search.
func Search(ctx context.Context, terms []*big.Int, opts Options) (*Result, error) {
	return Reference(ctx, terms, opts)
}
