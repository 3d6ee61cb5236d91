package dsl

import (
	"encoding/binary"
	"flag"
	"os"
	"testing"
)

var updatePrimes = flag.Bool("update-primes", false, "rewrite oddprimes.bin from the sieve")

// sieve returns the bits of ntTables.oddPrime: bit x/2 of the odd x up to
// limit set when x is prime (Eratosthenes).
func sieve(limit int) []uint64 {
	odd := make([]uint64, limit/128+1)
	for i := range odd {
		odd[i] = ^uint64(0)
	}
	odd[0] &^= 1 // 1 is not prime
	prime := func(x int) bool { return odd[x/128]>>(uint(x/2)%64)&1 != 0 }
	for p := 3; p*p <= limit; p += 2 {
		if prime(p) {
			for m := p * p; m <= limit; m += 2 * p {
				odd[m/128] &^= 1 << (uint(m/2) % 64)
			}
		}
	}
	return odd
}

// TestOddPrimes: the precomputed table of odd primes is the sieve's up to
// NTLimit (go test ./dsl -run TestOddPrimes -update-primes rewrites it
// when NTLimit changes).
func TestOddPrimes(t *testing.T) {
	want := sieve(NTLimit)
	data := make([]byte, 8*len(want))
	for i, w := range want {
		binary.LittleEndian.PutUint64(data[8*i:], w)
	}
	if *updatePrimes {
		if err := os.WriteFile("oddprimes.bin", data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if string(oddPrimes) != string(data) {
		t.Fatalf("oddprimes.bin is not the sieve up to NTLimit = %d (rerun with -update-primes)", NTLimit)
	}
	if got := tables().primes(); got != 82025 {
		t.Errorf("%d primes up to NTLimit, want 82,025", got)
	}
}

// TestPrimeTables: Prime and PrimePi, which read the bits of the odd
// primes, agree with the list of primes at every argument up to NTLimit
// and around the ends; factor with trial division.
func TestPrimeTables(t *testing.T) {
	odd := sieve(NTLimit)
	primes := []Value{2}
	for x := 3; x <= NTLimit; x += 2 {
		if odd[x/128]>>(uint(x/2)%64)&1 != 0 {
			primes = append(primes, Value(x))
		}
	}
	for i, p := range primes {
		if got := Prime(Value(i + 1)); got != p {
			t.Fatalf("Prime(%d) = %d, want %d", i+1, got, p)
		}
	}
	for _, x := range []Value{0, -1, Value(len(primes)) + 1, Undef} {
		if got := Prime(x); got != Undef {
			t.Errorf("Prime(%d) = %d, want undefined", x, got)
		}
	}
	pi := Value(0)
	for x := Value(-3); x <= NTLimit+3; x++ {
		if int(pi) < len(primes) && primes[pi] == x {
			pi++
		}
		want := pi
		if x > NTLimit {
			want = Undef
		}
		if got := PrimePi(x); got != want {
			t.Fatalf("PrimePi(%d) = %d, want %d", x, got, want)
		}
	}
	for _, x := range []int64{1, 2, 12, 97, 1 << 20, 1048573, 999999, 720720, 1046529} {
		prod := int64(1)
		tables().factor(x, func(p, e int64) {
			for range e {
				prod *= p
			}
		})
		if prod != x {
			t.Errorf("factor(%d) multiplies to %d", x, prod)
		}
	}
}
