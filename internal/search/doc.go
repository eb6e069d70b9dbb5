// Package search builds the site's search index: static JSON files that
// static/js/search.js queries in the browser, so search works offline and
// on any static host, and no query leaves the reader's browser.
//
// The index is split so that a query loads only what it needs, even for a
// site of many thousands of pages:
//
//	index.json     the manifest: how to name all other files, the stop
//	               words and fold table the browser normalizes with
//	t/<key>.json   shards: the postings of the terms beginning with key,
//	               compactly encoded (see postingDigits)
//	d/<n>.json     documents n×chunk …: URL, title, summary,
//	               jurisdictions and text by section, for excerpts
//	j/<slug>.json  the ids of a jurisdiction's documents, for the filter
//
// A query loads the manifest once, the shards of its words, then the
// document files of the ten results it shows, all at once: one request
// each. A small site (OneShardFile, OneDocFile) has one shard and one
// document file, so its reader's later queries load nothing. Every file but the manifest is named the way Options.Name names
// it, so the build can fingerprint them all and browsers cache them
// forever; the manifest gives only what Name added to each name.
//
// The build runs on all cores (Docs extracts pages' text, Build counts
// terms and encodes files in parallel) and its output depends only on the
// documents.
//
// Words are normalized the same way on both sides (Language): lower case,
// Latin diacritics and Arabic vowel marks folded, stop words dropped and
// words stemmed in the index's language (Snowball's stemmers for English,
// Spanish, Portuguese, French and German); scripts written without spaces
// (Chinese, Japanese, Korean, Thai…) are indexed as overlapping pairs of
// characters. The manifest records the language for search.js.
// Ranking is BM25 over weighted fields, title before headings before
// summary before body.
package search
