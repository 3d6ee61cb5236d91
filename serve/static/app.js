// seqpredict's classroom page: asks /api/explain as the terms are typed
// and draws the answer. Plain JavaScript, no dependencies; every figure
// shown is one the server computed (see package serve).
'use strict';

(() => {
  const body = document.body;
  // Figures said once, on the Go side (the template fills them in).
  const TIE_FACTOR = Number(body.dataset.tieFactor) || 1.25; // explain.TieFactor
  const TOP = Number(body.dataset.top) || 8;
  // How long typing must pause before the page asks: short enough that
  // the answer shows within 200 ms of the last keystroke, long enough not
  // to start a search on every key of a quick typist.
  const DEBOUNCE_MS = 80;
  // The most rows of the distribution chart and of the programs table
  // (the rest is summed up): more would not read from the back of a room.
  const DIST_ROWS = 5;
  const PROGRAM_ROWS = 6;
  // How often a request answered 503 (every search busy) is tried again.
  const BUSY_RETRIES = 3;

  const $ = (id) => document.getElementById(id);
  const input = $('terms');
  const statusEl = $('status');
  const results = $('results');

  // The time from the last keystroke to the answer on the screen, and its
  // parts (all from performance.now()), kept for the browser test and
  // anyone curious, in the console.
  const timing = { lastInput: 0, asked: 0, received: 0, drawn: 0, painted: 0, sinceKeystroke: NaN, renders: 0 };
  window.seqpredictTiming = timing;

  // ---- building DOM ----

  // h makes an element: h('p', {class: 'x'}, 'text', child, ...).
  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === false || v === null || v === undefined) continue;
      if (k === 'class') el.className = v;
      else el.setAttribute(k, v === true ? '' : v);
    }
    for (const c of children.flat()) {
      if (c === null || c === undefined || c === false) continue;
      el.append(c instanceof Node ? c : String(c));
    }
    return el;
  }

  function clear(el) { el.replaceChildren(); return el; }

  // ---- numbers for people ----

  // pct writes a probability as explain.Percent does: "97.6%",
  // "99.9997%", and below 0.1% in powers of ten (a node, with <sup>).
  function pct(p) {
    if (!(p > 0)) return '0';
    if (p >= 1) return '>99.999999999%';
    if (p < 0.001) return sci(p);
    if (p > 0.999) {
      const d = Math.ceil(-Math.log10(100 * (1 - p)));
      return d > 12 ? '>99.999999999%' : (100 * p).toFixed(d) + '%';
    }
    return (100 * p).toFixed(1) + '%';
  }

  // pctText is pct as plain text, for titles and labels: "5.7e-11".
  function pctText(p) {
    const s = pct(p);
    return typeof s === 'string' ? s : p.toExponential(1);
  }

  // sci writes 5.7e-11 as "5.7 × 10⁻¹¹" (a span with a <sup>).
  function sci(x) {
    const [m, e] = x.toExponential(1).split('e');
    return h('span', { class: 'sci' }, m + ' \u00d7 10', h('sup', {}, String(Number(e)).replace('-', '\u2212')));
  }

  // times writes a large ratio: "8,388,608" while exact, else "1.8 × 10¹⁹".
  function times(bits) {
    if (bits <= 40) return thousands(2 ** bits);
    return sci(2 ** bits);
  }

  function thousands(n) { return Math.round(n).toLocaleString('en-US'); }

  function plural(n, one, many) { return n === 1 ? '1 ' + one : thousands(n) + ' ' + many; }

  const joinNext = (next) => next.join(', ');

  // ---- talking to the server ----

  class APIError extends Error {
    constructor(message, status) { super(message); this.status = status; }
  }

  const sleep = (ms, signal) => new Promise((resolve, reject) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => { clearTimeout(t); reject(new DOMException('aborted', 'AbortError')); }, { once: true });
  });

  // getJSON asks the API and returns its answer, and the milliseconds the
  // server took (its Server-Timing header).
  async function getJSON(path, params, signal) {
    const url = path + '?' + new URLSearchParams(params).toString();
    for (let attempt = 0; ; attempt++) {
      const resp = await fetch(url, { signal, headers: { Accept: 'application/json' } });
      let data = null;
      try { data = await resp.json(); } catch (e) { if (e.name === 'AbortError') throw e; }
      if (resp.ok && data) {
        const m = /dur=([0-9.]+)/.exec(resp.headers.get('Server-Timing') || '');
        return [data, m ? Number(m[1]) : undefined];
      }
      if (resp.status === 503 && attempt < BUSY_RETRIES) {
        setStatus('The server is busy; trying again\u2026');
        await sleep(1000 * (Number(resp.headers.get('Retry-After')) || 1), signal);
        continue;
      }
      throw new APIError((data && data.error) || 'the server answered ' + resp.status, resp.status);
    }
  }

  // Answers already seen, by terms: reveal mode and the gallery come back
  // to them. Answers of a search cut short by the time limit are not kept.
  const cache = new Map();
  const CACHE_SIZE = 200;

  // explainTerms returns the walk-through of terms, and the milliseconds
  // the server took for it.
  async function explainTerms(terms, signal) {
    const key = terms.join(',');
    if (cache.has(key)) return cache.get(key);
    const answer = await getJSON('/api/explain', { terms: key, top: TOP }, signal);
    if (answer[0].search.stopped !== 'cancelled') {
      cache.set(key, answer);
      if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value);
    }
    return answer;
  }

  // ---- state ----

  const state = {
    terms: [],      // what is typed, as strings
    reveal: false,  // reveal mode
    shown: 0,       // how many terms the prediction uses
    walk: null,     // the answer on the screen
  };
  let inFlight = null; // the AbortController of the request under way
  let debounce = 0;

  function abortInFlight() {
    if (inFlight) inFlight.abort();
    inFlight = null;
  }

  function splitTerms(text) { return text.split(/[\s,]+/).filter((s) => s !== ''); }

  function setStatus(text, cls) {
    statusEl.textContent = text;
    statusEl.className = cls || '';
  }

  function syncURL() {
    const params = new URLSearchParams();
    if (state.terms.length) params.set('terms', state.terms.join(','));
    if (state.reveal) params.set('reveal', String(state.shown));
    const q = params.toString();
    history.replaceState(null, '', q ? '?' + q : location.pathname);
  }

  // update reads the input and shows the prediction for it.
  function update() {
    state.terms = splitTerms(input.value);
    if (state.reveal) state.shown = Math.min(Math.max(state.shown, 1), state.terms.length);
    else state.shown = state.terms.length;
    syncURL();
    if (state.terms.length === 0) {
      abortInFlight();
      state.reveal = false;
      $('reveal-toggle').setAttribute('aria-pressed', 'false');
      results.hidden = true;
      $('reveal').hidden = true;
      setStatus('Type some numbers, or pick an example.');
      return;
    }
    show();
  }

  // show asks for the prefix in view (all the terms, or those revealed)
  // and draws it; in reveal mode, then the shorter prefixes for the
  // collapse chart.
  async function show() {
    abortInFlight();
    const ctl = new AbortController();
    inFlight = ctl;
    const prefix = state.terms.slice(0, state.shown);
    if (state.reveal) renderReveal();
    setStatus('Searching the programs\u2026', 'busy');
    try {
      timing.asked = performance.now();
      const [w, ms] = await explainTerms(prefix, ctl.signal);
      if (ctl.signal.aborted) return;
      timing.received = performance.now();
      state.walk = w;
      render(w, ms);
      timing.drawn = performance.now();
      setStatus('');
      if (state.reveal) await renderCollapse(ctl.signal);
    } catch (e) {
      if (e.name === 'AbortError') return;
      setStatus('\u26a0 ' + e.message, 'error');
      results.classList.add('stale');
    } finally {
      if (inFlight === ctl) inFlight = null;
    }
  }

  // ---- the answer ----

  function tied(w) {
    const p = w.predictions;
    if (!w.found || p.length < 2) return [];
    const t = p.filter((o) => o.probability * TIE_FACTOR >= p[0].probability);
    return t.length >= 2 ? t : [];
  }

  // noPatternReason says why the terms do not compress, from the figures.
  function noPatternReason(w) {
    const c = w.compression;
    const n = plural(c.terms, 'term', 'terms');
    let why;
    if (!c.best_bits) {
      why = `No program within the search budget writes these ${n}.`;
    } else {
      why = `The shortest program that writes these ${n} takes ${c.best_bits} bits: no shorter than the ${c.literal_bits} bits of the terms written out.`;
    }
    if (w.search.cut_short) {
      const by = w.search.stopped === 'cancelled' ? 'its time limit' : 'its budget';
      why += ` The search stopped at ${by} after ${thousands(w.search.candidates)} programs, every one up to ${w.search.complete_bits} bits.`;
    }
    return why + ' Any next term is only a guess.';
  }

  function bestProgramFor(w, next) {
    return w.programs.find((p) => joinNext(p.next) === joinNext(next));
  }

  function renderAnswer(w) {
    const kicker = $('answer-kicker');
    const nextEl = $('answer-next');
    const prob = $('answer-prob');
    const because = clear($('answer-because'));
    const banner = $('banner');
    banner.hidden = true;
    banner.className = 'banner';
    nextEl.className = 'next';
    const t = tied(w);
    if (!w.found) {
      kicker.textContent = 'No pattern';
      nextEl.textContent = '?';
      nextEl.classList.add('none');
      clear(prob);
      banner.textContent = noPatternReason(w);
      banner.classList.add('nopattern');
      banner.hidden = false;
      return;
    }
    if (t.length) {
      kicker.textContent = 'A tie';
      const text = t.map((o) => joinNext(o.next)).join(' or ');
      nextEl.textContent = text;
      if (text.length > 9) nextEl.classList.add('long');
      clear(prob).append(t.every((o) => o.probability === t[0].probability)
        ? pctText(t[0].probability) + ' each' : t.map((o) => pctText(o.probability)).join(' and '));
      banner.textContent = (t.length === 2 ? 'Two' : t.length === 3 ? 'Three' : 'Several') +
        ' equally short programs disagree: the data cannot decide yet. One more term would.';
      banner.hidden = false;
    } else {
      const top = w.predictions[0];
      kicker.textContent = 'Next term';
      nextEl.textContent = joinNext(top.next);
      if (nextEl.textContent.length > 9) nextEl.classList.add('long');
      clear(prob).append('with probability ', pct(top.probability));
    }
    const best = bestProgramFor(w, w.predictions[0].next);
    if (best && !best.literal) {
      because.append(h('span', { class: 'because-label' }, `because this ${best.bits}-bit program writes the terms:`), h('code', {}, best.program));
    }
  }

  // ---- the distribution ----

  function renderDist(w) {
    const box = clear($('dist-chart'));
    if (w.predictions.length === 0) {
      box.append(h('p', { class: 'empty' }, 'No program reproduces these terms, so no next term stands out: each keeps only the weight of writing it out after them.'));
      return;
    }
    const list = h('ol', { class: 'bars', 'aria-label': 'Probability of each next term' });
    const t = tied(w);
    const shown = w.predictions.slice(0, DIST_ROWS);
    const other = w.other_probability + w.predictions.slice(DIST_ROWS).reduce((sum, o) => sum + o.probability, 0);
    shown.forEach((o, i) => {
      const bar = h('div', { class: 'b-bar' + (i > 0 && !t.includes(o) ? ' alt' : '') });
      bar.style.width = (100 * o.probability) + '%';
      list.append(h('li', { class: 'b-label' }, joinNext(o.next)),
        h('div', { class: 'b-track', 'aria-hidden': 'true' }, bar),
        h('div', { class: 'b-value' }, pct(o.probability)));
    });
    const rest = h('div', { class: 'b-bar rest' });
    rest.style.width = (100 * other) + '%';
    list.append(h('li', { class: 'b-label other' }, 'anything else'),
      h('div', { class: 'b-track', 'aria-hidden': 'true' }, rest),
      h('div', { class: 'b-value' }, pct(other)));
    box.append(list);
  }

  // ---- the programs ----

  function renderPrograms(w) {
    const tbody = clear(document.querySelector('#programs-table tbody'));
    const more = $('programs-more');
    more.textContent = '';
    if (w.programs.length === 0) {
      tbody.append(h('tr', {}, h('td', { colspan: 4, class: 'empty' }, 'No program within the budget reproduces the terms.')));
      return;
    }
    const bestBits = w.compression.best_bits;
    w.programs.slice(0, PROGRAM_ROWS).forEach((p) => {
      const bar = h('div', { class: 'share-bar' + (p.literal ? ' literal' : '') });
      bar.style.width = (100 * p.share) + '%';
      const isBest = !p.literal && p.bits === bestBits;
      tbody.append(h('tr', { class: isBest ? 'best' : '' },
        h('td', { class: 'num' }, p.bits),
        h('td', {}, h('div', { class: 'share-cell' }, h('div', { class: 'share-track', 'aria-hidden': 'true' }, bar), h('span', { class: 'share-text' }, pct(p.share)))),
        h('td', { class: 'num next-cell' }, joinNext(p.next)),
        h('td', { class: 'prog' }, p.program, p.literal ? h('span', { class: 'tag' }, 'the terms written out') : null)));
    });
    const hidden = w.programs.slice(PROGRAM_ROWS);
    const moreCount = w.more_programs + hidden.length;
    const moreShare = w.more_programs_share + hidden.reduce((sum, p) => sum + p.share, 0);
    if (moreCount > 0) {
      more.append(`\u2026 and ${plural(moreCount, 'more', 'more')} that fit, together `, pct(moreShare), '.');
    }
  }

  // ---- compression ----

  function bitsBar(label, bits, most, cls) {
    const bar = h('div', { class: 'cb-bar ' + cls }, `${bits} bits`);
    const frac = bits / most;
    bar.style.width = (100 * frac) + '%';
    // One tick per bit, once laid out, if they are far enough apart to see.
    bar.style.backgroundImage = 'none';
    requestAnimationFrame(() => {
      if (bar.clientWidth / bits >= 5) {
        bar.style.backgroundImage = '';
        bar.style.backgroundSize = `calc(100% / ${bits}) 100%`;
      }
    });
    if (frac < 0.3) bar.classList.add('outside');
    return [h('div', { class: 'cb-label' }, label), h('div', { class: 'cb-track' }, bar)];
  }

  function renderCompression(w) {
    const c = w.compression;
    const chart = clear($('compression-chart'));
    const text = clear($('compression-text'));
    const most = Math.max(c.literal_bits, c.best_bits || 0);
    const bars = h('div', { class: 'cbars', role: 'img', 'aria-label': `The terms written out: ${c.literal_bits} bits; the best program: ${c.best_bits || 'none'}` });
    bars.append(...bitsBar('The terms written out', c.literal_bits, most, 'literal'));
    if (c.best_bits) bars.append(...bitsBar('The best program', c.best_bits, most, 'program'));
    chart.append(bars);
    if (!c.best_bits) {
      text.append('No program within the budget writes these terms: nothing to compress them with.');
    } else if (c.saved_bits > 0) {
      text.append(h('span', { class: 'big' }, plural(c.saved_bits, 'bit', 'bits') + ' shorter'),
        ', so a priori the pattern is ', h('span', { class: 'big' }, times(c.saved_bits)),
        ' times as probable as the bare data. The shorter the explanation, the more it is believed.');
    } else {
      text.append('The best program is no shorter than the terms written out: they do not compress, so there is no pattern to believe in.');
    }
  }

  // ---- the rival ----

  function renderRival(w) {
    const box = clear($('rival-body'));
    const r = w.contrived;
    if (!r) {
      box.append(h('p', {}, 'None to show: ' + w.no_contrived + '.'));
      return;
    }
    box.append(
      h('p', {}, `This program writes ${joinNext(w.terms)} too:`),
      h('code', { class: 'program' }, r.program),
      h('p', {}, 'but it predicts ', h('span', { class: 'rival-next' }, joinNext(r.next)), '.'),
      h('p', {}, `It is ${plural(r.extra_bits, 'bit', 'bits')} longer than the best program, so a priori it is `,
        times(r.extra_bits), ' times less probable. The mixture gives ', joinNext(r.next), ' only ', pct(r.mixture_probability), '.'));
  }

  function renderStats(w, ms) {
    const s = w.search;
    const parts = [`Searched ${thousands(s.candidates)} programs, every one up to ${s.complete_bits} bits`];
    if (s.cut_short) parts.push(s.stopped === 'cancelled' ? ', until the time limit' : ', until the budget ran out');
    if (ms !== undefined) parts.push(`, in ${ms < 10 ? ms.toFixed(1) : Math.round(ms)} ms`);
    $('stats').textContent = parts.join('') + '.';
  }

  function render(w, ms) {
    results.hidden = false;
    results.classList.remove('stale');
    renderAnswer(w);
    renderDist(w);
    renderPrograms(w);
    renderCompression(w);
    renderRival(w);
    renderStats(w, ms);
    clear($('guess-result'));
    // The frame that paints this answer: the time since the last keystroke.
    requestAnimationFrame(() => {
      timing.renders++;
      timing.painted = performance.now();
      if (timing.lastInput) timing.sinceKeystroke = timing.painted - timing.lastInput;
      body.dataset.answered = state.terms.slice(0, state.shown).join(',');
    });
  }

  // ---- reveal mode ----

  function setReveal(on, shown) {
    state.reveal = on && state.terms.length > 0;
    $('reveal-toggle').setAttribute('aria-pressed', String(state.reveal));
    $('reveal').hidden = !state.reveal;
    state.shown = state.reveal ? Math.min(Math.max(shown || 1, 1), state.terms.length) : state.terms.length;
    syncURL();
    if (state.terms.length) show();
  }

  function step(delta) {
    const n = Math.min(Math.max(state.shown + delta, 1), state.terms.length);
    if (n === state.shown) return;
    state.shown = n;
    syncURL();
    show();
  }

  function renderReveal() {
    const n = state.terms.length;
    const chips = clear($('chips'));
    state.terms.forEach((t, i) => {
      const shown = i < state.shown;
      chips.append(h('li', {
        class: shown ? (i === state.shown - 1 && state.shown > 1 ? 'newest' : '') : 'hidden-term',
        'aria-label': shown ? `term ${i + 1}: ${t}` : `term ${i + 1}: hidden`,
      }, shown ? t : '?'));
    });
    const slider = $('slider');
    slider.max = String(n);
    slider.value = String(state.shown);
    $('shown').textContent = `${state.shown} of ${n} terms`;
    $('step').disabled = state.shown >= n;
    $('step-back').disabled = state.shown <= 1;
  }

  // renderCollapse draws one row per prefix shown so far, asking for the
  // prefixes it does not have yet (the shortest first).
  async function renderCollapse(signal) {
    const box = clear($('collapse'));
    const rows = [];
    for (let k = 1; k <= state.shown; k++) {
      // The last four terms of the prefix, then an arrow.
      const label = h('div', { class: 'c-label' + (k === state.shown ? ' current' : '') },
        (k > 4 ? '\u2026 ' : '') + state.terms.slice(Math.max(0, k - 4), k).join(' ') + ' \u2192');
      const bar = h('div', { class: 'c-bar' }, h('span', { class: 'c-pending' }, '\u2026'));
      const came = h('div', { class: 'c-came' });
      box.append(label, bar, came);
      rows.push({ k, bar, came });
    }
    for (const row of rows) {
      const [w] = await explainTerms(state.terms.slice(0, row.k), signal);
      if (signal.aborted) return;
      drawCollapseRow(row, w);
    }
  }

  // Colours of the wrong guesses in a row, by rank (Okabe-Ito); the term
  // that really came is always blue.
  const SEGMENT_COLOURS = [['#E69F00', true], ['#CC79A7', false], ['#009E73', false], ['#56B4E9', true]];

  function drawCollapseRow(row, w) {
    const actual = row.k < state.terms.length ? state.terms[row.k] : null;
    const bar = clear(row.bar);
    bar.setAttribute('role', 'img');
    let wrong = 0;
    const described = [];
    for (const o of w.predictions.slice(0, 5)) {
      const value = joinNext(o.next);
      const isRight = value === actual;
      const seg = h('div', { class: 'c-seg' + (isRight ? ' right' : '') });
      seg.style.width = (100 * o.probability) + '%';
      if (isRight) seg.style.background = '#0072B2';
      else {
        const [colour, light] = SEGMENT_COLOURS[wrong++ % SEGMENT_COLOURS.length];
        seg.style.background = colour;
        if (light) seg.classList.add('light');
      }
      if (o.probability >= 0.12) seg.textContent = `${value} \u00b7 ${pct(o.probability)}`;
      else if (o.probability >= 0.05) seg.textContent = value;
      seg.title = `${value}: ${pctText(o.probability)}`;
      described.push(seg.title);
      bar.append(seg);
    }
    bar.setAttribute('aria-label', `After ${row.k} terms: ` + (described.join(', ') || 'no program fits'));
    const came = clear(row.came);
    if (actual === null) {
      came.append('next: ?');
      return;
    }
    const hit = w.predictions.find((o) => joinNext(o.next) === actual);
    const top = w.predictions[0];
    if (top && joinNext(top.next) === actual && w.found) {
      came.append(h('span', { class: 'yes' }, '\u2713 ' + actual), ' came');
    } else {
      came.append(h('span', { class: 'no' }, actual), ' came ');
      came.append(...(hit ? ['(', pct(hit.probability), ')'] : ['(not among the top guesses)']));
    }
  }

  // ---- the guess ----

  async function guess(ev) {
    ev.preventDefault();
    const out = clear($('guess-result'));
    const value = $('guess-input').value.trim();
    const prefix = state.terms.slice(0, state.shown);
    if (!value || prefix.length === 0) {
      out.append(h('p', {}, 'Type a number first.'));
      return;
    }
    try {
      const [g] = await getJSON('/api/guess', { terms: prefix.join(','), next: value }, new AbortController().signal);
      const w = state.walk;
      const top = w && w.predictions[0];
      out.append(h('p', {}, 'The probability that ', h('strong', { class: 'mono' }, joinNext(g.next)), ' comes next: ',
        h('span', { class: 'g-prob' }, pct(g.probability)), ` (${g.bits < 10 ? g.bits.toFixed(2) : g.bits.toFixed(1)} bits to say it).`));
      out.append(h('p', {}, g.literal ? 'No short program predicts it; its weight is that of writing the terms out followed by it: ' : 'The shortest program behind it: ',
        h('code', {}, g.program), ` (${g.program_bits} bits).`));
      if (top && w.found && joinNext(top.next) !== joinNext(g.next) && g.probability > 0) {
        const ratio = top.probability / g.probability;
        out.append(h('p', {}, 'The answer ', h('strong', { class: 'mono' }, joinNext(top.next)), ' is ',
          ratio < 1e6 ? thousands(ratio) : sci(ratio), ' times as probable.'));
      } else if (top && joinNext(top.next) === joinNext(g.next)) {
        out.append(h('p', {}, 'That is the most probable next term.'));
      }
    } catch (e) {
      if (e.name === 'AbortError') return;
      out.append(h('p', { class: 'error' }, '\u26a0 ' + e.message));
    }
  }

  // ---- wiring ----

  input.addEventListener('input', () => {
    timing.lastInput = performance.now();
    abortInFlight(); // a new input cancels the search under way
    clearTimeout(debounce);
    debounce = setTimeout(update, DEBOUNCE_MS);
  });
  input.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter') {
      clearTimeout(debounce);
      update();
    }
  });
  document.querySelectorAll('#gallery .example').forEach((b) => b.addEventListener('click', () => {
    input.value = b.dataset.terms;
    timing.lastInput = 0;
    clearTimeout(debounce);
    update();
  }));
  $('reveal-toggle').addEventListener('click', () => setReveal(!state.reveal, 1));
  $('step').addEventListener('click', () => step(1));
  $('step-back').addEventListener('click', () => step(-1));
  $('slider').addEventListener('input', (ev) => {
    state.shown = Number(ev.target.value);
    syncURL();
    show();
  });
  $('guess-form').addEventListener('submit', guess);

  // Start from the address: /?terms=1,1,2,3,5,8[&reveal=K].
  const params = new URLSearchParams(location.search);
  if (params.has('terms')) {
    input.value = splitTerms(params.get('terms')).join(' ');
    state.terms = splitTerms(input.value);
    if (params.has('reveal')) setReveal(true, Number(params.get('reveal')) || 1);
    else update();
  } else {
    setStatus('Type some numbers, or pick an example.');
  }
})();
