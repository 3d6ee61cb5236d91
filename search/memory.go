package search

// The command's --max-memory bounds the whole process, not only the
// stores of its searches. StoreBudget turns that bound into each search's
// MaxMemory, leaving room for the rest of the process:
//
//   - ProcessReserve for what is not a search: the program's code and the
//     Go runtime (about 12 MiB at rest), the fitters (shown at most
//     predict.MaxFitTerms terms) and the filter search, which runs after
//     the main search has released its store;
//   - TermBytes per term, which each search subtracts from its MaxMemory:
//     the terms themselves and their exact values while a fitter's
//     proposal is checked, outside the search (measured: about 190 bytes
//     a term at 100,000 terms);
//   - half of the rest for garbage: the command tells the garbage
//     collector to keep the heap within the bound (debug.SetMemoryLimit),
//     but a search frees and allocates hundreds of megabytes at a time
//     (a store's chunk grown, a length's survivors merged), faster than a
//     collection can follow; measured at 1,000 terms, the heap reached the
//     search's memory plus a third of it on an idle machine, and up to
//     the bound itself (129.7 MiB at --max-memory 128) on a loaded one,
//     where collections lag further behind.
//
// The rest is shared evenly by the searches that run at once (batch's
// --jobs), and the cache of the banks that do not depend on the terms
// (Cache), shared by the searches of a run, takes half of one search's
// share out of the half for garbage (CacheBudget): what the searches
// count of the cache's banks is theirs already, the cache's capacity
// bounds the rest, and a search that takes a bank from the cache
// allocates and frees it no more, which is most of what a search of a
// few terms used to leave to the garbage collector (35 of 38 MiB at 15
// terms). Within its MaxMemory a search counts everything it allocates
// in proportion to the terms: its stores as allocated, the leaf vectors,
// and what a length's survivors take while they are merged; the cells of
// sum and prod bodies, which grow with the square of the number of terms,
// are not built at all when they would not fit. Work that does not fit is
// not done: the search stops before it (StopMemory) with the lengths it
// completed.
const (
	ProcessReserve = 24 << 20
	TermBytes      = 200
	// MinProcessMemory is the smallest bound StoreBudget accepts. It
	// holds the runtime, the reserve and the largest input a line may
	// carry (100,000 terms, batch.MaxTerms).
	MinProcessMemory = 48 << 20
)

// StoreBudget returns the MaxMemory of each of jobs searches run at once
// within a process bound of total bytes (at least MinProcessMemory).
func StoreBudget(total int64, jobs int) int64 {
	return max(1<<20, (total-ProcessReserve)/2/int64(max(jobs, 1)))
}

// CacheBudget returns the capacity of the cache shared by jobs searches
// run at once within a process bound of total bytes: half of a search's
// MaxMemory.
func CacheBudget(total int64, jobs int) int64 {
	return StoreBudget(total, jobs) / 2
}
