#!/usr/bin/env bash
# latency.sh times `seqpredict TERMS` at default settings on every public
# puzzle series, one process per series as a user at a terminal would run
# it, and prints the median, 95th percentile and maximum wall time per
# series and the peak resident memory of any run (run it as `make latency`).
#
# With BASE set to another seqpredict binary (an older build, say), it
# times both, series by series in alternating order, in PASSES passes, and
# prints both summaries and the ratio of the medians: a comparison made in
# one run, on the same machine state, as times drift between runs.
#
# The timed window is the run under /usr/bin/time (which reports the peak
# memory) and nothing else.
#
# Environment: DATA (default ../shared/data), GO (default go),
# LATENCY_FLAGS (extra flags for every run; default none), BASE (default
# none), PASSES (default 1, or 3 with BASE).
set -euo pipefail

DATA=${DATA:-../shared/data}
GO=${GO:-go}
LATENCY_FLAGS=${LATENCY_FLAGS:-}
BASE=${BASE:-}
tsv="$DATA/puzzles/public.tsv"
[ -r "$tsv" ] || { echo "latency: $tsv not found (set DATA)" >&2; exit 2; }
if [ -n "$BASE" ]; then
	[ -x "$BASE" ] || { echo "latency: BASE=$BASE is not an executable" >&2; exit 2; }
	PASSES=${PASSES:-3}
else
	PASSES=${PASSES:-1}
fi

dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
bin=$dir/seqpredict
"$GO" build -o "$bin" ./cmd/seqpredict

# run BIN TERMS appends the run's wall time (ms) to BIN's list and its
# peak memory (KiB) to the peaks.
run() {
	local b=$1 terms=$2 start end
	start=$EPOCHREALTIME
	# %M: the run's peak resident set size in KiB.
	/usr/bin/time -o "$dir/rss" -f '%M' "$b" $LATENCY_FLAGS "$terms" >/dev/null 2>&1 || true
	end=$EPOCHREALTIME
	echo "$start $end" | awk '{printf "%.3f\n", ($2 - $1) * 1000}' >>"$dir/times.$3"
	tail -1 "$dir/rss" >>"$dir/peaks.$3"
}

# summary NAME LIST PEAKS prints the median, 95th percentile and maximum.
summary() {
	sort -n "$2" | awk -v name="$1" -v peak="$(sort -n "$3" | tail -1)" '
		{ t[NR] = $1 }
		END {
			p95 = int(NR * 0.95 + 0.999); if (p95 > NR) p95 = NR
			med = (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2
			printf "%sseries %d: median %.1f ms, p95 %.1f ms, max %.1f ms; peak memory %.1f MiB\n", name, NR, med, t[p95], t[NR], peak / 1024
		}'
}

median() {
	sort -n "$1" | awk '{ t[NR] = $1 } END { print (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2 }'
}

: >"$dir/times.new"
: >"$dir/peaks.new"
: >"$dir/times.base"
: >"$dir/peaks.base"
i=0
for pass in $(seq "$PASSES"); do
	while IFS=$'\t' read -r id terms _; do
		[ "$id" = id ] && continue
		i=$((i + 1))
		if [ -z "$BASE" ]; then
			run "$bin" "$terms" new
		elif [ $((i % 2)) = 0 ]; then
			run "$bin" "$terms" new
			run "$BASE" "$terms" base
		else
			run "$BASE" "$terms" base
			run "$bin" "$terms" new
		fi
	done <"$tsv"
done
if [ -z "$BASE" ]; then
	summary "" "$dir/times.new" "$dir/peaks.new"
	exit 0
fi
summary "this build: " "$dir/times.new" "$dir/peaks.new"
summary "BASE:       " "$dir/times.base" "$dir/peaks.base"
awk -v a="$(median "$dir/times.new")" -v b="$(median "$dir/times.base")" \
	'BEGIN { printf "median ratio (this build / BASE): %.3f\n", a / b }'
