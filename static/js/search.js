// guidepost search: queries the static index the build writes under
// /search/ (package internal/search describes its files). Runs entirely in
// the browser; no query leaves it. Without JavaScript the page explains
// that search needs it and links the section lists instead.
//
// Normalization mirrors internal/search/normalize.go: the stop words and
// the fold table come from the manifest, the tokenizing and stemming rules
// below must match the Go code (a browser test checks they do).
(function () {
  'use strict';

  var PAGE = 10; // results shown at a time
  var WINDOW = 28; // words in an excerpt
  var MAX_PREFIX_TERMS = 64; // terms a partial last word may expand to
  var WORD = /[\p{L}\p{M}\p{N}]+/gu;
  var NUMBER = /^\p{N}+$/u;
  var MAX_KEY_RUNES = 8;

  var root = document.getElementById('search');
  if (!root) return;
  var form = root.querySelector('form');
  var input = document.getElementById('search-q');
  var select = document.getElementById('search-j');
  var status = document.getElementById('search-status');
  var list = document.getElementById('search-results');
  var more = document.getElementById('search-more');
  var baseTitle = document.title;
  var manifestURL = new URL(root.getAttribute('data-index'), location.href);

  // ---- loading, each file once ----
  var cache = new Map();
  function load(name) {
    var u = new URL(name, manifestURL).href;
    if (!cache.has(u)) {
      cache.set(u, fetch(u, { credentials: 'omit' }).then(function (r) {
        if (!r.ok) throw new Error(u + ': ' + r.status);
        return r.json();
      }).catch(function (e) { cache.delete(u); throw e; }));
    }
    return cache.get(u);
  }

  var index = null; // the manifest, with lookup tables added
  function manifest() {
    if (index) return Promise.resolve(index);
    return load(manifestURL.href).then(function (m) {
      if (index) return index;
      m.stopSet = new Set(m.stop.split(' '));
      m.foldMap = new Map();
      m.fold.split(' ').forEach(function (item) {
        var chars = Array.from(item);
        m.foldMap.set(chars[0], chars.slice(1).join(''));
      });
      m.keys = Object.keys(m.shards);
      m.jurBySlug = new Map();
      m.jurisdictions.forEach(function (j) { m.jurBySlug.set(j.slug, j); });
      index = m;
      return m;
    });
  }

  // ---- normalization (mirrors normalize.go) ----
  function fold(m, word) {
    var out = '';
    for (var ch of word.toLowerCase()) {
      var f = m.foldMap.get(ch);
      out += f === undefined ? ch : f;
    }
    return out;
  }
  function stem(w) {
    if (Array.from(w).length < 4 || !w.endsWith('s')) return w;
    if (w.endsWith('ies') && !w.endsWith('eies') && !w.endsWith('aies')) return w.slice(0, -3) + 'y';
    if (w.endsWith('es') && !w.endsWith('aes') && !w.endsWith('ees') && !w.endsWith('oes')) return w.slice(0, -1);
    if (w.endsWith('ss') || w.endsWith('us') || w.endsWith('is')) return w;
    return w.slice(0, -1);
  }
  function normalize(m, word) {
    var w = fold(m, word);
    var n = Array.from(w).length;
    if (n > 40 || (n < 2 && !NUMBER.test(w)) || m.stopSet.has(w)) return '';
    w = stem(w);
    return m.stopSet.has(w) ? '' : w;
  }
  function words(text) {
    var out = [];
    var re = new RegExp(WORD.source, 'gu');
    var match;
    while ((match = re.exec(text)) !== null) out.push({ word: match[0], start: match.index, end: match.index + match[0].length });
    return out;
  }

  // parse turns a query into groups of terms that must all match: one per
  // word, the last word (when it has minPrefix letters) also matching the
  // terms it begins, as the reader may still be typing it.
  function parse(m, q) {
    var ws = words(q);
    var groups = [];
    var seen = new Set();
    ws.forEach(function (w, i) {
      var term = normalize(m, w.word);
      var prefix = '';
      if (i === ws.length - 1) {
        var f = fold(m, w.word);
        if (Array.from(f).length >= m.minPrefix) prefix = f;
      }
      if (!term && !prefix) return;
      var id = term + '|' + prefix;
      if (seen.has(id)) return;
      seen.add(id);
      groups.push({ term: term, prefix: prefix });
    });
    return groups;
  }

  // ---- shards ----
  function runes(s, n) { return Array.from(s).slice(0, n).join(''); }
  function shardKey(m, term) {
    for (var n = Math.min(Array.from(term).length, MAX_KEY_RUNES); n > 0; n--) {
      var k = runes(term, n);
      if (Object.prototype.hasOwnProperty.call(m.shards, k)) return k;
    }
    return null;
  }
  function shardKeys(m, g) {
    var keys = new Set();
    if (g.term) {
      var k = shardKey(m, g.term);
      if (k !== null) keys.add(k);
    }
    if (g.prefix) {
      var pk = shardKey(m, g.prefix);
      if (pk !== null) keys.add(pk);
      m.keys.forEach(function (key) { if (key.startsWith(g.prefix)) keys.add(key); });
    }
    return Array.from(keys);
  }

  // addPostings decodes a term's [gap, weight, …] array into doc →
  // weight, keeping the larger weight of a document seen before.
  function addPostings(weights, arr, factor) {
    var doc = 0;
    for (var i = 0; i < arr.length; i += 2) {
      doc += arr[i];
      var w = arr[i + 1] * factor;
      var prev = weights.get(doc);
      if (prev === undefined || w > prev) weights.set(doc, w);
    }
  }

  // idf is BM25's inverse document frequency (search.IDF in Go).
  function idf(df, n) { return Math.log(1 + (n - df + 0.5) / (df + 0.5)); }

  // groupScores returns doc → score for one word of the query: the
  // weight of its term, or for a partial word the best weight among the
  // terms it begins (slightly less for those), times the IDF of all the
  // documents matched.
  function groupScores(m, g) {
    return Promise.all(shardKeys(m, g).map(function (k) { return load(m.shards[k]); })).then(function (shards) {
      var weights = new Map();
      var expanded = 0;
      shards.forEach(function (shard) {
        if (g.term && Object.prototype.hasOwnProperty.call(shard, g.term)) addPostings(weights, shard[g.term], 1);
        if (!g.prefix) return;
        Object.keys(shard).forEach(function (t) {
          if (t !== g.term && t.startsWith(g.prefix) && expanded < MAX_PREFIX_TERMS) {
            expanded++;
            addPostings(weights, shard[t], 0.9);
          }
        });
      });
      var f = idf(weights.size, m.docs);
      weights.forEach(function (w, doc) { weights.set(doc, w * f); });
      return weights;
    });
  }

  function decodeIds(arr) {
    var out = new Set();
    var id = 0;
    arr.forEach(function (gap) { id += gap; out.add(id); });
    return out;
  }

  // search returns the ranked ids of the documents matching every group.
  function search(m, groups, jurisdiction) {
    var jur = jurisdiction ? m.jurBySlug.get(jurisdiction) : null;
    var filter = jur ? load(jur.file).then(decodeIds) : Promise.resolve(jurisdiction ? new Set() : null);
    return Promise.all([Promise.all(groups.map(function (g) { return groupScores(m, g); })), filter]).then(function (r) {
      var maps = r[0].slice().sort(function (a, b) { return a.size - b.size; });
      var allowed = r[1];
      var hits = [];
      if (maps.length === 0) return hits;
      maps[0].forEach(function (score, doc) {
        if (allowed && !allowed.has(doc)) return;
        var total = score;
        for (var i = 1; i < maps.length; i++) {
          var s = maps[i].get(doc);
          if (s === undefined) return;
          total += s;
        }
        hits.push({ doc: doc, score: total });
      });
      hits.sort(function (a, b) { return b.score - a.score || a.doc - b.doc; });
      return hits;
    });
  }

  // ---- documents ----
  function docMeta(m, id) {
    return load(m.meta[Math.floor(id / m.chunk)]).then(function (chunk) { return chunk[id % m.chunk]; });
  }
  function docDetails(m, id) {
    return docMeta(m, id).then(function (meta) {
      return load(meta.f).then(function (frag) { return { id: id, meta: meta, sections: frag.x }; });
    });
  }

  // ---- excerpts ----
  function matcher(m, groups) {
    var memo = new Map();
    return function (word) {
      if (memo.has(word)) return memo.get(word);
      var term = normalize(m, word);
      var folded = fold(m, word);
      var hit = -1;
      groups.forEach(function (g, i) {
        if (hit >= 0) return;
        if ((g.term && term === g.term) || (g.prefix && (folded.startsWith(g.prefix) || (term && term.startsWith(g.prefix))))) hit = i;
      });
      memo.set(word, hit);
      return hit;
    };
  }

  // bestWindow finds the run of WINDOW words with the most distinct query
  // words, then the most matches.
  function bestWindow(ws, hits) {
    var best = { start: 0, distinct: 0, count: 0 };
    for (var i = 0; i < ws.length; i++) {
      if (hits[i] < 0) continue;
      var start = Math.max(0, i - 4);
      var seen = new Set();
      var count = 0;
      for (var j = start; j < Math.min(ws.length, start + WINDOW); j++) {
        if (hits[j] >= 0) { seen.add(hits[j]); count++; }
      }
      if (seen.size > best.distinct || (seen.size === best.distinct && count > best.count)) best = { start: start, distinct: seen.size, count: count };
    }
    return best;
  }

  // excerpt picks the section that best matches and the words to show from
  // it: {section, parts: [{text, mark}]} — parts are plain strings, put on
  // the page as text nodes.
  function excerpt(sections, match) {
    var best = null;
    sections.forEach(function (s, i) {
      var ws = words(s[2]);
      var hits = ws.map(function (w) { return match(w.word); });
      var win = bestWindow(ws, hits);
      var headHits = new Set(words(s[0]).map(function (w) { return match(w.word); }).filter(function (h) { return h >= 0; }));
      var rank = win.distinct * 100 + headHits.size * 60 + Math.min(win.count, 20) - i * 0.01;
      if (!best || rank > best.rank) best = { rank: rank, section: s, ws: ws, hits: hits, win: win };
    });
    if (!best) return null;
    var text = best.section[2];
    var ws = best.ws;
    if (ws.length === 0) return { section: best.section, parts: [] };
    var from = best.win.start;
    // Do not start inside a word such as "patient's" at its "s".
    while (from > 0 && from < ws.length - 1 && best.hits[from] < 0 && /^['’]$/.test(text.slice(ws[from - 1].end, ws[from].start))) from++;
    var to = Math.min(ws.length, from + WINDOW);
    var parts = [];
    if (from > 0) parts.push({ text: '… ', mark: false });
    var pos = ws[from].start;
    if (from === 0) pos = 0;
    for (var i = from; i < to; i++) {
      if (best.hits[i] < 0) continue;
      if (ws[i].start > pos) parts.push({ text: text.slice(pos, ws[i].start), mark: false });
      parts.push({ text: ws[i].word, mark: true });
      pos = ws[i].end;
    }
    var end = to < ws.length ? ws[to - 1].end : text.length;
    if (end > pos) parts.push({ text: text.slice(pos, end), mark: false });
    if (to < ws.length) parts.push({ text: ' …', mark: false });
    return { section: best.section, parts: parts };
  }

  function markedText(el, text, match) {
    var pos = 0;
    words(text).forEach(function (w) {
      if (match(w.word) < 0) return;
      if (w.start > pos) el.appendChild(document.createTextNode(text.slice(pos, w.start)));
      var mark = document.createElement('mark');
      mark.textContent = w.word;
      el.appendChild(mark);
      pos = w.end;
    });
    if (pos < text.length) el.appendChild(document.createTextNode(text.slice(pos)));
  }

  // ---- rendering ----
  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text) e.textContent = text;
    return e;
  }

  function renderResult(m, d, match) {
    var li = el('li', 'search-result');
    var ex = excerpt(d.sections, match);
    var href = d.meta.u;
    if (ex && ex.section[1]) href += '#' + ex.section[1];
    var h = el('h2', 'result-title');
    var a = el('a');
    a.href = href;
    markedText(a, d.meta.t, match);
    h.appendChild(a);
    li.appendChild(h);
    if (ex && ex.section[0]) {
      var sec = el('p', 'result-section');
      sec.appendChild(el('span', 'visually-hidden', 'Section: '));
      markedText(sec, ex.section[0], match);
      li.appendChild(sec);
    }
    var p = el('p', 'result-excerpt');
    if (ex && ex.parts.some(function (x) { return x.mark; })) {
      ex.parts.forEach(function (x) {
        if (x.mark) p.appendChild(el('mark', '', x.text));
        else p.appendChild(document.createTextNode(x.text));
      });
    } else if (d.meta.s) {
      markedText(p, d.meta.s, match);
    } else if (ex) {
      ex.parts.forEach(function (x) { p.appendChild(document.createTextNode(x.text)); });
    }
    if (p.firstChild) li.appendChild(p);
    if (d.meta.j && d.meta.j.length) {
      var tags = el('ul', 'tags');
      tags.setAttribute('aria-label', 'Jurisdictions');
      d.meta.j.forEach(function (i) {
        var t = el('li');
        t.appendChild(el('span', 'tag', m.jurisdictions[i].name));
        tags.appendChild(t);
      });
      li.appendChild(tags);
    }
    return li;
  }

  var timing = null; // of the last search: ms to rank, ms to show
  var state = { seq: 0, hits: [], shown: 0, groups: [], q: '', j: '' };

  function jurName(m, slug) {
    var j = m.jurBySlug.get(slug);
    if (j) return j.name;
    if (select && select.selectedOptions[0]) return select.selectedOptions[0].textContent;
    return slug;
  }

  function say(text) { status.textContent = text; }

  // showMore renders the next page of results — replacing the list when
  // replace is set — and returns the first new result's link.
  function showMore(m, seq, replace) {
    var slice = state.hits.slice(state.shown, state.shown + PAGE);
    var match = matcher(m, state.groups);
    return Promise.all(slice.map(function (h) { return docDetails(m, h.doc); })).then(function (details) {
      if (seq !== state.seq) return null;
      var items = details.map(function (d) { return renderResult(m, d, match); });
      if (replace) list.replaceChildren.apply(list, items);
      else items.forEach(function (li) { list.appendChild(li); });
      var first = items.length ? items[0].querySelector('a') : null;
      state.shown += slice.length;
      more.hidden = state.shown >= state.hits.length;
      return first;
    });
  }

  // run searches for q (in jurisdiction j) and renders the first page of
  // results; it resolves with the number of results.
  function run(q, j) {
    var seq = ++state.seq;
    q = q.trim();
    state.q = q;
    state.j = j || '';
    return manifest().then(function (m) {
      if (seq !== state.seq) return null;
      var groups = parse(m, q);
      state.groups = groups;
      if (!q) {
        list.replaceChildren();
        list.hidden = true;
        more.hidden = true;
        say('');
        document.title = baseTitle;
        return 0;
      }
      if (groups.length === 0) {
        list.replaceChildren();
        list.hidden = true;
        more.hidden = true;
        say('No results: “' + q + '” has only words too common to search for. Try a more specific word.');
        return 0;
      }
      var t0 = performance.now();
      return search(m, groups, state.j).then(function (hits) {
        if (seq !== state.seq) return null;
        state.hits = hits;
        state.shown = 0;
        var t1 = performance.now();
        return showMore(m, seq, true).then(function () {
          timing = { rank: t1 - t0, show: performance.now() - t1 };
          if (seq !== state.seq) return null;
          var where = state.j ? ' in ' + jurName(m, state.j) : '';
          var n = hits.length;
          list.hidden = n === 0;
          if (n === 0) say('No results for “' + q + '”' + where + '. Try fewer or different words' + (state.j ? ', or all jurisdictions.' : '.'));
          else say(n + (n === 1 ? ' result' : ' results') + ' for “' + q + '”' + where);
          document.title = '“' + q + '” – ' + baseTitle;
          return n;
        });
      });
    }).catch(function (e) {
      if (seq !== state.seq) return null;
      say('Search is not available right now: the search index could not be loaded. Try again later, or browse the sections from the menu.');
      throw e;
    });
  }

  // ---- wiring ----
  function syncURL() {
    var params = new URLSearchParams();
    if (input.value.trim()) params.set('q', input.value.trim());
    if (select && select.value) params.set('j', select.value);
    var qs = params.toString();
    history.replaceState(null, '', location.pathname + (qs ? '?' + qs : '') + location.hash);
  }

  function current() { return run(input.value, select ? select.value : ''); }
  function quiet(p) { p.catch(function () { /* reported in the status line */ }); }

  var timer = 0;
  input.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(function () { syncURL(); quiet(current()); }, 180);
  });
  if (select) select.addEventListener('change', function () { syncURL(); quiet(current()); });
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    clearTimeout(timer);
    syncURL();
    quiet(current());
  });
  more.addEventListener('click', function () {
    var seq = state.seq;
    quiet(manifest().then(function (m) { return showMore(m, seq, false); }).then(function (first) {
      if (first) first.focus();
    }));
  });
  // Arrow keys move from the field to the results and between them.
  list.addEventListener('keydown', function (e) {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    var links = Array.from(list.querySelectorAll('.result-title a'));
    var i = links.indexOf(document.activeElement);
    if (i < 0) return;
    e.preventDefault();
    if (e.key === 'ArrowDown' && i < links.length - 1) links[i + 1].focus();
    else if (e.key === 'ArrowUp') (i > 0 ? links[i - 1] : input).focus();
  });
  input.addEventListener('keydown', function (e) {
    if (e.key === 'ArrowDown') {
      var first = list.querySelector('.result-title a');
      if (first) { e.preventDefault(); first.focus(); }
    }
  });

  var params = new URLSearchParams(location.search);
  input.value = params.get('q') || '';
  if (select) {
    var j = params.get('j') || '';
    if (Array.from(select.options).some(function (o) { return o.value === j; })) select.value = j;
  }
  var ready = input.value.trim() ? current() : manifest();
  quiet(ready);

  // For tests and tools: the same normalization and search the page uses.
  window.guidepostSearch = {
    ready: ready.then(function () { return true; }, function () { return false; }),
    terms: function (text) {
      return manifest().then(function (m) {
        return words(text).map(function (w) { return normalize(m, w.word); }).filter(Boolean);
      });
    },
    timing: function () { return timing; },
    run: function (q, j) {
      input.value = q;
      if (select) select.value = j || '';
      syncURL();
      return run(q, j || '');
    }
  };
})();
