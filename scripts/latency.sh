#!/usr/bin/env bash
# latency.sh times `seqpredict TERMS` at default settings on every public
# puzzle series, one process per series as a user at a terminal would run
# it, and prints the median, 95th percentile and maximum wall time per
# series and the peak resident memory of any run (run it as `make latency`).
#
# Environment: DATA (default ../shared/data), GO (default go),
# LATENCY_FLAGS (extra flags for every run; default none).
set -euo pipefail

DATA=${DATA:-../shared/data}
GO=${GO:-go}
LATENCY_FLAGS=${LATENCY_FLAGS:-}
tsv="$DATA/puzzles/public.tsv"
[ -r "$tsv" ] || { echo "latency: $tsv not found (set DATA)" >&2; exit 2; }

bin=$(mktemp -d)/seqpredict
"$GO" build -o "$bin" ./cmd/seqpredict
times=$(mktemp)
peak=0
while IFS=$'\t' read -r id terms _; do
	[ "$id" = id ] && continue
	start=$EPOCHREALTIME
	# %M: the run's peak resident set size in KiB.
	/usr/bin/time -o "$times.rss" -f '%M' "$bin" $LATENCY_FLAGS "$terms" >/dev/null 2>&1 || true
	rss=$(tail -1 "$times.rss")
	end=$EPOCHREALTIME
	echo "$start $end" | awk '{printf "%.3f\n", ($2 - $1) * 1000}' >>"$times"
	[ "${rss:-0}" -gt "$peak" ] && peak=$rss
done <"$tsv"
sort -n "$times" | awk -v peak="$peak" '
	{ t[NR] = $1 }
	END {
		p95 = int(NR * 0.95 + 0.999); if (p95 > NR) p95 = NR
		med = (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2
		printf "series %d: median %.1f ms, p95 %.1f ms, max %.1f ms; peak memory %.1f MiB\n", NR, med, t[p95], t[NR], peak / 1024
	}'
