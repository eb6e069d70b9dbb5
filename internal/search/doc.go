// Package search builds the site's search index: static JSON files that
// static/js/search.js queries in the browser, so search works offline and
// on any static host, and no query leaves the reader's browser.
//
// The index is a few large files, read in parts, so that a query loads
// only what it needs even for a site of many thousands of pages, and the
// build writes about one file per hundred pages:
//
//	index.json     the manifest: where every shard is, how many
//	               documents each pack holds and the length of each
//	               document's entry (the lens), the names of all other
//	               files, the stop words and fold table the browser
//	               normalizes with
//	p/<n>.gpack    packs of at most OneDocFile bytes, gzip-compressed
//	               entry by entry: document entries (URL, title, summary,
//	               jurisdictions and text by section, for excerpts), in id
//	               order, then shards (the postings of the terms beginning
//	               with a key, compactly encoded, see postingDigits)
//	j/<slug>.json  the ids of a jurisdiction's documents, for the filter
//
// A query loads the manifest once, the shards of its words, then the
// entries of the ten results it shows, each a byte range of its pack
// (results close together in a pack share one). Each entry is a gzip
// member of its own, which the reader decompresses alone, so the packs
// are small on disk and on the wire from hosts that do not compress, and
// ranges still work. A small site (one pack of document entries, whose
// members come to at most OneDocFile bytes, and one shard of at most
// OneShardFile) has one pack of documents and one of shards, which its
// reader loads whole, so its later queries load nothing. Every file but
// the manifest is named the way Options.Name names it, so the build can
// fingerprint them all and browsers cache them forever; the manifest
// gives only what Name added to each name.
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
