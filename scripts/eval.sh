#!/bin/sh
# eval.sh scores seqpredict on three fixed sets (run it as `make eval`):
#
#   puzzles    the public IQ-test series, DATA/puzzles/public.tsv, each
#              scored against its answer column;
#   oeis-15+1  the OEIS sample: among the sequences of DATA/oeis/stripped.gz
#              with at least 16 terms, in file order, the 270th, 540th, ...
#              (493 sequences); the first 15 terms given, the 16th expected;
#   oeis-25+10 among those with at least 35 terms, every 270th likewise
#              (361 sequences); 25 terms given, the next 10 expected jointly.
#
# The selection is done here with awk, on the term count of each line, so
# that every sequence selected is long enough and none is skipped. Each set
# prints right / wrong / unanswered and the median time per sequence; the
# outputs (JSON Lines) and summaries (JSON) stay in OUT.
#
# Environment: DATA (default ../shared/data), OUT (default
# ${TMPDIR:-/tmp}/seqpredict-eval), GO (default go), EVAL_FLAGS (extra
# flags for every run, e.g. "--timeout 2s --jobs 2"; default: none, the
# command's defaults).
set -eu

DATA=${DATA:-../shared/data}
OUT=${OUT:-${TMPDIR:-/tmp}/seqpredict-eval}
GO=${GO:-go}
EVAL_FLAGS=${EVAL_FLAGS:-}

for f in "$DATA/puzzles/public.tsv" "$DATA/oeis/stripped.gz"; do
	if [ ! -r "$f" ]; then
		echo "eval: $f not found (set DATA to the benchmark data folder)" >&2
		exit 2
	fi
done
mkdir -p "$OUT"
"$GO" build -o "$OUT/seqpredict" ./cmd/seqpredict

# every MIN N: the lines of the OEIS file with at least MIN terms, every Nth.
# A stripped line is "A000045 ,0,1,1,2,...,": its terms are fields 2..NF-1.
every() {
	gzip -dc "$DATA/oeis/stripped.gz" |
		awk -F, -v min="$1" -v n="$2" '!/^#/ && NF - 2 >= min && ++c % n == 0'
}
every 16 270 >"$OUT/oeis-15+1.txt"
every 35 270 >"$OUT/oeis-25+10.txt"

# field NAME FILE: a number from a summary (one key per line).
field() {
	sed -n "s/^ *\"$1\": *\([-0-9.e+]*\),*$/\1/p" "$2"
}

# score NAME INPUT FLAGS...: run one set and print its line.
score() {
	name=$1 input=$2
	shift 2
	# shellcheck disable=SC2086 # EVAL_FLAGS is a list of flags
	"$OUT/seqpredict" batch --out "$OUT/$name.jsonl" --summary "$OUT/$name.summary.json" \
		"$@" $EVAL_FLAGS "$input" 2>"$OUT/$name.log" || {
		echo "eval: $name failed, see $OUT/$name.log" >&2
		exit 1
	}
	s="$OUT/$name.summary.json"
	printf '%-11s %4s sequences: right %4s  wrong %4s  unanswered %4s  median %7.3fs  p95 %7.3fs  log-loss %6.2f bits\n' \
		"$name" "$(field sequences "$s")" "$(field right "$s")" "$(field wrong "$s")" \
		"$(field unanswered "$s")" "$(field median_seconds "$s")" "$(field p95_seconds "$s")" \
		"$(field mean_log_loss_bits "$s")"
}

echo "seqpredict eval (outputs in $OUT)${EVAL_FLAGS:+ with $EVAL_FLAGS}"
score puzzles "$DATA/puzzles/public.tsv"
score oeis-15+1 "$OUT/oeis-15+1.txt" --given 15 --next 1
score oeis-25+10 "$OUT/oeis-25+10.txt" --given 25 --next 10
