package dsl_test

import (
	"fmt"
	"math/big"

	"github.com/seqpredict/seqpredict/dsl"
)

func ExampleParseProgram() {
	p, err := dsl.ParseProgram("a(n)=a(n-1)+a(n-2);a(0)=0,a(1)=1")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(p)
	_, err = dsl.ParseProgram("a(n) = 2*n +")
	fmt.Println(err)
	// Output:
	// a(n) = a(n-1) + a(n-2); a(0) = 0, a(1) = 1
	// column 13: expected a number, n, k, a(n-i), a function or "(", found end of input
}

func ExampleProgram_Bits() {
	for _, src := range []string{
		"a(n) = 2*n; n >= 1",
		"a(n) = a(n-1) + a(n-2); a(0) = 0, a(1) = 1",
		"a = [2, 3, 5, 7]",
	} {
		p, _ := dsl.ParseProgram(src)
		fmt.Printf("%2d bits  %s  %s\n", p.Bits(), p.Encode(), p)
	}
	// Output:
	// 14 bits  11100001010000  a(n) = 2*n; n >= 1
	// 21 bits  011000110101010101000  a(n) = a(n-1) + a(n-2); a(0) = 0, a(1) = 1
	// 34 bits  0000010101010011000011100001000000  a = [2, 3, 5, 7]
}

func ExampleProgram_Values() {
	p, _ := dsl.ParseProgram("a(n) = a(n-1)^2; a(0) = 2")
	fmt.Println(p.Values(7))    // int64: the last term overflows
	fmt.Println(p.BigValues(7)) // exact
	// Output:
	// [2 4 16 256 65536 4294967296 undefined]
	// [2 4 16 256 65536 4294967296 18446744073709551616]
}

// A rational generating function with a product denominator: partitions
// into parts 1, 1, 2, 3, 4 (two kinds of 1), OEIS A002621.
func Example_rational() {
	p, _ := dsl.ParseProgram("a(n) = [x^n] 1/((1-x)^2*(1-x^2)*(1-x^3)*(1-x^4))")
	fmt.Println(p.BigValues(16))
	fmt.Printf("%d bits  %s\n", p.Bits(), p.Encode())
	q := dsl.NewRational(1, []int{1, 1, 3},
		[]*big.Int{big.NewInt(1), big.NewInt(2), big.NewInt(0), big.NewInt(-1)})
	fmt.Println(q, q.Bits())
	// Output:
	// [1 2 4 7 12 18 27 38 53 71 94 121 155 194 241 295]
	// 27 bits  001100011011010010010101000
	// a(n) = [x^n] (1 + 2*x - x^3)/((1-x)^2*(1-x^3)); n >= 1 36
}

// The digits of a real constant: log(8) = 2.0794415..., OEIS A016631, and
// 1/471 = 0.00212... listed from the first place after the point.
func Example_digits() {
	p, _ := dsl.ParseProgram("a = digits(log(8))")
	fmt.Println(p.BigValues(16))
	fmt.Printf("%d bits  %s\n", p.Bits(), p.Encode())
	q := dsl.NewDigits(&dsl.Real{Op: dsl.RDiv,
		X: &dsl.Real{Op: dsl.RInt, Int: 1}, Y: &dsl.Real{Op: dsl.RInt, Int: 471}}, 1)
	fmt.Println(q, q.Bits(), q.BigValues(8))
	// Output:
	// [2 0 7 9 4 4 1 5 4 1 6 7 9 8 3 5]
	// 25 bits  0111000100111011000001000
	// a = digits(1/471, from 1) 40 [0 0 2 1 2 3 1 4]
}
