// @ts-check
// guidepost search: queries the static index the build writes under
// /search/ (package internal/search describes its files). Runs entirely in
// the browser; no query leaves it. Without JavaScript the page explains
// that search needs it and links the section lists instead.
//
// Normalization mirrors internal/search (normalize.go, language.go): the
// language, its stop words and the fold table come from the manifest; the
// stemmer is the language's Snowball stemmer from js/snowball-<code>.js,
// the only one the search page loads, before this script; the tokenizing rules below
// must match the Go code (TestGoAndJavaScriptAgree runs both on the same
// text under Node, and a browser test checks the page agrees).
//
// An ES module (the layout loads it with type="module", after the classic
// script snowball-<code>.js); its DOM and string helpers are dom.js's. Besides
// running the page, it exports its normalization (textTerms, lens) and
// the page's search (page) for tests and tools, which import it: nothing
// of it is a global.

import { el, readStrings, translator } from './dom.js';

/**
 * The search index's manifest, search/index.json (internal/search,
 * manifest), as the build writes it; a field missing or null counts as
 * empty. readManifest adds the fields of Index to it.
 * @typedef {Object} Manifest
 * @property {number} v the version of the index's layout (VERSION)
 * @property {number} docs how many documents (pages and their sections) there are
 * @property {number[]} docPacks how many documents each pack of documents holds
 * @property {string} lens each document's entry length, "" for a site of one document pack
 * @property {number} lensUnit the bytes of a unit of the lens's lengths
 * @property {number} minPrefix letters a partial last word needs to match the terms it begins
 * @property {Object<string, [number, number, number]>} shards
 *   the shard of terms that begin with each key: [pack, first byte, length]
 * @property {string[]} files the tag of each pack's name (see name), or
 * @property {string} tags the tags run together, when each is a dot and more
 * @property {Jurisdiction[]} jurisdictions
 * @property {string} lang the language of the site
 * @property {string} [stem] its Snowball stemmer, in snowball-<stem>.js, "" for none
 * @property {string} [stop] its stop words, separated by spaces
 * @property {string} [fold] its fold table: items of a character and what it folds to
 */

/**
 * A jurisdiction a search can be narrowed to; its file lists the
 * documents about it, as gaps between ids.
 * @typedef {{slug: string, name: string, file: string}} Jurisdiction
 */

/**
 * The manifest with what readManifest adds.
 * @typedef {Manifest & IndexTables} Index
 */

/**
 * @typedef {Object} IndexTables
 * @property {Analyzer} text the language's normalization
 * @property {string[]} keys the shards' keys
 * @property {(n: number) => string} packURL the URL of pack n
 * @property {Int32Array} packStart the first document of each pack
 * @property {boolean} small whether the whole index is read at once
 * @property {Map<string, Jurisdiction>} jurBySlug
 * @property {Promise<unknown>} [allDocs] a small site's one pack of documents, once
 *   read: the list of their DocJSON
 * @property {Promise<Lens> | null} [lensTable] the lens, decoded (lensTable)
 */

/**
 * Where each document's entry is in its pack: off[id] its first byte,
 * len[id] its length.
 * @typedef {{off: Int32Array, len: Int32Array}} Lens
 */

/**
 * A document's entry in its pack (internal/search, packEntries): its URL,
 * title, context (the section it is in), summary, jurisdictions (indexes)
 * and sections.
 * @typedef {{u: string, t: string, c?: string, s?: string, j?: number[], x?: Section[]}} DocJSON
 */

/**
 * A document of a pack: a page, or a section of one.
 * @typedef {Object} DocEntry
 * @property {number} id
 * @property {DocJSON} meta
 * @property {Section[]} sections
 */

/**
 * A section of a document: heading, anchor and text.
 * @typedef {[string, string, string]} Section
 */

/**
 * A language's normalization (mirrors internal/search, normalize.go).
 * @typedef {Object} Analyzer
 * @property {Set<string>} stopSet
 * @property {(word: string) => string} fold the word lowered and folded
 * @property {(word: string) => string} normalize its term, "" for a word not indexed
 */

/**
 * A token of a text (words): a word, or a part of one, and where it is.
 * @typedef {Object} Token
 * @property {string} word
 * @property {number} start
 * @property {number} end
 * @property {boolean} pair whether it is of a script written without spaces
 * @property {boolean} one whether it is such a script's lone character
 */

/**
 * A word of a query (parse): the term it must match, the folded word
 * whose terms it also matches when it may be partial (else ""), and the
 * term found for such a word that begins none (stemOf).
 * @typedef {{term: string, prefix: string, stem?: string}} Group
 */

/**
 * A group's scores (newScores).
 * @typedef {{w: Float64Array, docs: Int32Array, size: number, stem: string}} Scores
 */

var PAGE = 10; // results shown at a time
var WINDOW = 28; // words in an excerpt
var MAX_PREFIX_TERMS = 64; // terms a partial last word may expand to
var WORD = /[\p{L}\p{M}\p{N}]+/gu;
var NUMBER = /^\p{N}+$/u;
var MAX_KEY_RUNES = 8;
var SOURCES = 'sources'; // the anchor of a page's sources (internal/search, Docs)

// ---- words (mirrors language.go) ----
// Letters of the scripts written without spaces are indexed as
// overlapping pairs of characters; the classes are numbered as in Go.
var PAIR_SCRIPTS = [/\p{Script=Han}/u, /\p{Script=Hiragana}/u, /\p{Script=Katakana}/u, /\p{Script=Hangul}/u,
  /\p{Script=Thai}/u, /\p{Script=Lao}/u, /\p{Script=Khmer}/u, /\p{Script=Myanmar}/u];
var HIRAGANA = 2;
var KATAKANA = 3;
var MARK = /^\p{M}$/u;
/**
 * @param {number} cp
 * @param {string} ch
 */
