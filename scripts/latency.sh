#!/usr/bin/env bash
# latency.sh builds seqpredict and times `seqpredict TERMS` at default
# settings on every public puzzle series, one process per series as a user
# at a terminal would run it: the median, 95th percentile and maximum wall
# time per series and the peak resident memory of any run (run it as
# `make latency`; the timing is scripts/latency, see there).
#
# With BASE set to another seqpredict binary (an older build, say), it
# times both, series by series in alternating order, in PASSES passes, and
# prints both summaries and the ratio of the medians: a comparison made in
# one run, on the same machine state, as times drift between runs.
#
# Environment: DATA (default ../shared/data), GO (default go),
# LATENCY_FLAGS (extra flags for every run; default none), BASE (default
# none), PASSES (default 1, or 3 with BASE).
set -euo pipefail

DATA=${DATA:-../shared/data}
GO=${GO:-go}
LATENCY_FLAGS=${LATENCY_FLAGS:-}
BASE=${BASE:-}
PASSES=${PASSES:-0}
[ -r "$DATA/puzzles/public.tsv" ] || { echo "latency: $DATA/puzzles/public.tsv not found (set DATA)" >&2; exit 2; }
if [ -n "$BASE" ] && ! [ -x "$BASE" ]; then
	echo "latency: BASE=$BASE is not an executable" >&2
	exit 2
fi

dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
"$GO" build -o "$dir/seqpredict" ./cmd/seqpredict
"$GO" build -o "$dir/latency" ./scripts/latency
# shellcheck disable=SC2086 # LATENCY_FLAGS is a list of flags
"$dir/latency" -base "$BASE" -passes "$PASSES" -data "$DATA" "$dir/seqpredict" $LATENCY_FLAGS
