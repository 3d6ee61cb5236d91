# seqpredict — make test runs everything CI runs.
GO ?= go

.PHONY: test vet bench fuzz build

build:
	$(GO) build ./...

test: vet
	$(GO) test ./...

vet:
	$(GO) vet ./...

# Benchmarks: medians over 5 runs are what we report (see README).
bench:
	$(GO) test -run '^$$' -bench . -benchmem -count 5 ./search/ ./fit/ ./serve/

# A short run of every fuzz target (the language, the query strings of
# the classroom server, the records seqpredict merge reads, and the
# mixture's normaliser, which must stay finite on any figures, the
# fitters of real constants on arbitrary terms, and the series of
# algebraic equations against a computation over the rationals).
FUZZTIME ?= 20s
fuzz:
	$(GO) test -run '^$$' -fuzz FuzzParse -fuzztime $(FUZZTIME) ./dsl/
	$(GO) test -run '^$$' -fuzz FuzzEval -fuzztime $(FUZZTIME) ./dsl/
	$(GO) test -run '^$$' -fuzz FuzzAlgebraic -fuzztime $(FUZZTIME) ./dsl/
	$(GO) test -run '^$$' -fuzz FuzzQuery -fuzztime $(FUZZTIME) ./serve/
	$(GO) test -run '^$$' -fuzz FuzzParseLine -fuzztime $(FUZZTIME) ./batch/
	$(GO) test -run '^$$' -fuzz FuzzReadOutput -fuzztime $(FUZZTIME) ./batch/
	$(GO) test -run '^$$' -fuzz FuzzParseRecord -fuzztime $(FUZZTIME) ./batch/
	$(GO) test -run '^$$' -fuzz FuzzNormaliser -fuzztime $(FUZZTIME) ./predict/
	$(GO) test -run '^$$' -fuzz FuzzRounded -fuzztime $(FUZZTIME) ./fit/

# Accuracy on the benchmark data in ../shared/data (see scripts/eval.sh):
# the public puzzles and two fixed OEIS samples. EVAL_FLAGS adds flags to
# every run, e.g. make eval EVAL_FLAGS="--timeout 2s".
.PHONY: eval
eval:
	GO="$(GO)" EVAL_FLAGS="$(EVAL_FLAGS)" sh scripts/eval.sh

# The teaching gallery: docs/gallery.md and docs/gallery-*.png, generated
# from real runs of seqpredict explain (see scripts/gallery.sh).
.PHONY: gallery
gallery:
	GO="$(GO)" sh scripts/gallery.sh

# Wall time per public puzzle series at default settings, one process per
# series (median, 95th percentile, maximum) and peak memory; with
# BASE=path/to/another/seqpredict, both builds in one run and the ratio of
# their medians (see scripts/latency).
.PHONY: latency
latency:
	GO="$(GO)" bash scripts/latency.sh

# A real Slurm job array over --shard, merged with seqpredict merge and
# compared with a single-process run (see scripts/slurm-check.sh). Needs
# root: it installs slurm-wlm and munge and starts a one-node cluster.
# Not part of make test.
.PHONY: slurm-check
slurm-check:
	GO="$(GO)" bash scripts/slurm-check.sh