function scriptClass(cp, ch) {
  if (cp < 0x0E00) return 0;
  for (var i = 0; i < PAIR_SCRIPTS.length; i++) if (PAIR_SCRIPTS[i].test(ch)) return i + 1;
  return 0;
}
/** @param {number} cp */
function prolonged(cp) { return cp === 0x30FC || cp === 0xFF70; }
// pairWord reports whether a token is of a script written without
// spaces: such a token is one character or a pair.
/** @param {string} word */
function pairWord(word) {
  var cp = /** @type {number} */ (word.codePointAt(0)); // a token is not empty
  return cp >= 0x0E00 && (prolonged(cp) || scriptClass(cp, String.fromCodePoint(cp)) !== 0);
}
// splitWord adds the tokens of one word (a run of letters, marks and
// numbers at start in its text) to out: the word whole, or split by
// script, a run of a script without spaces as overlapping pairs of
// characters (a character with its marks), a lone character alone.
/**
 * @param {string} word
 * @param {number} start
 * @param {Token[]} out
 */
function splitWord(word, start, out) {
  var plain = true;
  for (var k = 0; k < word.length; k++) {
    if (word.charCodeAt(k) >= 0x0E00) { plain = false; break; }
  }
  if (plain) { out.push({ word: word, start: start, end: start + word.length, pair: false, one: false }); return; }
  var cls = -1;
  var segStart = 0;
  /** @type {number[]} */
  var units = [];
  /**
   * @param {number} from
   * @param {number} to
   * @param {boolean} pair
   * @param {boolean} one
   */
  function push(from, to, pair, one) { out.push({ word: word.slice(from, to), start: start + from, end: start + to, pair: pair, one: one }); }
  /** @param {number} at */
  function flush(at) {
    if (cls === 0) push(segStart, at, false, false);
    else if (cls > 0 && units.length === 1) push(units[0], at, true, true);
    else if (cls > 0) {
      for (var u = 0; u + 1 < units.length; u++) push(units[u], u + 2 < units.length ? units[u + 2] : at, true, false);
    }
    units = [];
  }
  for (var i = 0; i < word.length;) {
    var cp = /** @type {number} */ (word.codePointAt(i));
    var ch = String.fromCodePoint(cp);
    var n = ch.length;
    var c;
    if (MARK.test(ch)) {
      if (cls >= 0) { i += n; continue; } // belongs to the character before it
      c = 0;
    } else if (prolonged(cp)) {
      c = cls === HIRAGANA ? HIRAGANA : KATAKANA;
    } else {
      c = scriptClass(cp, ch);
    }
    if (c !== cls) { flush(i); cls = c; segStart = i; }
    if (c !== 0) units.push(i);
    i += n;
  }
  flush(word.length);
}
// words returns the tokens of text: {word, start, end, pair, one}, pair
// for the tokens of a script without spaces (one: a lone character).
/** @param {string} text */
function words(text) {
  /** @type {Token[]} */
  var out = [];
  var re = new RegExp(WORD.source, 'gu');
  var match;
  while ((match = re.exec(text)) !== null) splitWord(match[0], match.index, out);
  return out;
}

// lower lower-cases as Go does: final sigma is sigma, and a lowered İ
// has no combining dot.
/** @param {string} word */
function lower(word) { return word.toLowerCase().replace(/ς/g, 'σ').replace(/\u0307/g, ''); }
/**
 * @param {Map<string, string>} foldMap
 * @param {string} w
 */
function foldLower(foldMap, w) {
  var out = '';
  for (var ch of w) {
    var f = foldMap.get(ch);
    out += f === undefined ? ch : f;
  }
  return out;
}
// analyzer returns the normalization of a language: stemCode names its
// stemmer, in js/snowball-<stemCode>.js ("" for none), stop is its stop words and
// fold the fold table, as the manifest gives them.
/**
 * @param {string} stemCode
 * @param {string} stop
 * @param {string} fold
 * @returns {Analyzer}
 */
function analyzer(stemCode, stop, fold) {
  /** @type {Map<string, string>} */
  var foldMap = new Map();
  fold.split(' ').forEach(function (item) {
    var chars = Array.from(item);
    if (chars.length) foldMap.set(chars[0], chars.slice(1).join(''));
  });
  var stopSet = new Set(stop.split(' ').filter(Boolean));
  /** @type {((word: string) => string) | null} */
  var stem = null;
  if (stemCode) {
    stem = typeof /** @type {any} */ (globalThis).guidepostSnowball === 'function' ? /** @type {any} */ (globalThis).guidepostSnowball(stemCode) : null;
    if (!stem) throw new Error('no stemmer for language "' + stemCode + '": the search page must load js/snowball-' + stemCode + '.js before js/search.js');
  }
  var foldFirst = stemCode === 'en'; // English's stemmer knows only a-z
  return {
    stopSet: stopSet,
    fold: function (word) { return foldLower(foldMap, lower(word)); },
    normalize: function (word) {
      var lw = lower(word);
      var w = foldLower(foldMap, lw);
      if (pairWord(word)) return w;
      var n = Array.from(w).length;
      if (n > 40 || (n < 2 && !NUMBER.test(w)) || stopSet.has(w)) return '';
      if (stem) w = foldFirst ? stem(w) : foldLower(foldMap, stem(lw));
      return w === '' || stopSet.has(w) ? '' : w;
    }
  };
}
// ---- packs (mirrors internal/search, manifest) ----
// DIGITS maps the characters of encoded postings to their values
// (internal/search, postingDigits).
var DIGITS = new Int8Array(128).fill(-1);
'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'.split('').forEach(function (c, i) { DIGITS[c.charCodeAt(0)] = i; });
// decodeLens reads the manifest's lens, s: the length of each document's
// entry in units of unit bytes, as varints in posting digits. It returns
// where each entry is in its pack — off[id] its first byte, len[id] its
// length, padding included — given how many documents each pack
// holds, or null when s does not give docs lengths.
/**
 * @param {number[]} docPacks
 * @param {number} docs
 * @param {number} unit
 * @param {string} s
 * @returns {{off: Int32Array, len: Int32Array} | null}
 */
function decodeLens(docPacks, docs, unit, s) {
  var off = new Int32Array(docs);
  var len = new Int32Array(docs);
  var id = 0;
  var pack = 0;
  var end = docPacks.length ? docPacks[0] : 0; // the first document of the next pack
  var at = 0;
  var v = 0;
  var mul = 1;
  for (var i = 0; i < s.length; i++) {
    var d = DIGITS[s.charCodeAt(i) & 127];
    if (d < 0 || id >= docs) return null;
    if (d >= 32) { v += (d - 32) * mul; mul *= 32; continue; }
    v = (v + d * mul) * unit;
    while (id >= end && pack + 1 < docPacks.length) { pack++; end += docPacks[pack]; at = 0; }
    off[id] = at;
    len[id] = v;
    at += v;
    id++;
    v = 0;
    mul = 1;
  }
  return id === docs && mul === 1 ? { off: off, len: len } : null;
}

