// Package search enumerates the programs of package dsl from shortest to
// longest and reports those that reproduce the given terms.
//
// # Two engines
//
// Reference is the plain enumerator: for each length it builds every
// program tree and evaluates it with the tree evaluator. It is obviously
// correct and hopelessly slow past ~25 bits; it stays as the oracle of the
// tests.
//
// Search is the fast engine. It never builds trees while searching. A
// program is a shape (a kind with an integer body, from as many terms as
// the kind table says: closed form, recurrence of order 1..8
// (dsl.MaxSearchOrder; orders 9 and 10 are the fitters') and fewer
// than the number of terms, from 7 terms on a triangle read by rows, from
// 8 terms on a divisor sum; offset 0 or 1, or the kind's own) plus a
// body; each shape has a bank of bodies, built bottom-up one
// length at a time: the bodies of length b are the leaves of length b and
// every operator applied to bodies whose lengths add up to b minus the
// operator's code length. Each candidate is evaluated as one vector
// operation on its children's value vectors:
//
//   - bodies at the points where their kind evaluates them (dsl.BodySpec):
//     closed forms at n = offset, offset+1, ..., offset+N (the N given
//     terms and the next one), triangles at the row and column of each
//     term, divisor sums at every cell (n, k) with k dividing n, about
//     N*ln(N) of them, which are added up where the values are compared
//     with the terms (the first term, n = 1, is one cell, where the
//     check-only levels screen the candidates). The cells are made on
//     the bank's first use, when they fit in MaxMemory;
//   - recurrence bodies at the observed tuples (n, a(n-1), ..., a(n-order))
//     for every given term after the initial ones, and for the next term,
//     whose tuple is made of given terms too;
//   - loop bodies (sum and prod) at every cell (n, k), k = 1..n. These
//     vectors grow with the square of the number of terms, so loop bodies
//     are searched up to maxLoopBody = 18 bits (sum(k=1..n, k^2) takes 16);
//     Reference applies the same bound. When the cells would not fit in
//     MaxMemory (thousands of terms), the search stops at the first length
//     with a loop, with StopMemory (see memory.go).
//
// # Observational equivalence
//
// Two bodies with the same values at every point (every cell, for a divisor
// sum) are interchangeable in any larger program of the same shape: the
// larger programs agree at every point too. So each bank keeps one class per
// distinct value vector, with the shortest body (the first found), and
// builds longer bodies only from those classes. Because the next term's
// point is among the evaluated points, merging never changes which next
// terms are predicted or the length of their shortest program — exactly what
// the mixture in package predict reads (it counts each behaviour once, by
// its shortest program). TestSearchAgreesWithReference checks this against
// Reference.
//
// # Pruning
//
// Undefined values are contagious in the language (even "if" is strict), so
// a body undefined at some given term's point can never be part of a
// program that reproduces that term. When every term fits in int64, such
// bodies are dropped (loop bodies only when undefined at a point every
// shape uses). When some term does not fit, nothing is dropped: an int64
// overflow may be a correct huge value, and candidates are checked in exact
// arithmetic. In that case classes are still merged on their int64 vectors,
// where all overflows look alike, so the search may miss programs that
// differ only beyond int64; it never reports a program it did not verify.
//
// # The store
//
// A bank's classes live in a flat store: parallel slices of operator,
// children (class ids), constant, hash and length, and one contiguous block
// of values; an open-addressing hash table of class ids (with a 32-bit
// hash tag in each slot) finds a vector's class. There is no allocation per
// candidate. Trees are built only for classes that reproduce the terms.
//
// # Parallelism
//
// The work of one length is cut into jobs (an operator, a split of the
// length among its children and a range of first children, about 2^14
// candidates each). Workers run jobs in parallel, reading the store, which
// nobody writes meanwhile, and keep the recipes and values of candidates
// that are new to it. Then the survivors are added in job order, from the
// values the jobs kept, which removes duplicates among them. The result is
// therefore the same for any number of workers (TestSearchDeterministic).
//
// # Check-only levels
//
// Storing a class costs a hash-table probe (usually a cache miss), a copy
// and an insertion; checking a candidate against the terms costs one scalar
// operation at the first point, where nearly all candidates already fail.
// So levels are stored only while the stored candidates stay within
// 1/storeShare of the program budget (storeShare = 16) and the store within
// MaxMemory;
// later levels are checked without being stored. A checked level of length
// b still sees every program of that length, because every child of such a
// program is at least checkReach = 6 bits shorter (the cheapest operator
// takes 3 bits and the other child at least 3) and so was stored: the
// search stays complete up to 6 bits past its deepest stored level, and
// TestCheckOnlyAgreesWithReference checks it.
//
// A checked candidate is compared with the terms point by point and
// dropped at the first point it gets wrong (most at the first, three in
// four of the rest at the second); Level.Matched counts how far each got.
// The first point is decided without looking at candidates one by one:
// a length's classes take few distinct values there (mostly small numbers
// at n = 0 or 1), so each stored length is indexed by that value (a
// firstIndex: its keys, the classes of each key in id order, and every
// class's value at the second point in one column). For an operator and
// two children's lengths, which right keys pass with a left key is decided
// once per key, by solving for the right operand where the operator table
// says how (dsl.OpInfo.Solve: x + y, x - y, x * y, x ^ y and xor(x, y)
// have at most one y for a given x and term, x mod y the divisors of x
// minus the term, binomial(x, y) two, x / y an interval, base(x, y)
// those of the nine bases 2..10 that give the term) and by trying
// each right key otherwise; only left children with a passing key are
// visited, their passing right
// children are looked up, the second point is compared on the index's
// column, and only what passes both is read whole. "if" looks up the
// branch that must give the term. The candidates met, and their order,
// are those a scan would meet, so nothing found changes. In a divisor
// sum's bank the first point is the first cell (n = 1 has one divisor)
// and is decided the same way; a candidate that passes is evaluated at
// every cell and its sums compared with the terms (the second cell is
// not the second term).
//
// # Shared banks
//
// The bodies of a kind that reads no earlier term (Grammar.Lags == 0: closed
// forms, triangles, divisor sums, and the loop bodies of sum and prod) do
// not depend on the terms: their classes depend only on the kind, the
// offset, the number of terms (which give the points or cells) and whether
// some term is beyond int64 (which turns pruning off). At 15 terms they are
// most of the store (35 of 38 MiB for a sequence that nothing short
// explains) and were half of a batch's time. A Cache, which batch and the
// predictor's standard input give all their searches, holds them: a search
// takes each length of such a bank from the cache when an earlier search
// built it, and builds it there otherwise, holding the bank while it does
// (other searches read the lengths they have meanwhile, from views that end
// where their lengths end).
//
// A search must not depend on what others did before it, so it sees only
// the lengths it would have built itself, in the order it would have
// built them, and counts them as if it had: each length of a shared bank
// keeps a levelMark — its candidates, what merging its survivors took,
// what the store held after it — and a search that takes the length
// makes its budget and memory decisions from the mark, as it would have
// from its own store (TestCacheIdentical: the same results, levels and
// memory counts included, for any order, number of searches at once and
// cache size). What no running search counts — lengths only a finished
// search reached, banks nobody uses — is bounded by the cache's capacity
// (CacheBudget); past it the banks nobody uses go first, least recently
// used first, then banks in use, whose users rebuild what they need of
// them (TestCacheRebuild).
//
// # The bank snapshot
//
// A one-line prediction has no earlier search to take the shared banks
// from: before this, enumerating them was half of the process's time for
// a short puzzle. Their first lengths for 3 to 20 terms are therefore kept
// in the binary (banks.bin, 1.7 MB; snapshot.go): for each bank, the
// recipes of its classes length by length, while it has at most 8,192
// classes, and the loop-body banks' lengths up to maxLoopBody. A search
// that would build such a length restores it instead — it evaluates the
// recorded classes from their children and merges them as the enumeration
// would have, with the same number of survivors — so the store, its marks
// and the search's decisions are byte for byte what enumerating gives
// (TestSnapshotRestores). TestSnapshot checks that banks.bin is what the
// search builds today and tells how to rewrite it when the language
// changes (go test ./search -run TestSnapshot -update).
//
// The public puzzles, one process per series, median wall time: 25.7 ms
// at 68c2b57, 18.9 ms with the shared banks built in each process, 14.7
// ms with the snapshot (together with value chunks that grow fourfold and
// the fitters run on both cores). What is left is mostly the system's:
// starting the process and providing the fresh memory the search writes.
//
// # Scaling
//
// One search of the puzzle series 16, 22, 34, 58, 106 (no short program
// explains it), with budgets large enough not to stop it but the default
// memory, on the 2-core machine, both workers (go test ./search -run
// TestScalingTable -scaling -v prints it):
//
//	bits  mode      candidates   distinct       time    store
//	  30  stored         59,577     23,261     9.3 ms    7 MiB
//	  32  stored        142,494     52,786    16.7 ms   15 MiB
//	  34  stored        342,782    120,565    36.6 ms   34 MiB
//	  36  stored        829,702    276,350    85.7 ms   83 MiB
//	  38  stored      2,009,353    638,091     219 ms  176 MiB
//	  40  stored      4,882,819  1,488,209     615 ms  413 MiB
//	  41  checked     7,902,162          -    20.4 ms   (same)
//	  42  checked    11,873,332          -    24.8 ms
//	  44  checked    28,869,663          -    51.4 ms
//	  46  checked    70,259,702          -    86.4 ms
//
// Per extra bit the distinct behaviours grow by about 1.5, the candidates
// by about 1.55, the time and the store of stored lengths by about 1.5 to
// 1.6 (stored lengths run at 7 to 8 million candidates a second; checked
// ones, which look up the right children that can pass the first point
// and compare the rest point by point, at 400 to 800 million). The whole
// search, complete to 46 bits (198 million candidates), took 1.8 s (2.1
// to 2.3 s at 68c2b57, with fewer operators: 189 million candidates);
// the plain enumerator needs 0.9 s to reach 32 bits and grows by about
// 1.75 per bit (and keeps every tree in memory).
//
// # Budgets and tuned constants
//
// The search stops at the first of: MaxBits (default 60, in practice never
// reached), Margin bits past the shortest consistent program (default 6:
// an explanation 6 bits longer than the best weighs 1/64 of it), KnownBits
// (a fitter's program counts as found), the program budget — MaxPrograms
// candidates (default 10 million) while no pattern is known, PatternPrograms
// (default 250,000) once a program shorter than the terms written out is
// known whose length is within Margin of the length being searched (a
// pattern further away, such as a fitter's long program that barely
// compresses, leaves a quarter of MaxPrograms); the engine checks before each length that it fits, so the cut is
// deterministic; the second is sized so that a sequence the fitters or a
// short program explain takes a few milliseconds of search —, MaxMemory
// bytes of what the search allocates (default 768 MiB; the command
// derives it from the process's bound, see memory.go), and context cancellation (the result
// then holds every length completed). Small lengths run on one goroutine
// (below minParallel = 2^15 candidates), the rest on Workers. Result says which one stopped it and up to which
// length the search was complete.
package search
