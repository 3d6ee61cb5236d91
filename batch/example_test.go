package batch_test

import (
	"context"
	"fmt"
	"os"

	"github.com/seqpredict/seqpredict/batch"
)

// Merge sums up the outputs of a run's shards as one run; here, the
// output of one run, read back.
func ExampleMerge() {
	sum, err := batch.Merge(context.Background(), []string{"testdata/merge/all.jsonl"}, nil, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	sum.Report(0).WriteText(os.Stdout)
	// Output:
	// merged 1 file: sequences 14: answered 13, unanswered 1
	// scored 12: right 9, wrong 2, unanswered 1; accuracy 75.0% (precision 81.8%)
	// mean log-loss 11.13 bits per sequence
	// time per sequence: median 7.003ms, p95 19ms
	// calibration (probability of the top prediction):
	//   bin            count  predicted  observed
	//   0%-10%             1      9.31%    100.0%
	//   80%-90%            2     86.55%     50.0%
	//   90%-99%            8     96.67%     87.5%
	// expected calibration error 0.216 (over tenths of probability)
}

// ParseRecord reads one line of a run's output back; a line that is not
// one says why.
func ExampleParseRecord() {
	r, err := batch.ParseRecord([]byte(`{"id":"P1","input":{"file":0,"line":1},"terms":["2","4","6"],"found":true,` +
		`"predictions":[{"next":["8"],"probability":0.97}],"stats":{"elapsed_ms":3.5},` +
		`"expected":["8"],"correct":true,"verdict":"right"}`))
	fmt.Println(r.ID, r.Verdict, r.Predictions[0].Next, err)
	_, err = batch.ParseRecord([]byte("P1\t8\t0.97\ta(n) = 2*n\t11\tright"))
	fmt.Println(err)
	// Output:
	// P1 right [8] <nil>
	// not a JSON output record (merge reads the JSON Lines of batch, not --format tsv)
}
