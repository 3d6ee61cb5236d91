#!/usr/bin/env bash
# slurm-check.sh: shards a run over a real Slurm job array and checks that
# `seqpredict merge` of the shards' outputs equals the single-process run.
#
# It installs Debian's slurm-wlm and munge (apt-get; it needs root), starts
# a one-node cluster on this machine -- munged, slurmctld and slurmd, with a
# minimal slurm.conf, a munge key, state and logs all in a temporary
# directory, on ports of their own -- builds seqpredict, submits a 4-task
# array (sbatch --array=0-3), each task predicting its shard (--shard I/4)
# of a sample of the OEIS development file, waits for it, merges the
# outputs with seqpredict merge, runs the same sample as one process, and
# compares: the same records in the same order, all fields but the times
# (stats.elapsed_ms), and the same summary but for the times. It prints
# PASS or FAIL (exit status 1), and stops the daemons it started on exit.
#
# Both runs use --timeout 1h, so that the counted budgets (--max-programs
# and the others), never the clock, end every search: a loaded machine
# cannot change a prediction.
#
# Not part of make test (it needs root and packages): make slurm-check.
#
# Environment: GO (go), DATA (../shared/data), EVERY (200: the sample is
# every EVERY-th sequence of oeis/stripped.gz), KEEP=1 keeps the temporary
# directory, SLURM_CHECK_PORT (16817; the next port is slurmd's).
set -euo pipefail

GO=${GO:-go}
DATA=${DATA:-../shared/data}
EVERY=${EVERY:-200}
PORT=${SLURM_CHECK_PORT:-16817}
TASKS=4
SRC="$DATA/oeis/stripped.gz"

log() { printf 'slurm-check: %s\n' "$*"; }
die() {
	log "FAIL: $*"
	exit 1
}

[ "$(id -u)" -eq 0 ] || die "needs root (it installs packages and starts daemons)"
[ -r "$SRC" ] || die "no development file at $SRC (set DATA)"

# --- packages ---------------------------------------------------------
if ! command -v slurmctld >/dev/null || ! command -v munged >/dev/null || ! command -v sbatch >/dev/null; then
	log "installing slurm-wlm and munge"
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends slurm-wlm munge >/dev/null
fi
log "$(slurmctld -V), $(munged -V 2>&1 | awk '{print $1; exit}')"

