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
  var SOURCES = 'sources'; // the anchor of a page's sources (internal/search, Docs)

  var root = document.getElementById('search');
  if (!root) return;
  var form = root.querySelector('form');
  var input = document.getElementById('search-q');
  var select = document.getElementById('search-j');
  var status = document.getElementById('search-status');
  var announce = document.getElementById('search-announce');
  var list = document.getElementById('search-results');
  var more = document.getElementById('search-more');
  var baseTitle = document.title;
  var manifestURL = new URL(root.getAttribute('data-index'), location.href);

  // ---- loading, each file once ----
  // fileError is the error of a file of the index that could not be
  // loaded or read: its message names the file, its cause says why.
  function fileError(u, why) {
    var e = new Error(u + ': ' + (why && why.message ? why.message : String(why)));
    e.file = u;
    e.cause = why;
    return e;
  }
  var cache = new Map();
  function load(name) {
    var u = new URL(name, manifestURL).href;
    if (!cache.has(u)) {
      cache.set(u, fetch(u, { credentials: 'same-origin' }).then(function (r) {
        if (!r.ok) throw new Error('HTTP ' + r.status + (r.statusText ? ' ' + r.statusText : ''));
        return r.json();
      }).catch(function (e) { cache.delete(u); throw fileError(u, e); }));
    }
    return cache.get(u);
  }

  // report writes what made search fail to the console, for whoever
  // looks after the site: the reader sees only the status line.
  function report(e) {
    if (e && e.file) console.error('guidepost search failed: could not load ' + e.file + ': ' + (e.cause && e.cause.message ? e.cause.message : e.message), e.cause || e);
    else console.error('guidepost search failed:', e);
  }

  // name returns a file's published name from its name without the
  // extension and the manifest's tag for it (internal/search, nameTag).
  function name(stem, tag) { return tag === '' || tag.charAt(0) === '.' ? stem + tag + '.json' : tag; }

  var VERSION = 2; // of the index layout this script reads
  var index = null; // the manifest, with lookup tables added
  function manifest() {
    if (index) return Promise.resolve(index);
    return load(manifestURL.href).then(function (m) {
      if (index) return index;
      try {
        m = readManifest(m);
      } catch (e) {
        throw fileError(manifestURL.href, e);
      }
      index = m;
      preloadSmall(m);
      return m;
    });
  }

  // readManifest checks the manifest and adds lookup tables to it. A
  // field that is missing or null counts as empty — a site without
  // jurisdictions has none to list — so that only a manifest of another
  // layout, or one that is not an object, stops search.
  function readManifest(m) {
    if (!m || typeof m !== 'object' || Array.isArray(m)) throw new Error('the search index is not a JSON object');
    if (m.v !== VERSION) throw new Error('search index version ' + m.v + ', want ' + VERSION);
    function field(key, empty) {
      var v = m[key];
      if (v === undefined || v === null) return empty;
      if (typeof v !== typeof empty || Array.isArray(v) !== Array.isArray(empty)) throw new Error('"' + key + '" is ' + JSON.stringify(v).slice(0, 40) + ', not a ' + (Array.isArray(empty) ? 'list' : typeof empty));
      return v;
    }
    m.docs = field('docs', 0);
    m.chunk = field('chunk', 1) || 1;
    m.minPrefix = field('minPrefix', 3);
    m.shards = field('shards', {});
    m.files = field('files', []);
    m.tags = field('tags', '');
    m.jurisdictions = field('jurisdictions', []);
    m.stopSet = new Set(field('stop', '').split(' ').filter(Boolean));
    m.foldMap = new Map();
    field('fold', '').split(' ').forEach(function (item) {
      var chars = Array.from(item);
      if (chars.length) m.foldMap.set(chars[0], chars.slice(1).join(''));
    });
    m.keys = Object.keys(m.shards);
    m.shardFile = function (k) { return name('t/' + k, m.shards[k]); };
    // The tags of the document files: a list, or run together in one
    // string when each is a dot and more, or none when names were kept.
    var tags = m.files.length ? m.files : m.tags ? m.tags.split('.').slice(1).map(function (t) { return '.' + t; }) : null;
    m.docFile = function (n) { return name('d/' + n, tags ? tags[n] : ''); };
    m.jurBySlug = new Map();
    m.jurisdictions.forEach(function (j) { m.jurBySlug.set(j.slug, j); });
    return m;
  }

  // preloadSmall loads a small site's whole index — one shard, one
  // document file (internal/search, OneShardFile and OneDocFile) and the
  // jurisdictions' lists — once the page is idle, so the reader's first
  // query is as quick as the others and search, filter included, works
  // from then on without the network.
  var local = false; // the whole index is in the page
  function preloadSmall(m) {
    if (!hasOwn(m.shards, '') || m.chunk < m.docs) return;
    var idle = window.requestIdleCallback || function (fn) { return setTimeout(fn, 200); };
    idle(function () {
      var files = [load(m.shardFile(''))];
      if (m.docs > 0) files.push(load(m.docFile(0)));
      m.jurisdictions.forEach(function (j) { files.push(load(j.file)); });
      quiet(Promise.all(files).then(function () { local = true; }));
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
    for (var n = Math.min(Array.from(term).length, MAX_KEY_RUNES); n >= 0; n--) {
      var k = runes(term, n);
      if (hasOwn(m.shards, k)) return k;
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

  function hasOwn(o, k) { return Object.prototype.hasOwnProperty.call(o, k); }

  // DIGITS maps the characters of encoded postings to their values
  // (internal/search, postingDigits).
  var DIGITS = new Int8Array(128).fill(-1);
  'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'.split('').forEach(function (c, i) { DIGITS[c.charCodeAt(0)] = i; });

  // A group's scores: w[doc] is the document's weight (0: not matched),
  // docs[0 … size) the documents matched, in the order first seen.
  function newScores(n) { return { w: new Float64Array(n), docs: new Int32Array(n), size: 0 }; }

  // addPostings decodes a term's postings — (gap, weight) pairs of
  // varints of 5-bit groups, low group first, digits of 32 and over
  // saying more follow — keeping the larger weight of a document seen
  // before.
  function addPostings(sc, s, factor) {
    var w = sc.w;
    var doc = 0;
    var second = false;
    var v = 0;
    var mul = 1;
    for (var i = 0; i < s.length; i++) {
      var d = DIGITS[s.charCodeAt(i) & 127];
      if (d >= 32) { v += (d - 32) * mul; mul *= 32; continue; }
      v += d * mul;
      if (!second) {
        doc += v;
      } else {
        var x = v * factor;
        var prev = w[doc];
        if (prev === 0) { w[doc] = x; sc.docs[sc.size++] = doc; } else if (x > prev) w[doc] = x;
      }
      second = !second;
      v = 0;
      mul = 1;
    }
  }

  // idf is BM25's inverse document frequency (search.IDF in Go).
  function idf(df, n) { return Math.log(1 + (n - df + 0.5) / (df + 0.5)); }

  // groupScores returns doc → score for one word of the query: the
  // weight of its term, or for a partial word the best weight among the
  // terms it begins (slightly less for those), times the IDF of all the
  // documents matched. Scores are kept for the last few words, as a
  // reader refining a query repeats most of them.
  var scoreCache = new Map();
  var SCORE_CACHE = 8;
  function groupScores(m, g) {
    var id = g.term + '|' + g.prefix;
    var hit = scoreCache.get(id);
    if (hit) {
      scoreCache.delete(id); // most recently used last
      scoreCache.set(id, hit);
      return hit;
    }
    var p = Promise.all(shardKeys(m, g).map(function (k) { return load(m.shardFile(k)); })).then(function (shards) {
      var sc = newScores(m.docs);
      var expanded = 0;
      shards.forEach(function (shard) {
        if (g.term && hasOwn(shard, g.term)) addPostings(sc, shard[g.term], 1);
        if (!g.prefix) return;
        for (var t in shard) {
          if (t !== g.term && t.startsWith(g.prefix) && expanded < MAX_PREFIX_TERMS && hasOwn(shard, t)) {
            expanded++;
            addPostings(sc, shard[t], 0.9);
          }
        }
      });
      var f = idf(sc.size, m.docs);
      for (var i = 0; i < sc.size; i++) sc.w[sc.docs[i]] *= f;
      return sc;
    });
    scoreCache.set(id, p);
    p.catch(function () { if (scoreCache.get(id) === p) scoreCache.delete(id); });
    if (scoreCache.size > SCORE_CACHE) scoreCache.delete(scoreCache.keys().next().value);
    return p;
  }

  // decodeIds turns a jurisdiction's id gaps into a mark per document.
  function decodeIds(m, arr) {
    var out = new Uint8Array(m.docs);
    var id = 0;
    arr.forEach(function (gap) { id += gap; out[id] = 1; });
    return out;
  }

  // Ranked results: ids of the documents found, with total[id] their
  // scores. The order — best first, then by id — is made only as far as
  // pages are shown: the first page by picking the best, more by sorting
  // them all once.
  function Ranked(ids, total) {
    this.ids = ids;
    this.total = total;
    this.length = ids.length;
    this.sorted = false;
  }
  Ranked.prototype.before = function (a, b) { return this.total[b] - this.total[a] || a - b; };
  // page returns the ids ranked from … to-1, an array.
  Ranked.prototype.page = function (from, to) {
    var self = this;
    to = Math.min(to, this.length);
    if (from >= to) return [];
    if (!this.sorted && from === 0 && to * 16 < this.length) {
      var best = []; // sorted, at most to long
      for (var i = 0; i < this.length; i++) {
        var doc = this.ids[i];
        if (best.length === to && this.before(doc, best[to - 1]) >= 0) continue;
        var j = best.length;
        while (j > 0 && this.before(doc, best[j - 1]) < 0) j--;
        best.splice(j, 0, doc);
        if (best.length > to) best.pop();
      }
      return best;
    }
    if (!this.sorted) {
      this.ids.sort(function (a, b) { return self.before(a, b); });
      this.sorted = true;
    }
    return Array.from(this.ids.subarray(from, to));
  };

  // search returns the documents matching every group, as Ranked.
  function search(m, groups, jurisdiction) {
    var jur = jurisdiction ? m.jurBySlug.get(jurisdiction) : null;
    var filter = jur ? load(jur.file).then(function (arr) { return decodeIds(m, arr); }) : Promise.resolve(jurisdiction ? new Uint8Array(m.docs) : null);
    return Promise.all([Promise.all(groups.map(function (g) { return groupScores(m, g); })), filter]).then(function (r) {
      var scores = r[0].slice().sort(function (a, b) { return a.size - b.size; });
      var allowed = r[1];
      if (scores.length === 0) return new Ranked(new Int32Array(0), null);
      var first = scores[0];
      var total = new Float64Array(m.docs);
      var hits = new Int32Array(first.size);
      var n = 0;
      outer: for (var k = 0; k < first.size; k++) {
        var doc = first.docs[k];
        if (allowed && !allowed[doc]) continue;
        var sum = first.w[doc];
        for (var i = 1; i < scores.length; i++) {
          var s = scores[i].w[doc];
          if (s === 0) continue outer;
          sum += s;
        }
        total[doc] = sum;
        hits[n++] = doc;
      }
      return new Ranked(hits.subarray(0, n), total);
    });
  }

  // ---- documents ----
  // docDetails loads a document's entry: one request, for the file of
  // chunk documents that holds it.
  function docDetails(m, id) {
    return load(m.docFile(Math.floor(id / m.chunk))).then(function (chunk) {
      var e = Array.isArray(chunk) ? chunk[id % m.chunk] : null;
      if (!e || typeof e !== 'object') throw fileError(new URL(m.docFile(Math.floor(id / m.chunk)), manifestURL).href, new Error('no document ' + id));
      return { id: id, meta: e, sections: Array.isArray(e.x) ? e.x : [] };
    });
  }

  // ---- excerpts ----
  // wordForms caches each word's term and folded form for all queries:
  // result texts share most of their words.
  var wordForms = new Map();
  function forms(m, word) {
    var f = wordForms.get(word);
    if (f === undefined) {
      if (wordForms.size > 50000) wordForms.clear();
      f = { term: normalize(m, word), folded: fold(m, word) };
      wordForms.set(word, f);
    }
    return f;
  }

  function matcher(m, groups) {
    var memo = new Map();
    return function (word) {
      if (memo.has(word)) return memo.get(word);
      var f = forms(m, word);
      var term = f.term;
      var folded = f.folded;
      var hit = -1;
      groups.forEach(function (g, i) {
        if (hit >= 0) return;
        if ((g.term && term === g.term) || (g.prefix && (folded.startsWith(g.prefix) || (term && term.startsWith(g.prefix))))) hit = i;
      });
      memo.set(word, hit);
      return hit;
    };
  }

  // sectionHits scans a section's text for the query's words, keeping
  // only what a window needs: how many words there are, and the place and
  // query word of each that matches, as pairs in one array.
  function sectionHits(text, match) {
    var re = new RegExp(WORD.source, 'gu');
    var at = [];
    var n = 0;
    var found;
    while ((found = re.exec(text)) !== null) {
      var g = match(found[0]);
      if (g >= 0) at.push(n, g);
      n++;
    }
    return { n: n, at: at };
  }

  // bestWindow finds the run of WINDOW words with the most distinct query
  // words, then the most matches: a run starts four words before a match.
  function bestWindow(h) {
    var best = { start: 0, distinct: 0, count: 0 };
    var at = h.at;
    var from = 0; // the first match at or after the run's start
    for (var k = 0; k < at.length; k += 2) {
      var start = Math.max(0, at[k] - 4);
      var end = Math.min(h.n, start + WINDOW);
      while (at[from] < start) from += 2;
      var seen = new Set();
      var count = 0;
      for (var q = from; q < at.length && at[q] < end; q += 2) {
        seen.add(at[q + 1]);
        count++;
      }
      if (seen.size > best.distinct || (seen.size === best.distinct && count > best.count)) best = { start: start, distinct: seen.size, count: count };
    }
    return best;
  }

  // excerpt picks the section that best matches and the words to show from
  // it: {section, parts: [{text, mark}]} — parts are plain strings, put on
  // the page as text nodes. Only the chosen section is split into words.
  function excerpt(sections, match) {
    var best = null;
    sections.forEach(function (s, i) {
      var win = bestWindow(sectionHits(s[2], match));
      var headHits = new Set();
      words(s[0]).forEach(function (w) {
        var g = match(w.word);
        if (g >= 0) headHits.add(g);
      });
      var rank = win.distinct * 100 + headHits.size * 60 + Math.min(win.count, 20) - i * 0.01;
      // A page's list of sources repeats the names a query looks for
      // (HIPAA, WhatsApp, HHS) in title after title: it is the excerpt
      // only when no other section matches as many of the query's words.
      if (s[1] === SOURCES) rank -= 25;
      if (!best || rank > best.rank) best = { rank: rank, section: s, win: win };
    });
    if (!best) return null;
    var text = best.section[2];
    var ws = words(text);
    if (ws.length === 0) return { section: best.section, parts: [] };
    var hits = ws.map(function (w) { return match(w.word); });
    var from = best.win.start;
    // Do not start inside a word such as "patient's" at its "s".
    while (from > 0 && from < ws.length - 1 && hits[from] < 0 && /^['’]$/.test(text.slice(ws[from - 1].end, ws[from].start))) from++;
    var to = Math.min(ws.length, from + WINDOW);
    var parts = [];
    if (from > 0) parts.push({ text: '… ', mark: false });
    var pos = ws[from].start;
    if (from === 0) pos = 0;
    for (var i = from; i < to; i++) {
      if (hits[i] < 0) continue;
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

  // sitePath returns u when it is a path of this site ("/kb/guidance/"),
  // else null: the index holds only such paths, so anything else
  // (javascript:, //other-host/, …) did not come from the build.
  function sitePath(u) {
    if (typeof u !== 'string' || !/^\/(?![\/\\])/.test(u) || /[\u0000-\u001f\u007f-\u009f\\]/.test(u)) return null;
    return u;
  }

  function renderResult(m, d, match) {
    var li = el('li', 'search-result');
    var ex = excerpt(d.sections, match);
    var href = sitePath(d.meta.u);
    if (href && ex && ex.section[1]) href += '#' + ex.section[1];
    if (d.meta.c) li.appendChild(el('p', 'result-context', d.meta.c));
    var h = el('h2', 'result-title');
    // A result that is not a page of this site is shown without a link.
    var a = el(href ? 'a' : 'span');
    if (href) a.href = href;
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
        var j = m.jurisdictions[i];
        if (!j) return;
        var t = el('li');
        t.appendChild(el('span', 'tag', j.name));
        tags.appendChild(t);
      });
      if (tags.firstChild) li.appendChild(tags);
    }
    return li;
  }

  // timing is of the last search: ms to find and rank the results, ms
  // to show the first page of them, and of that ms until the last of
  // their files arrived.
  var timing = null;
  var loaded = 0; // when the last file of a page of results arrived
  var state = { seq: 0, hits: new Ranked(new Int32Array(0), null), shown: 0, groups: [], q: '', j: '' };

  function jurName(m, slug) {
    var j = m.jurBySlug.get(slug);
    if (j) return j.name;
    if (select && select.selectedOptions[0]) return select.selectedOptions[0].textContent;
    return slug;
  }

  // say shows text in the status line and has screen readers announce
  // it: at once, or for a search started by typing once typing has
  // paused for ANNOUNCE_PAUSE ms, so results that follow the keys do not
  // read out a count for every letter.
  var ANNOUNCE_PAUSE = 1000;
  var announceTimer = 0;
  function say(text, typed) {
    status.textContent = text;
    clearTimeout(announceTimer);
    if (typed) announceTimer = setTimeout(function () { announce.textContent = text; }, ANNOUNCE_PAUSE);
    else announce.textContent = text;
  }

  // showMore renders the next page of results — replacing the list when
  // replace is set — and returns the first new result's link. It asks
  // for all their files at once and draws each result as its file
  // arrives, while the others are still on their way; the list changes
  // once, when all are drawn.
  function showMore(m, seq, replace) {
    var slice = state.hits.page(state.shown, state.shown + PAGE);
    var match = matcher(m, state.groups);
    var items = new Array(slice.length);
    loaded = performance.now();
    return Promise.all(slice.map(function (doc, i) {
      return docDetails(m, doc).then(function (d) {
        loaded = performance.now();
        if (seq === state.seq) items[i] = renderResult(m, d, match);
      });
    })).then(function () {
      if (seq !== state.seq) return null;
      if (replace) list.replaceChildren.apply(list, items);
      else items.forEach(function (li) { list.appendChild(li); });
      var first = items.length ? items[0].querySelector('a') : null;
      state.shown += slice.length;
      more.hidden = state.shown >= state.hits.length;
      return first;
    });
  }

  // run searches for q (in jurisdiction j) and renders the first page of
  // results; it resolves with the number of results. typed says typing
  // started it (see say).
  function run(q, j, typed) {
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
        say('', typed);
        document.title = baseTitle;
        return 0;
      }
      if (groups.length === 0) {
        list.replaceChildren();
        list.hidden = true;
        more.hidden = true;
        say('No results: “' + q + '” has only words too common to search for. Try a more specific word.', typed);
        document.title = baseTitle;
        return 0;
      }
      var t0 = performance.now();
      return search(m, groups, state.j).then(function (hits) {
        if (seq !== state.seq) return null;
        state.hits = hits;
        state.shown = 0;
        var t1 = performance.now();
        return showMore(m, seq, true).then(function () {
          var t2 = performance.now();
          timing = { rank: t1 - t0, show: t2 - t1, load: loaded - t1 };
          if (seq !== state.seq) return null;
          var where = state.j ? ' in ' + jurName(m, state.j) : '';
          var n = hits.length;
          list.hidden = n === 0;
          if (n === 0) say('No results for “' + q + '”' + where + '. Try fewer or different words' + (state.j ? ', or all jurisdictions.' : '.'), typed);
          else say(n + (n === 1 ? ' result' : ' results') + ' for “' + q + '”' + where, typed);
          document.title = '“' + q + '” – ' + baseTitle;
          return n;
        });
      });
    }).catch(function (e) {
      if (seq !== state.seq) return null;
      report(e);
      unavailable();
      throw e;
    });
  }

  // unavailable tells the reader that search failed; report has said
  // why in the console.
  function unavailable() {
    say('Search is not available right now: the search index could not be loaded. Try again later, or browse the sections from the menu.');
  }

  // ---- wiring ----
  // syncURL puts the query searched for in the page's address, once its
  // results are shown: the browser's work for that then does not delay
  // the requests for them.
  function syncURL(q, j) {
    var params = new URLSearchParams();
    if (q) params.set('q', q);
    if (j) params.set('j', j);
    var qs = params.toString();
    history.replaceState(null, '', location.pathname + (qs ? '?' + qs : '') + location.hash);
  }

  // current searches for what the form holds; typed says typing started
  // the search.
  function current(typed) { return runAndSync(input.value.trim(), select ? select.value : '', typed); }
  function runAndSync(q, j, typed) {
    return run(q, j, typed).then(function (n) {
      if (n !== null) syncURL(q, j);
      return n;
    }, function (e) {
      syncURL(q, j);
      throw e;
    });
  }
  function quiet(p) { p.catch(function () { /* reported in the status line */ }); }

  // prefetch starts loading the shards of the words typed so far that
  // are complete (followed by a space), while the input waits to settle.
  function prefetch(q) {
    if (!index) return;
    var groups = parse(index, q);
    if (!/\s$/.test(q)) groups = groups.slice(0, -1);
    groups.forEach(function (g) {
      if (!g.term) return;
      var k = shardKey(index, g.term);
      if (k !== null) quiet(load(index.shardFile(k)));
    });
  }

  // typingDelay is how long typing must pause before the page searches:
  // 180 ms, so that a query loads files only once the reader has paused;
  // 60 ms when the whole index is in the page and the last word is
  // complete or long enough to match the words it begins, so the results
  // follow the keys without showing "No results" for a word's first
  // letters.
  function typingDelay(q) {
    if (!local) return 180;
    var ws = words(q);
    var last = ws.length ? ws[ws.length - 1].word : '';
    return /\s$/.test(q) || Array.from(last).length >= index.minPrefix ? 60 : 180;
  }

  var timer = 0;
  input.addEventListener('input', function () {
    prefetch(input.value);
    clearTimeout(timer);
    timer = setTimeout(function () { quiet(current(true)); }, typingDelay(input.value));
  });
  if (select) select.addEventListener('change', function () { quiet(current()); });
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    clearTimeout(timer);
    quiet(current());
  });
  more.addEventListener('click', function () {
    var seq = state.seq;
    quiet(manifest().then(function (m) { return showMore(m, seq, false); }).then(function (first) {
      if (first) first.focus();
    }, function (e) {
      if (seq !== state.seq) return;
      report(e);
      unavailable();
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
  var ready = input.value.trim() ? run(input.value, select ? select.value : '') : manifest();
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
    // whether a small site's whole index is in the page (preloadSmall)
    local: function () { return local; },
    run: function (q, j) {
      input.value = q;
      if (select) select.value = j || '';
      return runAndSync(q.trim(), j || '');
    }
  };
})();