// inflate returns the text of b: one gzip member, decompressed with the
// browser's DecompressionStream, or, when b does not begin with gzip's
// magic bytes (1f 8b), b as UTF-8.
/**
 * @param {Uint8Array} b
 * @returns {Promise<string>}
 */
export function inflate(b) {
  if (b.length < 2 || b[0] !== 0x1f || b[1] !== 0x8b) return Promise.resolve(new TextDecoder().decode(b));
  if (typeof DecompressionStream !== 'function') return Promise.reject(new Error('this browser has no DecompressionStream to read the compressed index with'));
  return new Response(new Blob([/** @type {Uint8Array<ArrayBuffer>} */ (b)]).stream().pipeThrough(new DecompressionStream('gzip'))).text().catch(function (e) {
    throw new Error('not a valid gzip member (' + (e && e.message ? e.message : String(e)) + ')');
  });
}

/**
 * textTerms returns the words of text with their terms, normalized as
 * the index of a language normalizes them (TestGoAndJavaScriptAgree
 * runs it under Node).
 * @param {{stem?: string, stop?: string, fold?: string}} m the manifest's fields of the language
 * @param {string} text
 * @returns {Array<[string, string]>} [word, term], term "" for a word not indexed
 */
export function textTerms(m, text) {
  var a = analyzer(m.stem || '', m.stop || '', m.fold || '');
  return words(text).map(function (w) { return /** @type {[string, string]} */ ([w.word, w.pair ? a.fold(w.word) : a.normalize(w.word)]); });
}

/**
 * lens returns where each document's entry is in its pack, as read from
 * the manifest's lens s, or null when s does not fit the manifest.
 * @param {{docPacks: number[], docs: number, lensUnit: number}} m
 * @param {string} s
 * @returns {Array<[number, number]> | null} [offset, length] by document
 */
export function lens(m, s) {
  const t = decodeLens(m.docPacks, m.docs, m.lensUnit, s);
  return t ? Array.from(t.off, function (off, id) { return /** @type {[number, number]} */ ([off, t.len[id]]); }) : null;
}

/**
 * Search: what the page's form does, for tests and tools.
 * @typedef {Object} Search
 * @property {Promise<boolean>} ready resolves when the index has loaded (false: it could not)
 * @property {(text: string) => Promise<string[]>} terms the terms of text, as a query
 * @property {() => ({rank: number, show: number, load: number} | null)} timing
 *   of the last search: ms to find and rank the results, ms to show the
 *   first page of them, and of that ms until the last of their files arrived
 * @property {() => boolean} local whether a small site's whole index is in the page
 * @property {(q: string, j?: string) => Promise<number | null>} run
 *   searches as the form does; resolves with the number of results
 */

/**
 * main runs the search page, if this is one.
 * @returns {Search | null}
 */
