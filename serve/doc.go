// Package serve is the classroom page of seqpredict and its JSON API: type
// a sequence, watch the shortest program win.
//
// # The page
//
// One page, with every asset embedded in the binary (static/: plain HTML,
// CSS and JavaScript, the charts drawn as inline SVG; no CDN, no build
// step, so it works offline). As the terms are typed it asks the API for
// the walk-through of the prediction (package explain) and shows the next
// term with its probability, the ranked programs with their bits and
// shares, the distribution over the next term, the compression (the terms
// written out against the best program, in bits), the contrived rival and
// its tiny weight, an honest "no pattern" with the reason, and a tie when
// the two most probable answers are within explain.TieFactor of each other.
// Requests are debounced, and a new input aborts the request under way
// (AbortController), which cancels its search on the server through the
// request's context. Reveal mode shows the terms one at a time and how the
// distribution over the next term collapses as they arrive; "How likely is
// my guess?" asks /api/guess. /?terms=1,1,2,3,5,8 opens the page on those
// terms (and &reveal=1 in reveal mode), so a teacher can prepare links.
//
// # The API
//
//	GET /api/predict?terms=2,4,6,8[&top=3]   what `seqpredict --json` prints (predict.Report)
//	GET /api/explain?terms=2,4,6,8[&top=8]   what `seqpredict explain --json` prints (explain.Walkthrough)
//	GET /api/guess?terms=2,4,6,8&next=12     the probability of one continuation (explain.Guess)
//
// Terms are separated by commas or spaces ("+" in a query string). Every
// answer is one line of JSON; bad input is a 400 with {"error": "..."}, one
// line that says what is wrong.
//
// # Limits
//
// The server is meant to be left running on a classroom network, so every
// request is bounded (Limits): the length of the query, the number of terms
// and the digits of each (checked before any number is parsed), the number
// of programs listed, and each search's time (Timeout, on top of the
// program budget of Options.Predict). At most MaxSearches searches run at
// once; a request that finds none free within QueueWait is answered 503
// with Retry-After. The defaults suit interactive use on a small machine:
// the command's program budget answers the gallery within a few hundred
// milliseconds, and the timeout caps what no budget foresaw.
package serve
