package devserver

import (
	"slices"
	"testing"
)

// TestServeBringsSearchIndexUpToDate edits a page: the page reloads at
// once, and once the sources are quiet the search index is built again,
// so the search page, which names the index by its fingerprint, reloads.
func TestServeBringsSearchIndexUpToDate(t *testing.T) {
	srv := startServer(t, smallSite(t), Options{})
	search, _ := srv.open(t, "/search/")
	page, _ := srv.open(t, "/s0/p1/")
	replaceIn(t, srv.dir, "content/s0/p1.md", "Intro paragraph", "Quokka paragraph")
	page.waitReload(t, "/s0/p1/")
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
