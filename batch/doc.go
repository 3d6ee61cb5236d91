// Package batch is the machinery of `seqpredict batch`: reading files of
// sequences in several formats, turning each into a prediction task (with
// the expected answer when scoring), running the tasks in parallel with
// the output kept in input order, writing JSON Lines or TSV, summarising
// with accuracy, log-loss and calibration, resuming an interrupted run,
// sharding a run over machines and merging the shards' outputs (Merge).
// Execute is a whole run; the command
// (cmd/seqpredict/batch.go) only parses flags into Options.
//
// # Input
//
// Each line is read on its own, its format detected:
//
//	# a comment                            ignored, as are blank lines
//	A000045 ,0,1,1,2,3,5,8,13,             OEIS "stripped": an ID, then terms
//	P0001<TAB>2,4,9,11,16<TAB>18<TAB>...   ID<TAB>terms[<TAB>answer[<TAB>...]]
//	id<TAB>terms<TAB>answer                a header (first column "id"): ignored
//	1, 1, 2, 3, 5                          bare terms; the ID is FILE:LINE
//
// Terms are integers separated by commas and/or white space. One comma may
// open and one may close the list (as in the OEIS format); an empty field
// between two commas is a bad term, never skipped. An ID starts with a
// letter or "_"; a line whose first field is an integer is bare terms,
// tabs included. In the ID<TAB>terms form, a third column that is an
// integer is the answer: the expected next term when no other scoring
// mode is chosen. Other columns are ignored. The same parser reads the
// lines of `seqpredict` without a subcommand.
//
// Limits: a line holds at most MaxLineBytes (1 MiB) and a term at most
// MaxTermDigits (100,000) digits; beyond them the line is a bad line,
// reported as FILE:LINE and skipped like any other. A UTF-8 byte-order
// mark opening a file is skipped. A file whose first 64 KiB (after gzip
// decompression) hold a NUL byte or invalid UTF-8 is not text and is
// refused as a whole. Every named input is opened and checked before the
// run starts, so that a missing, unreadable or binary file stops the run
// before any prediction (`cannot read FILE: reason`).
//
// # Positions
//
// Every data line, good or bad (not comments, blank lines or headers), has
// a position: 0, 1, 2, ... across all the input files in order. Sharding
// (see Shard) is by position, so the shards of a run partition its lines
// whatever they hold.
//
// # Output records
//
// One record per task, in input order, JSON Lines or TSV. A JSON record
// holds the id, "input" (the line's Key: {"file": F, "line": L}, the
// 0-based index of its file among the run's inputs and its 1-based line
// number, a stable field), the fields of `seqpredict --json` and, when
// scored, the verdict and log-loss (LineReport). A prediction that failed
// is written as an error record: id, input and "error". The TSV columns
// are id, next, probability, program, bits, verdict, file and line; an
// error record has the verdict "error" and the message in the program
// column.
//
// # Resuming
//
// With Options.Resume the output file is read first, and every complete
// line must be a record as written here (a TSV output also its header):
// anything else — another program's file, notes, binary data, a record
// without its input key — stops the run with the file byte for byte as it
// was. A last line without its newline is what a killed run leaves: it is
// dropped. The run then skips the keys of the records found (the position
// of a line, not its id, so that a repeated id or a file given twice
// loses nothing) and predicts the rest; a record's id must still match
// its line's (an explicit ID; bare terms are named after their file),
// else the output is from other input and the run stops. Error records
// are not done: their lines are predicted again. When the output holds
// none, the new records are appended; otherwise the file is rewritten (to
// a temporary file renamed over it at the end) with each retried record
// in its place. Either way a resumed run's output is the same, in the
// same order, as an uninterrupted run's.
package batch
