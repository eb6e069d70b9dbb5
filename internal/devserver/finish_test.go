package devserver

import (
	"slices"
	"testing"
)

// TestServeBringsSearchIndexUpToDate edits a page: the page reloads at
// once, and once the sources are quiet the search index is built again,
// so the search page, which names the index by its fingerprint, reloads.
func TestServeBringsSearchIndexUpToDate(t *testing.T) {
	site := smallSite(t)
	srv := startServer(t, site.dir, Options{})
	search, _ := srv.open(t, "/search/")
	page, _ := srv.open(t, site.url(1))
	replaceIn(t, srv.dir, site.file(1), site.c.Sentence(1), "Quokka paragraph.")
	page.waitReload(t, site.url(1))
	for {
		ev := search.next(t)
		if ev.name != EventReload {
			t.Fatalf("got event %s %s, want reloads", ev.name, ev.data)
		}
		if d := reloadPaths(t, ev); d.All || slices.Contains(d.Paths, "/search/") {
			break
		}
	}
}
