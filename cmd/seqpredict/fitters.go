package main

import "github.com/seqpredict/seqpredict/predict"

// defaultFitters are the constant solvers consulted besides the search.
func defaultFitters() []predict.Fitter { return nil }
