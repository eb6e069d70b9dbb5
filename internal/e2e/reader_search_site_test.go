package e2e

import (
	"strings"
	"testing"

	"github.com/guidepost/guidepost/internal/browsertest"
	"github.com/guidepost/guidepost/internal/testsite"
)

// TestReaderSearchSite searches the repository's own site for what its
// readers come to ask and expects the guidance page that answers among
// the first results: first, or second where another page answers as
// well (the glossary's definition, the COVID-19 page's history). It
// reports what each query cost. The site's document entries have outgrown
// one file (internal/search OneDocFile), so a query may load the files of
// the results it shows.
func TestReaderSearchSite(t *testing.T) {
	testsite.SkipShort(t, "builds this repository's site and searches it in Chromium: run without -short")
	t.Parallel()
	dir, _ := decideSite(t, "../..")
	origin := browsertest.ServeDir(t, dir)
	b := browsertest.New(t, browsertest.Options{})
	readerVisit(t, b, origin, readerPage{path: "/search/"})
	// The queries start once the page has its manifest, as a reader's
	// first keystroke would.
	readerWait(t, b, `guidepostSearch.ready`)
	queries := []struct {
		q, want string
		within  int
	}{
		{"business associate agreement", "/guidance/united-states/", 2},
		{"BAA", "/guidance/united-states/", 1},
		{"HIPAA", "/guidance/united-states/", 2},
		{"enforcement discretion", "/guidance/covid-19-enforcement-discretion/", 1},
		{"GDPR", "/guidance/european-union/", 1},
		{"NHS", "/guidance/united-kingdom/", 1},
		{"Telemedicine Practice Guidelines", "/guidance/india/", 1},
		{"Brazil", "/guidance/brazil/", 1},
		{"Netherlands", "/guidance/netherlands/", 1},
		{"South Africa", "/guidance/south-africa/", 1},
		{"end-to-end encryption", "/guidance/encryption/", 1},
		{"backups", "/guidance/copies-backups-records/", 1},
		{"breach", "/guidance/breach/", 1},
		{"Cloud API", "/guidance/business-app-platform-resellers/", 2},
		{"children", "/guidance/children-proxies-shared-phones/", 1},
		{"consent", "/guidance/clinical-practice/", 1},
	}
	for _, qq := range queries {
		m := readerEval[readerQuery](t, b, readerMeasure+`(`+readerJS(qq.q)+`)`)
		v := readerEval[readerSearchView](t, b, readerResults)
		var pages []string
		for _, h := range v.Hrefs {
			page, _, _ := strings.Cut(h, "#")
			pages = append(pages, page)
		}
		t.Logf("%-34q %2d results in %5.1f ms (rank %.1f show %.1f load %.1f), %3d KiB in %d requests", qq.q, m.Count, m.Ms, m.Rank, m.Show, m.Load, m.Bytes>>10, m.Requests)
		if !readerContains(pages[:min(qq.within, len(pages))], qq.want) {
			t.Errorf("%q: first results %q, want %s among the first %d", qq.q, pages[:min(3, len(pages))], qq.want, qq.within)
		}
		// Every one of these is answered in the pages' text: the first
		// result leads there, not to its list of sources.
		if len(v.Hrefs) > 0 && strings.HasSuffix(v.Hrefs[0], "#sources") {
			t.Errorf("%q: the first result links to %s, a list of sources", qq.q, v.Hrefs[0])
		}
	}
	b.AssertNoConsoleErrors(t)
}
