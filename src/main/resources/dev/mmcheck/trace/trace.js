// Steps through mmcheck's traces. Everything shown comes from the JSON in #mmcheck-data
// (written by dev.mmcheck.trace.HtmlReport); text goes in as text, never as markup.
(function () {
  'use strict';
  const data = JSON.parse(document.getElementById('mmcheck-data').textContent);
  const NEXT = ['ArrowRight', 'ArrowDown', 'j', 'n'], PREV = ['ArrowLeft', 'ArrowUp', 'k', 'p'];
  let trace = null;   // the trace shown
  let step = 0;       // 0: the state before the first step; k: after step k

  const $ = id => document.getElementById(id);

  /** An element with attributes (class, id, data-*) and children (strings become text). */
  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) if (v !== null && v !== undefined) e.setAttribute(k, v);
    for (const c of children) if (c !== null && c !== undefined) e.append(c);
    return e;
  }

  const baseName = f => f.slice(f.lastIndexOf('/') + 1);
  const slug = s => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

  function header() {
    const where = [data.file, 'arch ' + data.arch, data.kernel ? 'kernel ' + data.kernel : null,
      data.columns.length + (data.columns.length === 1 ? ' CPU' : ' CPUs'), 'TLB of ' + data.tlb + ' entries'];
    $('scenario').textContent = where.filter(x => x).join(', ');
    const overall = $('verdict-overall');
    overall.textContent = data.verdict;
    overall.dataset.status = data.verdict;
    for (const j of data.judgements)
      $('judgements').append(el('li', {'data-status': j.status, 'data-invariant': j.invariant}, j.text));
    $('bounds').textContent = data.bounds;
  }

  /** The page of a run without a trace: it says so, with the verdict above. */
  function noTrace() {
    const words = {HOLDS: 'Every check holds within the bounds above: there is no trace to step through.',
      UNDECIDED: 'Undecided, and no trace to step through: see the verdict above for why.'};
    $('no-trace').textContent = words[data.verdict] || 'No trace.';
    $('no-trace').hidden = false;
  }

  function traceChoice() {
    if (data.traces.length < 2) return;
    const sel = $('trace-select');
    data.traces.forEach((t, i) => sel.append(el('option', {value: i}, t.label)));
    sel.addEventListener('change', () => { show(Number(sel.value)); go(0); });
    $('trace-choice').hidden = false;
  }

  /** Draws a trace's table; the state and source are drawn per step, by go(). */
  function show(i) {
    trace = data.traces[i];
    $('trace-select').value = String(i);
    $('trace').dataset.trace = trace.name;
    const head = $('steps-head');
    head.replaceChildren(el('th', {}, '#'));
    for (const c of data.columns) head.append(el('th', {}, 'cpu' + c.cpu + (c.threads ? ' ' + c.threads : '')));
    head.append(el('th', {}, 'what changed'));
    const body = $('steps-body');
    body.replaceChildren(el('tr', {class: 'initial', 'data-step': 0}, el('td', {class: 'n'}, '0'),
      el('td', {colspan: data.columns.length + 1}, 'initial state' + (trace.start ? ': ' + trace.start : ''))));
    trace.steps.forEach((s, k) => body.append(row(s, k + 1)));
    $('broken').textContent = trace.last;
    $('broken').setAttribute('colspan', data.columns.length + 1);
    $('broken-row').dataset.invariant = trace.name;
  }

  function row(s, n) {
    const tr = el('tr', {'data-step': n, 'data-cpu': s.cpu}, el('td', {class: 'n'}, String(n)));
    for (const c of data.columns) tr.append(c.cpu === s.cpu ? el('td', {class: 'cell'}, ...cell(s)) : el('td'));
    tr.append(el('td', {class: 'changes'}, ...s.changes.map(c => el('div', {}, c.text))));
    tr.addEventListener('click', () => go(n));
    return tr;
  }

  /** A step in its CPU's column: statement, what it read or which way it went, where, the note. */
  function cell(s) {
    if (s.event !== undefined) return [el('div', {class: 'hw'}, '[hw] ' + s.event)];
    const out = [el('div', {class: 'stmt'}, s.statement, s.outcome ? el('span', {class: 'outcome'}, ' ' + s.outcome) : null)];
    const who = s.routine === s.thread ? s.thread : s.routine;
    out.push(el('div', {class: 'where'}, who + ' ' + baseName(s.file) + ':' + s.line));
    if (s.note) out.push(el('div', {class: 'note'}, '(' + s.note + ')'));
    return out;
  }

  /** Shows state n of the trace: the row, the counter, the source, the changes, the machine state. */
  function go(n) {
    if (!trace) return;
    const from = step;
    step = Math.max(0, Math.min(trace.steps.length, n));
    const last = trace.steps.length;
    const counter = $('step-counter');
    counter.textContent = 'step ' + step + ' of ' + last;
    counter.dataset.step = step;
    counter.dataset.steps = last;
    for (const tr of document.querySelectorAll('#steps-body tr.current')) tr.classList.remove('current');
    const cur = $('steps-body').children[step];
    cur.classList.add('current');
    $('broken-row').classList.toggle('current', step === last);
    // One step at a time the table scrolls as little as it can; a jump centres the row.
    cur.scrollIntoView({block: Math.abs(step - from) > 1 ? 'center' : 'nearest'});
    const s = step > 0 ? trace.steps[step - 1] : null;
    source(s);
    changes(s);
    state(s);
    $('prev').disabled = step === 0;
    $('first').disabled = step === 0;
    $('next').disabled = step === last;
    $('last').disabled = step === last;
    writeHash();
  }

  function source(s) {
    const code = $('source-code');
    code.replaceChildren();
    if (!s || s.event !== undefined) {
      $('source-location').textContent = '';
      $('source-chain').textContent = !s ? 'before the first step' + (trace.start ? ' (' + trace.start + ')' : '')
        : '[hw] cpu' + s.cpu + ' ' + s.event;
      return;
    }
    $('source-location').textContent = s.file + ':' + s.line;
    // The call chain: the thread, the calls its statement went through (outermost first), the routine.
    const chain = [s.thread + ' on cpu' + s.cpu].concat(s.calls);
    if (chain[chain.length - 1] !== s.routine && s.routine !== s.thread) chain.push(s.routine);
    $('source-chain').textContent = chain.join(' \u2192 ');
    const lines = data.sources[s.file] || {};
    for (let k = s.line - data.context; k <= s.line + data.context; k++) {
      if (lines[k] === undefined) continue;
      code.append(el('span', {class: k === s.line ? 'line here' : 'line', 'data-line': k},
        el('span', {class: 'ln'}, String(k)), lines[k]));
    }
  }

  function changes(s) {
    const list = $('step-changes');
    list.replaceChildren();
    if (!s) list.append(el('li', {class: 'none'}, 'the state every run starts from'));
    else if (s.changes.length === 0) list.append(el('li', {class: 'none'}, 'nothing shared (a read, a test, or local work)'));
    else for (const c of s.changes) list.append(el('li', {}, c.text));
  }

  /** The whole machine state after the step, one panel per group, what the step changed marked. */
  function state(s) {
    const values = trace.states[step];
    const changed = new Set(s ? s.changes.map(c => c.item) : []);
    $('state-when').textContent = step === 0 ? 'at the start' : 'after step ' + step;
    const panels = new Map();
    for (const g of trace.groups)
      panels.set(g, el('section', {class: 'panel', id: 'panel-' + slug(g), 'data-group': g}, el('h3', {}, g)));
    trace.items.forEach((it, i) => {
      // An item absent here (an IPI not pending) shows only when this step removed it.
      if (values[i] === null && !changed.has(i)) return;
      const cls = 'item' + (changed.has(i) ? ' changed' : '') + (values[i] === null ? ' absent' : '');
      panels.get(it.group).append(el('div', {class: cls, 'data-subject': it.subject, 'data-kind': it.kind},
        el('span', {class: 'subject'}, it.subject), el('span', {class: 'value'}, values[i] === null ? 'none' : values[i])));
    });
    for (const p of panels.values()) if (p.childElementCount === 1) p.append(el('div', {class: 'empty'}, 'none'));
    $('state').replaceChildren(...panels.values());
  }

  /** #step=46 (and #trace=NAME&step=46 on a page of several traces): a link to a step. */
  function readHash() {
    const h = new URLSearchParams(location.hash.slice(1));
    const i = data.traces.findIndex(t => t.name === h.get('trace'));
    if (i >= 0 && data.traces[i] !== trace) show(i);
    const n = parseInt(h.get('step'), 10);
    go(Number.isNaN(n) ? step : n);
  }

  function writeHash() {
    const h = (data.traces.length > 1 ? 'trace=' + encodeURIComponent(trace.name) + '&' : '') + 'step=' + step;
    if (location.hash.slice(1) === h) return;
    try {
      history.replaceState(null, '', '#' + h);
    } catch (e) {
      // some browsers refuse to rewrite a file: URL; the page works without the link
    }
  }

  function keys() {
    document.addEventListener('keydown', e => {
      if (!trace || e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.target instanceof HTMLSelectElement || e.target instanceof HTMLInputElement) return;
      let to = null;
      if (NEXT.includes(e.key)) to = step + 1;
      else if (PREV.includes(e.key)) to = step - 1;
      else if (e.key === 'Home') to = 0;
      else if (e.key === 'End') to = trace.steps.length;
      if (to === null) return;
      e.preventDefault();
      go(to);
    });
    $('first').addEventListener('click', () => go(0));
    $('prev').addEventListener('click', () => go(step - 1));
    $('next').addEventListener('click', () => go(step + 1));
    $('last').addEventListener('click', () => go(trace.steps.length));
    window.addEventListener('hashchange', readHash);
  }

  header();
  if (data.traces.length === 0) {
    noTrace();
    return;
  }
  $('controls').hidden = false;
  $('trace').hidden = false;
  traceChoice();
  show(0);
  keys();
  readHash();
}());