# --- a temporary directory and the daemons, stopped on exit ------------
TMP=$(mktemp -d /tmp/slurm-check.XXXXXX)
chmod 755 "$TMP"
PIDS=()
cleanup() {
	local status=$?
	for pid in "${PIDS[@]}"; do
		kill "$pid" 2>/dev/null || true
	done
	for pid in "${PIDS[@]}"; do
		wait "$pid" 2>/dev/null || true
	done
	if [ "${KEEP:-}" = 1 ] || [ "$status" -ne 0 ]; then
		log "logs and outputs kept in $TMP"
	else
		rm -rf "$TMP"
	fi
	exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

mkdir -p "$TMP"/{munge,state,spool,work}
chmod 700 "$TMP/munge"
dd if=/dev/urandom of="$TMP/munge/munge.key" bs=1024 count=1 status=none
chmod 400 "$TMP/munge/munge.key"
SOCKET="$TMP/munge/munge.socket"
munged --foreground --force --key-file="$TMP/munge/munge.key" --socket="$SOCKET" \
	--pid-file="$TMP/munge/munged.pid" --seed-file="$TMP/munge/munged.seed" \
	--log-file="$TMP/munge/munged.log" >"$TMP/munged.out" 2>&1 &
PIDS+=($!)
for _ in $(seq 50); do [ -S "$SOCKET" ] && break; sleep 0.1; done
[ -S "$SOCKET" ] || die "munged did not start: $(cat "$TMP/munge/munged.log" 2>/dev/null)"
munge --socket="$SOCKET" -n | unmunge --socket="$SOCKET" >/dev/null || die "munge cannot encode and decode a credential"

HOST=$(hostname -s)
CPUS=$(( $(nproc) < 2 ? $(nproc) : 2 ))
export SLURM_CONF="$TMP/slurm.conf"
cat >"$SLURM_CONF" <<EOF
# A one-node cluster for scripts/slurm-check.sh.
ClusterName=seqcheck
SlurmctldHost=$HOST(127.0.0.1)
SlurmctldPort=$PORT
SlurmdPort=$((PORT + 1))
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$SOCKET
StateSaveLocation=$TMP/state
SlurmdSpoolDir=$TMP/spool
SlurmctldPidFile=$TMP/slurmctld.pid
SlurmdPidFile=$TMP/slurmd.pid
SlurmctldLogFile=$TMP/slurmctld.log
SlurmdLogFile=$TMP/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
MpiDefault=none
ReturnToService=2
NodeName=$HOST NodeAddr=127.0.0.1 CPUs=$CPUS RealMemory=4096 State=UNKNOWN
PartitionName=check Nodes=$HOST Default=YES MaxTime=INFINITE State=UP
EOF
# In the foreground (-D) they log to stderr as well as to their log files.
slurmctld -D -f "$SLURM_CONF" >"$TMP/slurmctld.out" 2>&1 &
PIDS+=($!)
slurmd -D -f "$SLURM_CONF" >"$TMP/slurmd.out" 2>&1 &
PIDS+=($!)
state=""
for _ in $(seq 120); do
	state=$(sinfo -h -o %t 2>/dev/null || true)
	[ "$state" = idle ] && break
	sleep 0.5
done
[ "$state" = idle ] || die "the node is not idle but '${state:-unreachable}' (see $TMP/slurmctld.log, $TMP/slurmd.log)"
log "cluster up: $(sinfo -h -o '%P %D node %N %c CPUs %m MB %t')"

# --- the binary and the sample ------------------------------------------
BIN="$TMP/seqpredict"
"$GO" build -o "$BIN" ./cmd/seqpredict
WORK="$TMP/work"
gzip -dc "$SRC" | grep -v '^#' | awk -v n="$EVERY" 'NR % n == 0' >"$WORK/sample.txt"
log "sample: every ${EVERY}th sequence of $SRC: $(wc -l <"$WORK/sample.txt") lines"
FLAGS=(--given 15 --timeout 1h)

# --- the job array ---------------------------------------------------------
cat >"$WORK/shard.sh" <<EOF
#!/bin/sh
#SBATCH --job-name=seqpredict-shards --array=0-$((TASKS - 1)) --cpus-per-task=1
#SBATCH --output=$WORK/task.%a.log
echo "task \$SLURM_ARRAY_TASK_ID of job \$SLURM_ARRAY_JOB_ID on \$(hostname)"
exec "$BIN" batch ${FLAGS[*]} --jobs 1 --shard "\$SLURM_ARRAY_TASK_ID/$TASKS" \\
	--out "$WORK/out.\$SLURM_ARRAY_TASK_ID.jsonl" --summary "$WORK/summary.\$SLURM_ARRAY_TASK_ID.json" \\
	"$WORK/sample.txt"
EOF
start=$(date +%s)
if ! sbatch --wait --chdir="$WORK" "$WORK/shard.sh" >"$WORK/sbatch.out"; then
	cat "$WORK"/task.*.log 2>/dev/null || true
	die "the job array failed: $(cat "$WORK/sbatch.out")"
fi
log "$(cat "$WORK/sbatch.out"); all $TASKS tasks done in $(($(date +%s) - start)) s"
for i in $(seq 0 $((TASKS - 1))); do
	[ -s "$WORK/out.$i.jsonl" ] || die "task $i wrote no output"
	printf '  %s: %s\n' "$(head -n1 "$WORK/task.$i.log")" "$(grep '^sequences' "$WORK/task.$i.log")"
done

# --- merge, the single run, and the comparison ------------------------------
log "seqpredict merge out.{0..$((TASKS - 1))}.jsonl:"
"$BIN" merge --out "$WORK/merged.jsonl" --summary "$WORK/merged.json" "$WORK"/out.*.jsonl | sed 's/^/  /'
start=$(date +%s)
"$BIN" batch "${FLAGS[@]}" --jobs 2 --out "$WORK/single.jsonl" --summary "$WORK/single-batch.json" \
	"$WORK/sample.txt" 2>"$WORK/single.log"
log "single process (--jobs 2) done in $(($(date +%s) - start)) s: $(grep '^sequences' "$WORK/single.log")"
"$BIN" merge --summary "$WORK/single.json" "$WORK/single.jsonl" >/dev/null

# Everything but the times.
untimed() { sed -E 's/"elapsed_ms":[^,}]*//' "$1"; }
unsummed() { grep -Ev '"(median_seconds|p95_seconds|merged_files)"' "$1"; }
n=$(wc -l <"$WORK/single.jsonl")
[ "$n" -gt 0 ] || die "the single run wrote nothing"
if ! cmp -s <(untimed "$WORK/merged.jsonl") <(untimed "$WORK/single.jsonl"); then
	diff <(untimed "$WORK/merged.jsonl" | cut -c1-200) <(untimed "$WORK/single.jsonl" | cut -c1-200) | head -n 20 || true
	die "the merged records differ from the single run's"
fi
log "records: the merged $(wc -l <"$WORK/merged.jsonl") equal the single run's $n (ids, order, predictions, programs, verdicts; all but elapsed_ms)"
if ! cmp -s <(unsummed "$WORK/merged.json") <(unsummed "$WORK/single.json"); then
	diff <(unsummed "$WORK/merged.json") <(unsummed "$WORK/single.json") | head -n 20 || true
	die "the merged summary differs from the single run's"
fi
log "summary: equal but for the times (accuracy, log-loss, calibration)"
# The lines no record tells of: the shards' counts add up to the single run's.
field() { sed -n "s/^ *\"$1\": \([0-9]*\),*$/\1/p" "$2"; }
for f in skipped bad_lines; do
	sum=0
	for i in $(seq 0 $((TASKS - 1))); do sum=$((sum + $(field "$f" "$WORK/summary.$i.json"))); done
	one=$(field "$f" "$WORK/single-batch.json")
	[ "$sum" -eq "$one" ] || die "the shards' $f add up to $sum, the single run's is $one"
	log "$f: the shards' add up to the single run's $one"
done
log PASS
