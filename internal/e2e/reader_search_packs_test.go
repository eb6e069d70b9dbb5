package e2e

import (
	"strings"
	"testing"

	"github.com/guidepost/guidepost/internal/browsertest"
	"github.com/guidepost/guidepost/internal/testsite"
)

// readerPacksJS fetches, from the search page of a site of many document
// packs, every 37th document's entry and every shard as an HTTP Range of
// its pack, as search.js does, and decodes each alone with search.js's
// inflate (the browser's DecompressionStream): each range must be one
// gzip member (internal/search, gzip.go) of valid JSON, and the sampled
// documents' URLs must come in id (URL) order, which a range one entry
// off would break.
const readerPacksJS = `(async () => {
  const mod = await import(document.querySelector('script[type="module"][src*="/js/search"]').src);
  const base = new URL(document.getElementById("search").getAttribute("data-index"), location.href);
  const m = await (await fetch(base)).json();
  if (!m.lens) return {bad: ["the site has no lens: one document pack"]};
  const tags = m.files.length ? m.files : m.tags.split(".").slice(1).map(t => "." + t);
  const pack = p => new URL("p/" + p + tags[p] + ".gpack", base);
  const ranges = mod.lens(m, m.lens);
  const bad = [];
  const get = async (u, at, n, what) => {
    const r = await fetch(u, {headers: {Range: "bytes=" + at + "-" + (at + n - 1)}});
    const b = new Uint8Array(await r.arrayBuffer());
    if (r.status !== 206 || b.length !== n || b[0] !== 0x1f || b[1] !== 0x8b) {
      bad.push(what + ": HTTP " + r.status + ", " + b.length + " bytes of " + n + ", beginning " + b[0] + " " + b[1]);
      return null;
    }
    try { return JSON.parse(await mod.inflate(b)); } catch (e) { bad.push(what + ": " + e); return null; }
  };
  const urls = [];
  const jobs = [];
  let id = 0;
  m.docPacks.forEach((count, p) => {
    for (let k = 0; k < count; k++, id++) {
      if (id % 37 !== 0 && id !== m.docs - 1) continue;
      const me = id;
      jobs.push(get(pack(p), ranges[me][0], ranges[me][1], "document " + me).then(e => { if (e) urls.push([me, e.u]); }));
    }
  });
  let shards = 0;
  for (const [k, [p, at, n]] of Object.entries(m.shards)) {
    jobs.push(get(pack(p), at, n, "shard " + JSON.stringify(k)).then(s => {
      if (s === null) return;
      if (typeof s !== "object" || Array.isArray(s) || !Object.keys(s).length) bad.push("shard " + JSON.stringify(k) + " is not an object of terms");
      shards++;
    }));
  }
  await Promise.all(jobs);
  urls.sort((a, b) => a[0] - b[0]);
  for (let i = 1; i < urls.length; i++) {
    if (typeof urls[i][1] !== "string" || !(urls[i - 1][1] < urls[i][1])) bad.push("document " + urls[i][0] + " is " + urls[i][1] + ", after " + urls[i - 1][1]);
  }
  return {bad, docs: urls.length, shards, packs: m.docPacks.length};
})()`

// TestReaderSearchPacksByRange builds a 1,000-page site, whose search
// index is many packs of gzip members, and checks in Chromium that every
// shard and a sample of documents can be fetched as a Range of its pack
// and decompressed alone (readerPacksJS), and that a query shows its
// first ten results.
func TestReaderSearchPacksByRange(t *testing.T) {
	testsite.SkipShort(t, "builds a 1,000-page site: run without -short")
	out := readerBuild(t, readerBigSite(t, 1000))
	origin := browsertest.ServeDir(t, out)
	b := browsertest.New(t, browsertest.Options{})
	readerVisit(t, b, origin, readerPage{path: "/search/"})
	got := readerEval[struct {
		Bad                 []string
		Docs, Shards, Packs int
	}](t, b, readerPacksJS)
	if len(got.Bad) > 0 {
		t.Errorf("%d entries of the packs cannot be read by range:\n%s", len(got.Bad), strings.Join(got.Bad[:min(len(got.Bad), 20)], "\n"))
	}
	if got.Docs < 20 || got.Shards < 2 || got.Packs < 2 {
		t.Errorf("read %d documents, %d shards of %d document packs: the test wants a site of many packs", got.Docs, got.Shards, got.Packs)
	}
	m := readerEval[readerQuery](t, b, readerMeasure+`("patient consent")`)
	if m.Count == 0 || m.Shown != min(m.Count, 10) {
		t.Errorf("patient consent: %d results, %d shown; want some, the first 10 shown", m.Count, m.Shown)
	}
	t.Logf("%d documents and %d shards read by range from %d document packs; a query: %d B in %d requests", got.Docs, got.Shards, got.Packs, m.Bytes, m.Requests)
	b.AssertNoConsoleErrors(t)
}
