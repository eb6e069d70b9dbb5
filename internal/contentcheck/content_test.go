package contentcheck

import (
	"testing"
	"time"

	"github.com/guidepost/guidepost/internal/site"
	"github.com/guidepost/guidepost/internal/testsite"
)

// asOf is the date these tests check the content as of: its last review.
// Whether a review has since fallen due is the content owners' check,
// `guidepost check --strict` on the day (see the README), not a code test
// that would start failing on a date.
var asOf = time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)

func loadRepoSite(t *testing.T) *site.Site {
	t.Helper()
	s, diags := site.Load(site.Options{Root: testsite.RepoRoot(t), Now: asOf})
	for _, d := range diags {
		// Warnings count too: the published site must pass `check --strict`.
		t.Errorf("%s", d)
	}
	if s.Home == nil {
		t.Fatal("no home page")
	}
	return s
}

func TestEveryContentPageHasRequiredFrontMatter(t *testing.T) {
	s := loadRepoSite(t)
	checked := 0
	for _, p := range s.Pages {
		if p.Kind != site.KindPage && p.Kind != site.KindHome {
			continue // section lists, generated pages and decision trees (the tree validator checks outcomes)
		}
		checked++
		fm := p.FM
		missing := []string{}
		if fm.Title == "" {
			missing = append(missing, "title")
		}
		if fm.Summary == "" {
			missing = append(missing, "summary")
		}
		if fm.Reviewed.IsZero() {
			missing = append(missing, "reviewed")
		}
		if len(fm.Jurisdictions) == 0 {
			missing = append(missing, "jurisdictions")
		}
		if len(fm.Sources) == 0 {
			missing = append(missing, "sources")
		}
		for _, src := range fm.Sources {
			if src.Title == "" || src.URL == "" {
				t.Errorf("%s: a source lacks a title or url: %+v", p.File, src)
			}
		}
		if len(missing) > 0 {
			t.Errorf("%s: missing %v", p.File, missing)
		}
	}
	if checked < 14 {
		t.Errorf("checked %d content pages, want at least the 14 of the knowledge base", checked)
	}
}

func TestHomeLinksEveryJurisdictionPage(t *testing.T) {
	s := loadRepoSite(t)
	linked := map[string]bool{}
	for _, l := range s.Home.Doc.Links {
		linked[l.Dest] = true
	}
	for _, page := range []string{
		"guidance/united-states.md",
		"guidance/european-union.md",
		"guidance/united-kingdom.md",
		"guidance/india.md",
		"guidance/other-jurisdictions.md",
		"guidance/netherlands.md",
		"guidance/brazil.md",
		"guidance/australia.md",
		"guidance/canada.md",
		"guidance/south-africa.md",
	} {
		if s.PageByFile("content/"+page) == nil {
			t.Errorf("jurisdiction page content/%s does not exist", page)
		}
		if !linked[page] {
			t.Errorf("home page does not link %s", page)
		}
	}
	if !linked["decide/whatsapp/_index.md"] {
		t.Error("home page does not link the decision tool")
	}
}
