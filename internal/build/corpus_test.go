package build

import (
	"testing"

	"github.com/guidepost/guidepost/internal/corpus"
	"github.com/guidepost/guidepost/internal/testsite"
)

// writeCorpus writes a site of n regular pages into dir, the shared
// generator's long shape (see internal/corpus): guidepost.yaml, the
// repository's layouts/ and static/, a home page, sections, and pages with
// dates, review dates, tags, jurisdictions, sources, prose, lists, a
// table, a callout, two distinct fenced code blocks and internal links to
// .md files, anchors and URL paths.
func writeCorpus(tb testing.TB, dir string, n int) corpus.Corpus {
	tb.Helper()
	c := newCorpus(tb, n)
	if err := c.WriteGuidepost(dir, testsite.RepoRoot(tb)); err != nil {
		tb.Fatal(err)
	}
	return c
}

// newCorpus is the long-shape corpus of n pages.
func newCorpus(tb testing.TB, n int) corpus.Corpus {
	tb.Helper()
	c, err := corpus.New(corpus.Long, n)
	if err != nil {
		tb.Fatal(err)
	}
	return c
}

// corpusPage is the content path of page i of the corpus of n pages, as
// a change names it ("content/s00/p00002.md").
func corpusPage(tb testing.TB, n, i int) string {
	return "content/" + newCorpus(tb, n).PagePath(i)
}

func write(tb testing.TB, dir, name, content string) {
	tb.Helper()
	testsite.WriteFile(tb, dir, name, content)
}

// corpusIncremental writes a corpus of n pages into a new folder, builds
// it with a new Incremental and returns the folder, the Incremental and
// its first update.
func corpusIncremental(t *testing.T, n int) (string, *Incremental, *Update) {
	t.Helper()
	src := t.TempDir()
	writeCorpus(t, src, n)
	inc := NewIncremental(Options{Source: src, Now: now})
	first, err := inc.Rebuild(Changes{All: true})
	if err != nil {
		t.Fatal(err)
	}
	return src, inc, first
}