function main() {
  var root = document.getElementById('search');
  if (!root) return null;
  var { t } = translator(readStrings('guidepost search'), 'guidepost search');
  // The layout (layouts/search.html) writes these, all but the select.
  var form = /** @type {HTMLFormElement} */ (root.querySelector('form'));
  var input = /** @type {HTMLInputElement} */ (document.getElementById('search-q'));
  var select = /** @type {HTMLSelectElement | null} */ (document.getElementById('search-j'));
  var status = /** @type {HTMLElement} */ (document.getElementById('search-status'));
  var announce = /** @type {HTMLElement} */ (document.getElementById('search-announce'));
  var list = /** @type {HTMLElement} */ (document.getElementById('search-results'));
  var more = /** @type {HTMLElement} */ (document.getElementById('search-more'));
  var baseTitle = document.title;
  var manifestURL = new URL(/** @type {string} */ (root.getAttribute('data-index')), location.href);

  // ---- loading, each file once ----
  // fileError is the error of a file of the index that could not be
  // loaded or read: its message names the file, its cause says why.
  /**
   * @param {string} u
   * @param {any} why what was thrown
   */
  function fileError(u, why) {
    /** @type {Error & {file?: string, cause?: unknown}} */
    var e = new Error(u + ': ' + (why && why.message ? why.message : String(why)));
    e.file = u;
    e.cause = why;
    return e;
  }
  /** @type {Map<string, Promise<any>>} */
  var cache = new Map(); // URL → promise of its JSON
  /**
   * @param {string} name
   * @returns {Promise<any>}
   */
  function load(name) {
    var u = new URL(name, manifestURL).href;
    if (!cache.has(u)) {
      cache.set(u, fetch(u, { credentials: 'same-origin' }).then(function (r) {
        if (!r.ok) throw new Error('HTTP ' + r.status + (r.statusText ? ' ' + r.statusText : ''));
        return r.json();
      }).catch(function (e) { cache.delete(u); throw fileError(u, e); }));
    }
    return /** @type {Promise<any>} */ (cache.get(u));
  }

  // report writes what made search fail to the console, for whoever
  // looks after the site: the reader sees only the status line.
  /** @param {any} e what was thrown: a fileError, or another error */
  function report(e) {
    if (e && e.file) console.error('guidepost search failed: could not load ' + e.file + ': ' + (e.cause && e.cause.message ? e.cause.message : e.message), e.cause || e);
    else console.error('guidepost search failed:', e);
  }

  // name returns a file's published name from its name without the
  // extension and the manifest's tag for it (internal/search, nameTag).
  /**
   * @param {string} stem
   * @param {string} tag
   * @param {string} ext
   */
  function name(stem, tag, ext) { return tag === '' || tag.charAt(0) === '.' ? stem + tag + ext : tag; }

  // ---- packs: documents and shards, read by byte ranges ----
  // A pack is its entries' gzip members one after the other
  // (internal/search, gzip.go); the manifest and its lens say where
  // each entry's bytes are, and each decompresses alone (parseBytes). A big
  // site's reader fetches an entry as a range of its pack; when the
  // server sends the whole pack instead (it ignores Range), the pack is
  // kept and later entries are sliced from it. A small site's packs are
  // loaded whole.
  /** @type {Map<string, Promise<Uint8Array>>} */
  var packs = new Map(); // URL → promise of a whole pack's bytes
  /** @type {Map<string, Promise<Uint8Array>>} */
  var ranges = new Map(); // URL#range → promise of its bytes
  /** @param {string} u */
  function loadPack(u) {
    if (!packs.has(u)) {
      packs.set(u, fetch(u, { credentials: 'same-origin' }).then(function (r) {
        if (!r.ok) throw new Error('HTTP ' + r.status + (r.statusText ? ' ' + r.statusText : ''));
        return r.arrayBuffer();
      }).then(function (buf) { return new Uint8Array(buf); }).catch(function (e) { packs.delete(u); throw fileError(u, e); }));
    }
    return /** @type {Promise<Uint8Array>} */ (packs.get(u));
  }
  // loadBytes returns len bytes of the pack at u from byte off.
  /**
   * @param {string} u
   * @param {number} off
   * @param {number} len
   * @param {boolean} whole
   * @returns {Promise<Uint8Array>}
   */
  function loadBytes(u, off, len, whole) {
    if (whole || packs.has(u)) {
      return loadPack(u).then(function (b) {
        if (off + len > b.length) throw fileError(u, new Error('no bytes ' + off + '+' + len + ' in its ' + b.length));
        return b.subarray(off, off + len);
      });
    }
    var key = u + '#' + off + '+' + len;
    if (!ranges.has(key)) {
      ranges.set(key, fetch(u, { credentials: 'same-origin', headers: { Range: 'bytes=' + off + '-' + (off + len - 1) } }).then(function (r) {
        if (!r.ok) throw new Error('HTTP ' + r.status + (r.statusText ? ' ' + r.statusText : ''));
        if (r.status !== 206) { // the whole pack: keep it
          var all = r.arrayBuffer().then(function (buf) { return new Uint8Array(buf); });
          packs.set(u, all);
          all.catch(function () { packs.delete(u); });
          return all.then(function (b) { return b.subarray(off, off + len); });
        }
        var got = /^bytes (\d+)-/.exec(r.headers.get('Content-Range') || '');
        if (got && Number(got[1]) !== off) throw new Error('asked for bytes from ' + off + ', got ' + r.headers.get('Content-Range'));
        return r.arrayBuffer().then(function (buf) {
          if (buf.byteLength !== len) throw new Error('asked for ' + len + ' bytes from ' + off + ', got ' + buf.byteLength);
          return new Uint8Array(buf);
        });
      }).catch(function (e) { ranges.delete(key); throw e && e.file ? e : fileError(u, e); }));
    }
    return /** @type {Promise<Uint8Array>} */ (ranges.get(key));
  }
  // parseBytes returns the JSON of an entry of a pack: one gzip member
  // (internal/search, gzip.go), decompressed alone, or plain JSON when the
  // bytes do not begin with gzip's magic bytes (a host that sent the
  // whole pack decompressed).
  /**
   * @param {string} u
   * @param {Uint8Array} b
   * @returns {Promise<any>} its JSON
   */
  function parseBytes(u, b) {
    return inflate(b).then(function (text) { return JSON.parse(text); }).catch(function (e) { throw fileError(u, e); });
  }

  var VERSION = 6; // of the index layout this script reads
  /** @type {Index | null} */
  var index = null; // the manifest, with lookup tables added
  /** @returns {Promise<Index>} */
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
  /**
   * @param {any} m the manifest's JSON
   * @returns {Index}
   */
  function readManifest(m) {
    if (!m || typeof m !== 'object' || Array.isArray(m)) throw new Error('the search index is not a JSON object');
    if (m.v !== VERSION) throw new Error('search index version ' + m.v + ', want ' + VERSION);
    /**
     * @template T
     * @param {string} key
     * @param {T} empty
     * @returns {T}
     */
    function field(key, empty) {
      var v = m[key];
      if (v === undefined || v === null) return empty;
      if (typeof v !== typeof empty || Array.isArray(v) !== Array.isArray(empty)) throw new Error('"' + key + '" is ' + JSON.stringify(v).slice(0, 40) + ', not a ' + (Array.isArray(empty) ? 'list' : typeof empty));
      return v;
    }
    m.docs = field('docs', 0);
    m.docPacks = field('docPacks', []);
    m.lens = field('lens', '');
    m.lensUnit = field('lensUnit', 1);
    if (!(m.lensUnit >= 1)) throw new Error('"lensUnit" is ' + m.lensUnit + ', not a positive number');
    m.minPrefix = field('minPrefix', 3);
    m.shards = field('shards', {});
    m.files = field('files', []);
    m.tags = field('tags', '');
    m.jurisdictions = field('jurisdictions', []);
    m.lang = field('lang', '');
    m.text = analyzer(field('stem', ''), field('stop', ''), field('fold', ''));
    m.keys = Object.keys(m.shards);
    // The tags of the packs: a list, or run together in one string when
    // each is a dot and more, or none when names were kept.
    var tags = m.files.length ? m.files : m.tags ? m.tags.split('.').slice(1).map(function (/** @type {string} */ t) { return '.' + t; }) : null;
    m.packURL = function (/** @type {number} */ n) { return new URL(name('p/' + n, tags ? tags[n] : '', '.gpack'), manifestURL).href; };
    // packStart[n] is the first document of pack n.
    m.packStart = new Int32Array(m.docPacks.length + 1);
    m.docPacks.forEach(function (/** @type {number} */ c, /** @type {number} */ n) { m.packStart[n + 1] = m.packStart[n] + c; });
    /** @type {Set<number>} */
    var shardPacks = new Set();
    m.keys.forEach(function (/** @type {string} */ k) {
      var loc = m.shards[k];
      if (!Array.isArray(loc) || loc.length !== 3) throw new Error('shard "' + k + '" is ' + JSON.stringify(loc) + ', not [pack, byte, length]');
      shardPacks.add(loc[0]);
    });
    // A small site's index is read whole: one pack of documents and one
    // of shards at most.
    m.small = !m.lens && m.docPacks.length <= 1 && shardPacks.size <= 1;
    m.jurBySlug = new Map();
    m.jurisdictions.forEach(function (/** @type {Jurisdiction} */ j) { m.jurBySlug.set(j.slug, j); });
    return m;
  }

  // preloadSmall loads a small site's whole index — one shard, one
  // document file (internal/search, OneShardFile and OneDocFile) and the
  // jurisdictions' lists — once the page is idle, so the reader's first
  // query is as quick as the others and search, filter included, works
  // from then on without the network.
  var local = false; // the whole index is in the page
  /** @param {Index} m */
  function preloadSmall(m) {
    if (!m.small) return;
    var idle = window.requestIdleCallback || function (/** @type {() => void} */ fn) { return setTimeout(fn, 200); };
    idle(function () {
      var files = [];
      var n = m.docPacks.length + (m.keys.length ? 1 : 0);
      for (var p = 0; p < n; p++) files.push(loadPack(m.packURL(p)));
      m.jurisdictions.forEach(function (j) { files.push(load(j.file)); });
      quiet(Promise.all(files).then(function () { local = true; }));
    });
  }

  // ---- normalization (mirrors language.go, with the manifest's language) ----
  /**
   * @param {Index} m
   * @param {string} word
   */
  function fold(m, word) { return m.text.fold(word); }
  /**
   * @param {Index} m
   * @param {string} word
   */
  function normalize(m, word) { return m.text.normalize(word); }

  // parse turns a query into groups of terms that must all match: one per
  // word, the last word (when it has minPrefix letters, or is a lone
  // character of a script without spaces) also matching the terms it
  // begins, as the reader may still be typing it.
  /**
   * @param {Index} m
   * @param {string} q
   */
  function parse(m, q) {
    var ws = words(q);
    /** @type {Group[]} */
    var groups = [];
    var seen = new Set();
    ws.forEach(function (w, i) {
      var term = normalize(m, w.word);
      var prefix = '';
      if (i === ws.length - 1 && (!w.pair || w.one)) {
        var f = fold(m, w.word);
        if (w.one || Array.from(f).length >= m.minPrefix) prefix = f;
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
  // loadShard returns the shard of key k: its terms with their postings.
  /** @type {Map<string, Promise<Object<string, string>>>} */
  var shardCache = new Map(); // key → promise of its shard: each term's postings
  /**
   * @param {Index} m
   * @param {string} k
   */
  function loadShard(m, k) {
    if (!shardCache.has(k)) {
      var loc = m.shards[k];
      var u = m.packURL(loc[0]);
      var p = loadBytes(u, loc[1], loc[2], m.small).then(function (b) { return parseBytes(u, b); });
      shardCache.set(k, p);
      p.catch(function () { if (shardCache.get(k) === p) shardCache.delete(k); });
    }
    return /** @type {Promise<Object<string, string>>} */ (shardCache.get(k));
  }
  /**
   * @param {string} s
   * @param {number} n
   */
  function runes(s, n) { return Array.from(s).slice(0, n).join(''); }
  /**
   * @param {Index} m
   * @param {string} term
   */
  function shardKey(m, term) {
    for (var n = Math.min(Array.from(term).length, MAX_KEY_RUNES); n >= 0; n--) {
      var k = runes(term, n);
      if (hasOwn(m.shards, k)) return k;
    }
    return null;
  }
  /**
   * @param {Index} m
   * @param {Group} g
   */
  function shardKeys(m, g) {
    /** @type {Set<string>} */
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

  /**
   * @param {object} o
   * @param {string} k
   */
  function hasOwn(o, k) { return Object.prototype.hasOwnProperty.call(o, k); }

  // A group's scores: w[doc] is the document's weight (0: not matched),
  // docs[0 … size) the documents matched, in the order first seen.
  // stem is the term found for a partial word that begins none (stemOf).
  /**
   * @param {number} n
   * @returns {Scores}
   */
  function newScores(n) { return { w: new Float64Array(n), docs: new Int32Array(n), size: 0, stem: '' }; }

  // addPostings decodes a term's postings — (gap, weight) pairs of
  // varints of 5-bit groups, low group first, digits of 32 and over
  // saying more follow — keeping the larger weight of a document seen
  // before.
  /**
   * @param {Scores} sc
   * @param {string} s
   * @param {number} factor
   */
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
  /**
   * @param {number} df
   * @param {number} n
   */
  function idf(df, n) { return Math.log(1 + (n - df + 0.5) / (df + 0.5)); }

  // groupScores returns doc → score for one word of the query: the
  // weight of its term, or for a partial word the best weight among the
  // terms it begins (slightly less for those), times the IDF of all the
  // documents matched. Scores are kept for the last few words, as a
  // reader refining a query repeats most of them.
  /** @type {Map<string, Promise<Scores>>} */
  var scoreCache = new Map();
  var SCORE_CACHE = 8;
  /**
   * @param {Index} m
   * @param {Group} g
   * @returns {Promise<Scores>}
   */
  function groupScores(m, g) {
    var id = g.term + '|' + g.prefix;
    var hit = scoreCache.get(id);
    if (hit) {
      scoreCache.delete(id); // most recently used last
      scoreCache.set(id, hit);
      return hit;
    }
    var p = Promise.all(shardKeys(m, g).map(function (k) { return loadShard(m, k); })).then(function (shards) {
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
      return sc.size > 0 || !g.prefix ? sc : stemOf(m, g.prefix, sc);
    }).then(function (sc) {
      var f = idf(sc.size, m.docs);
      for (var i = 0; i < sc.size; i++) sc.w[sc.docs[i]] *= f;
      return sc;
    });
    scoreCache.set(id, p);
    p.catch(function () { if (scoreCache.get(id) === p) scoreCache.delete(id); });
    if (scoreCache.size > SCORE_CACHE) scoreCache.delete(/** @type {string} */ (scoreCache.keys().next().value));
    return p;
  }

  // stemOf fills sc, when a partial last word begins no term, with the
  // postings of the longest term that begins the word (of more than
  // minPrefix letters): stems are often shorter than the words typed on
  // the way to a whole word ("consultati" on the way to "consultation",
  // whose stem is "consult"), which would otherwise find nothing until
  // the word is complete.
  /**
   * @param {Index} m
   * @param {string} prefix
   * @param {Scores} sc
   * @returns {Promise<Scores>}
   */
  function stemOf(m, prefix, sc) {
    var chars = Array.from(prefix);
    /** @type {string[]} */
    var cands = [];
    for (var n = chars.length - 1; n > m.minPrefix; n--) cands.push(chars.slice(0, n).join(''));
    /** @type {Set<string>} */
    var keys = new Set();
    cands.forEach(function (c) { var k = shardKey(m, c); if (k !== null) keys.add(k); });
    var order = Array.from(keys);
    return Promise.all(order.map(function (k) { return loadShard(m, k); })).then(function (shards) {
      for (var i = 0; i < cands.length; i++) {
        var k = shardKey(m, cands[i]);
        var shard = k === null ? null : shards[order.indexOf(k)];
        if (shard && hasOwn(shard, cands[i])) {
          addPostings(sc, shard[cands[i]], 0.9);
          sc.stem = cands[i];
          break;
        }
      }
      return sc;
    });
  }

  // decodeIds turns a jurisdiction's id gaps into a mark per document.
  /**
   * @param {Index} m
   * @param {number[]} arr
   */
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
  /**
   * @constructor
   * @param {Int32Array} ids
   * @param {Float64Array} total
   */
  function Ranked(ids, total) {
    this.ids = ids;
    this.total = total;
    this.length = ids.length;
    this.sorted = false;
  }
  /**
   * @param {number} a
   * @param {number} b
   */
  Ranked.prototype.before = function (a, b) { return this.total[b] - this.total[a] || a - b; };
  // page returns the ids ranked from … to-1, an array.
  /**
   * @param {number} from
   * @param {number} to
   * @returns {number[]}
   */
  Ranked.prototype.page = function (from, to) {
    var self = this;
    to = Math.min(to, this.length);
    if (from >= to) return [];
    if (!this.sorted && from === 0 && to * 16 < this.length) {
      /** @type {number[]} */
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
  /**
   * @param {Index} m
   * @param {Group[]} groups
   * @param {string} jurisdiction
   * @returns {Promise<Ranked>}
   */
  function search(m, groups, jurisdiction) {
    if (m.lens) quiet(lensTable(m)); // needed for the results, decoded while the shards load
    var jur = jurisdiction ? m.jurBySlug.get(jurisdiction) : null;
    var filter = jur ? load(jur.file).then(function (arr) { return decodeIds(m, arr); }) : Promise.resolve(jurisdiction ? new Uint8Array(m.docs) : null);
    return Promise.all([Promise.all(groups.map(function (g) { return groupScores(m, g); })), filter]).then(function (r) {
      r[0].forEach(function (sc, i) { groups[i].stem = sc.stem; });
      var scores = r[0].slice().sort(function (a, b) { return a.size - b.size; });
      var allowed = r[1];
      if (scores.length === 0) return new Ranked(new Int32Array(0), new Float64Array(0));
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
  // GAP is the most bytes between two results in a pack that one range
  // request fetches with them, rather than one request each: a request
  // costs more than a few KiB (docs/benchmarks.md).
  var GAP = 8192;
  // lensTable returns where each document's entry is in its pack: off[id]
  // its first byte, len[id] its length, from the manifest's lens
  // (internal/search, manifest).
  /**
   * @param {Index} m
   * @returns {Promise<Lens>}
   */
  function lensTable(m) {
    if (!m.lensTable) {
      var t = decodeLens(m.docPacks, m.docs, m.lensUnit, m.lens);
      m.lensTable = t ? Promise.resolve(t) : Promise.reject(fileError(manifestURL.href, new Error('"lens" is not the lengths of ' + m.docs + ' documents')));
      m.lensTable.catch(function () { m.lensTable = null; });
    }
    return m.lensTable;
  }
  /**
   * @param {Index} m
   * @param {number} id
   */
  function packOf(m, id) {
    var lo = 0;
    var hi = m.docPacks.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (m.packStart[mid] <= id) lo = mid; else hi = mid - 1;
    }
    return lo;
  }
  // docEntries returns promises of the entries of documents ids, in
  // order: from the one document pack of a small site, loaded whole, or
  // as byte ranges of the packs, one request for results near each
  // other in a pack (GAP).
  /** @type {Map<number, Promise<DocJSON>>} */
  var docCache = new Map(); // id → promise of its entry
  /**
   * @param {Index} m
   * @param {number[]} ids
   * @returns {Array<Promise<DocEntry>>}
   */
  function docEntries(m, ids) {
    var missing = ids.filter(function (id) { return !docCache.has(id); });
    if (missing.length) {
      /** @type {Promise<unknown[]>} */
      var got;
      if (!m.lens) {
        var u = m.packURL(0);
        got = loadPack(u).then(function (b) {
          if (!m.allDocs) m.allDocs = parseBytes(u, b);
          return m.allDocs.then(function (all) { return missing.map(function (id) { return Array.isArray(all) ? all[id] : null; }); });
        });
      } else {
        got = lensTable(m).then(function (t) {
          var sorted = missing.slice().sort(function (a, b) { return a - b; });
          /** @type {Array<{pack: number, ids: number[], start: number, end: number}>} */
          var runs = [];
          sorted.forEach(function (id) {
            var p = packOf(m, id);
            var last = runs[runs.length - 1];
            if (last && last.pack === p && t.off[id] - last.end <= GAP) {
              last.ids.push(id);
              last.end = t.off[id] + t.len[id];
            } else {
              runs.push({ pack: p, ids: [id], start: t.off[id], end: t.off[id] + t.len[id] });
            }
          });
          /** @type {Map<number, unknown>} */
          var byId = new Map();
          return Promise.all(runs.map(function (run) {
            var u = m.packURL(run.pack);
            return loadBytes(u, run.start, run.end - run.start, false).then(function (b) {
              return Promise.all(run.ids.map(function (id) {
                return parseBytes(u, b.subarray(t.off[id] - run.start, t.off[id] - run.start + t.len[id])).then(function (e) { byId.set(id, e); });
              }));
            });
          })).then(function () { return missing.map(function (id) { return byId.get(id); }); });
        });
      }
      missing.forEach(function (id, i) {
        var p = got.then(function (entries) {
          var e = entries[i];
          if (!e || typeof e !== 'object') throw fileError(m.packURL(!m.lens ? 0 : packOf(m, id)), new Error('no document ' + id));
          return /** @type {DocJSON} */ (e);
        });
        docCache.set(id, p);
        p.catch(function () { if (docCache.get(id) === p) docCache.delete(id); });
      });
    }
    return ids.map(function (id) {
      return /** @type {Promise<DocJSON>} */ (docCache.get(id)).then(function (e) { return { id: id, meta: e, sections: Array.isArray(e.x) ? e.x : [] }; });
    });
  }

  // ---- excerpts ----
  // wordForms caches each word's term and folded form for all queries:
  // result texts share most of their words.
  /** @type {Map<string, {term: string, folded: string}>} */
  var wordForms = new Map();
  /**
   * @param {Index} m
   * @param {string} word
   */
  function forms(m, word) {
    var f = wordForms.get(word);
    if (f === undefined) {
      if (wordForms.size > 50000) wordForms.clear();
      f = { term: normalize(m, word), folded: fold(m, word) };
      wordForms.set(word, f);
    }
    return f;
  }

  /**
   * @param {Index} m
   * @param {Group[]} groups
   * @returns {(word: string) => number} the index in groups of the one word matches, or -1
   */
  function matcher(m, groups) {
    /** @type {Map<string, number>} */
    var memo = new Map();
    return function (word) {
      if (memo.has(word)) return /** @type {number} */ (memo.get(word));
      var f = forms(m, word);
      var term = f.term;
      var folded = f.folded;
      var hit = -1;
      groups.forEach(function (g, i) {
        if (hit >= 0) return;
        if ((g.term && term === g.term) || (g.stem && term === g.stem) || (g.prefix && (folded.startsWith(g.prefix) || (term && term.startsWith(g.prefix))))) hit = i;
      });
      memo.set(word, hit);
      return hit;
    };
  }

  // sectionHits scans a section's text for the query's words, keeping
  // only what a window needs: how many words there are, and the place and
  // query word of each that matches, as pairs in one array.
  /**
   * @param {string} text
   * @param {(word: string) => number} match
   */
  function sectionHits(text, match) {
    /** @type {number[]} */
    var at = [];
    var ws = words(text);
    for (var n = 0; n < ws.length; n++) {
      var g = match(ws[n].word);
      if (g >= 0) at.push(n, g);
    }
    return { n: ws.length, at: at };
  }

  // bestWindow finds the run of WINDOW words with the most distinct query
  // words, then the most matches: a run starts four words before a match.
  /** @param {{n: number, at: number[]}} h */
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
  /**
   * @param {Section[]} sections
   * @param {(word: string) => number} match
   */
  function excerpt(sections, match) {
    // (A cast: tsc would take best to stay null, set only in a callback.)
    var best = /** @type {{rank: number, section: Section, win: {start: number}} | null} */ (null);
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
    /** @type {Array<{text: string, mark: boolean}>} */
    var parts = [];
    if (from > 0) parts.push({ text: '… ', mark: false });
    var pos = ws[from].start;
    if (from === 0) pos = 0;
    for (var i = from; i < to; i++) {
      if (hits[i] < 0 || ws[i].end <= pos) continue;
      var prev = parts[parts.length - 1];
      if (ws[i].start < pos && prev && prev.mark) {
        // Pairs of characters overlap: the mark goes on where the last stopped.
        prev.text += text.slice(pos, ws[i].end);
      } else {
        if (ws[i].start > pos) parts.push({ text: text.slice(pos, ws[i].start), mark: false });
        parts.push({ text: text.slice(Math.max(pos, ws[i].start), ws[i].end), mark: true });
      }
      pos = ws[i].end;
    }
    var end = to < ws.length ? ws[to - 1].end : text.length;
    if (end > pos) parts.push({ text: text.slice(pos, end), mark: false });
    if (to < ws.length) parts.push({ text: ' …', mark: false });
    return { section: best.section, parts: parts };
  }

  /**
   * @param {HTMLElement} el
   * @param {string} text
   * @param {(word: string) => number} match
   */
  function markedText(el, text, match) {
    var pos = 0;
    /** @type {HTMLElement | null} */
    var last = null; // the mark that ends at pos, if any
    words(text).forEach(function (w) {
      if (match(w.word) < 0 || w.end <= pos) return;
      if (w.start > pos) { el.appendChild(document.createTextNode(text.slice(pos, w.start))); last = null; }
      // Pairs of characters overlap: a pair goes on marking where the
      // last stopped.
      if (last && w.start < pos) {
        last.textContent += text.slice(pos, w.end);
      } else {
        last = document.createElement('mark');
        last.textContent = text.slice(Math.max(pos, w.start), w.end);
        el.appendChild(last);
      }
      pos = w.end;
    });
    if (pos < text.length) el.appendChild(document.createTextNode(text.slice(pos)));
  }

  // ---- rendering ----
  // sitePath returns u when it is a path of this site ("/kb/guidance/"),
  // else null: the index holds only such paths, so anything else
  // (javascript:, //other-host/, …) did not come from the build.
  /**
   * @param {unknown} u
   * @returns {string | null}
   */
  function sitePath(u) {
    if (typeof u !== 'string' || !/^\/(?![\/\\])/.test(u) || /[\u0000-\u001f\u007f-\u009f\\]/.test(u)) return null;
    return u;
  }

  /**
   * @param {Index} m
   * @param {DocEntry} d
   * @param {(word: string) => number} match
   * @returns {HTMLElement}
   */
  function renderResult(m, d, match) {
    var li = el('li', { className: 'search-result' });
    var ex = excerpt(d.sections, match);
    var href = sitePath(d.meta.u);
    if (href && ex && ex.section[1]) href += '#' + ex.section[1];
    if (d.meta.c) li.appendChild(el('p', { className: 'result-context' }, d.meta.c));
    var h = el('h2', { className: 'result-title' });
    // A result that is not a page of this site is shown without a link.
    var a = el(href ? 'a' : 'span');
    if (href) a.setAttribute('href', href);
    markedText(a, d.meta.t, match);
    h.appendChild(a);
    li.appendChild(h);
    if (ex && ex.section[0]) {
      var sec = el('p', { className: 'result-section' });
      sec.appendChild(el('span', { className: 'visually-hidden' }, t('search.section')));
      markedText(sec, ex.section[0], match);
      li.appendChild(sec);
    }
    var p = el('p', { className: 'result-excerpt' });
    if (ex && ex.parts.some(function (x) { return x.mark; })) {
      ex.parts.forEach(function (x) {
        if (x.mark) p.appendChild(el('mark', null, x.text));
        else p.appendChild(document.createTextNode(x.text));
      });
    } else if (d.meta.s) {
      markedText(p, d.meta.s, match);
    } else if (ex) {
      ex.parts.forEach(function (x) { p.appendChild(document.createTextNode(x.text)); });
    }
    if (p.firstChild) li.appendChild(p);
    if (d.meta.j && d.meta.j.length) {
      var tags = el('ul', { className: 'tags' });
      tags.setAttribute('aria-label', t('search.jurisdictions'));
      d.meta.j.forEach(function (i) {
        var j = m.jurisdictions[i];
        if (!j) return;
        var t = el('li');
        t.appendChild(el('span', { className: 'tag' }, j.name));
        tags.appendChild(t);
      });
      if (tags.firstChild) li.appendChild(tags);
    }
    return li;
  }

  // timing is of the last search: ms to find and rank the results, ms
  // to show the first page of them, and of that ms until the last of
  // their files arrived.
  /** @type {{rank: number, show: number, load: number} | null} */
  var timing = null;
  var loaded = 0; // when the last file of a page of results arrived
  /** @type {{seq: number, hits: Ranked, shown: number, groups: Group[], q: string, j: string}} */
  var state = { seq: 0, hits: new Ranked(new Int32Array(0), new Float64Array(0)), shown: 0, groups: [], q: '', j: '' };

  /**
   * @param {Index} m
   * @param {string} slug
   */
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
  /**
   * @param {string} text
   * @param {boolean} [typed]
   */
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
  /**
   * @param {Index} m
   * @param {number} seq
   * @param {boolean} replace
   */
  function showMore(m, seq, replace) {
    var slice = state.hits.page(state.shown, state.shown + PAGE);
    var match = matcher(m, state.groups);
    /** @type {HTMLElement[]} */
    var items = new Array(slice.length);
    loaded = performance.now();
    var details = docEntries(m, slice);
    return Promise.all(slice.map(function (doc, i) {
      return details[i].then(function (d) {
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
  /**
   * @param {string} q
   * @param {string} [j]
   * @param {boolean} [typed]
   * @returns {Promise<number | null>}
   */
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
        say(t('search.too_common', { query: q }), typed);
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
          var vals = { query: q, count: hits.length, jurisdiction: state.j ? jurName(m, state.j) : '' };
          var n = hits.length;
          list.hidden = n === 0;
          if (n === 0 && typed && partialWord(m, q)) say('', typed); // "wi" of "withdraw": not "No results" yet
          else if (n === 0) say(t(state.j ? 'search.none_in' : 'search.none', vals), typed);
          else say(t(state.j ? 'search.results_in' : 'search.results', vals), typed);
          document.title = t('search.page_title', { query: q, title: baseTitle });
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
    say(t('search.unavailable'));
  }

  // ---- wiring ----
  // syncURL puts the query searched for in the page's address, once its
  // results are shown: the browser's work for that then does not delay
  // the requests for them.
  /**
   * @param {string} q
   * @param {string} j
   */
  function syncURL(q, j) {
    var params = new URLSearchParams();
    if (q) params.set('q', q);
    if (j) params.set('j', j);
    var qs = params.toString();
    history.replaceState(null, '', location.pathname + (qs ? '?' + qs : '') + location.hash);
  }

  // current searches for what the form holds; typed says typing started
  // the search.
  /** @param {boolean} [typed] */
  function current(typed) { return runAndSync(input.value.trim(), select ? select.value : '', typed); }
  /**
   * @param {string} q
   * @param {string} j
   * @param {boolean} [typed]
   */
  function runAndSync(q, j, typed) {
    return run(q, j, typed).then(function (n) {
      if (n !== null) syncURL(q, j);
      return n;
    }, function (e) {
      syncURL(q, j);
      throw e;
    });
  }
  /** @param {Promise<unknown>} p */
  function quiet(p) { p.catch(function () { /* reported in the status line */ }); }

  // prefetch starts loading the shards of the words typed so far that
  // are complete (followed by a space), while the input waits to settle.
  /** @param {string} q */
  function prefetch(q) {
    const m = index;
    if (!m) return;
    var groups = parse(m, q);
    if (!/\s$/.test(q)) groups = groups.slice(0, -1);
    groups.forEach(function (g) {
      if (!g.term) return;
      var k = shardKey(m, g.term);
      if (k !== null) quiet(loadShard(m, k));
    });
  }

  // partialWord reports whether the query's last word may be the first
  // letters of a word still being typed, too few to match the words it
  // begins (minPrefix).
  /**
   * @param {Index} m
   * @param {string} q
   */
  function partialWord(m, q) {
    var ws = words(q);
    var last = ws.length ? ws[ws.length - 1] : null;
    return !!last && !last.pair && Array.from(fold(m, last.word)).length < m.minPrefix;
  }

  // typingDelay is how long typing must pause before the page searches:
  // 180 ms, so that a query loads files only once the reader has paused;
  // 60 ms when the whole index is in the page and the last word is
  // complete or long enough to match the words it begins, so the results
  // follow the keys without showing "No results" for a word's first
  // letters.
  /** @param {string} q */
  function typingDelay(q) {
    if (!local || !index) return 180; // local: index is set
    var ws = words(q);
    var last = ws.length ? ws[ws.length - 1] : null;
    return /\s$/.test(q) || (last && (last.pair || Array.from(last.word).length >= index.minPrefix)) ? 60 : 180;
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
    /** @type {HTMLElement[]} */
    var links = Array.from(list.querySelectorAll('.result-title a'));
    var i = links.indexOf(/** @type {HTMLElement} */ (document.activeElement));
    if (i < 0) return;
    e.preventDefault();
    if (e.key === 'ArrowDown' && i < links.length - 1) links[i + 1].focus();
    else if (e.key === 'ArrowUp') (i > 0 ? links[i - 1] : input).focus();
  });
  input.addEventListener('keydown', function (e) {
    if (e.key === 'ArrowDown') {
      var first = /** @type {HTMLElement | null} */ (list.querySelector('.result-title a'));
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
  return {
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
}

/**
 * The search page's search, or null where there is none (not a search
 * page, or not a browser): tests import it.
 * @type {Search | null}
 */
export const page = typeof document === 'undefined' ? null : main();
