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
	$(GO) test -run '^$$' -bench . -benchmem -count 5 ./search/ ./predict/

# A short run of every fuzz target.
FUZZTIME ?= 20s
fuzz:
	$(GO) test -run '^$$' -fuzz FuzzParse -fuzztime $(FUZZTIME) ./dsl/
	$(GO) test -run '^$$' -fuzz FuzzEval -fuzztime $(FUZZTIME) ./dsl/
