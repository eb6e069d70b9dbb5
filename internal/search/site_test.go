package search

import (
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"testing"
	"time"

	"github.com/guidepost/guidepost/internal/site"
)

// siteFiles is a small site: a home page, a section with a page that has
// jurisdictions and sources, and a decision tree.
var siteFiles = map[string]string{
	"guidepost.yaml":             "title: Test\nbase_url: https://example.org/docs/\n",
	"content/_index.md":          "---\ntitle: Home\n---\nWelcome.\n",
	"content/guidance/_index.md": "---\ntitle: Guidance\nsummary: All guidance.\n---\n",
	"content/guidance/india.md": `---
title: India
summary: Telemedicine rules in India.
jurisdictions: [India]
tags: [TPG 2020]
search_weight: 2
reviewed: 2026-01-10
sources:
  - title: Telemedicine Practice Guidelines
    url: https://example.org/tpg
    publisher: Board of Governors
---
Intro about consent.

## Prescribing {#prescribing}

Lists of drugs.
`,
	"content/guidance/legal.md": "---\ntitle: Legal notice\nsearch_weight: 0\n---\nNot for search.\n",
	"content/decide/_index.md":  "---\ntitle: Tools\n---\n",
	"content/decide/t/_index.md": `---
title: The tool
start: q
reviewed: 2026-01-10
scenarios:
  - answers: ["Yes"]
    expect: yes
  - answers: ["No"]
    expect: no
---
`,
	"content/decide/t/q.md":   "---\ntitle: Shall we?\noptions:\n  - label: \"Yes\"\n    next: yes\n  - label: \"No\"\n    next: no\n---\n",
	"content/decide/t/yes.md": "---\ntitle: Go ahead\nverdict: allowed\njurisdictions: [Here]\nreviewed: 2026-01-10\nsafeguards: [Get consent]\nsources:\n  - title: Rule 1\n    url: https://example.org/1\n---\nWhy.\n",
	"content/decide/t/no.md":  "---\ntitle: Do not\nverdict: avoid\nsearch_weight: 1\njurisdictions: [Here]\nreviewed: 2026-01-10\nsources:\n  - title: Rule 2\n    url: https://example.org/2\n---\n",
}

func TestDocsOfSite(t *testing.T) {
	root := t.TempDir()
	for name, data := range siteFiles {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	s, diags := site.Load(site.Options{Root: root, Now: time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)})
	if errs := diags.Errors(); len(errs) > 0 {
		t.Fatalf("test site has errors: %v", errs)
	}
	byURL := map[string]Doc{}
	var urls []string
	for _, d := range Docs(s, 0) {
		byURL[d.URL] = d
		urls = append(urls, d.URL)
	}
	// Questions, taxonomies, maps, the search and 404 pages are left out,
	// and the page that asks to be.
	want := []string{"/docs/", "/docs/decide/", "/docs/decide/t/", "/docs/decide/t/no/", "/docs/decide/t/yes/", "/docs/guidance/", "/docs/guidance/india/"}
	got := append([]string(nil), urls...)
	sort.Strings(got)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("documents %q, want %q", got, want)
	}
	india := byURL["/docs/guidance/india/"]
	wantIndia := Doc{
		URL: "/docs/guidance/india/", Title: "India", Summary: "Telemedicine rules in India.",
		Jurisdictions: []Jurisdiction{{Name: "India", Slug: "india"}},
		Context:       "Guidance",
		Keywords:      []string{"TPG 2020"},
		Boost:         2,
		Sections: []Section{
			{Text: "Intro about consent."},
			{Heading: "Prescribing", Anchor: "prescribing", Text: "Lists of drugs."},
			{Heading: "Sources", Anchor: "sources", Text: "Telemedicine Practice Guidelines, Board of Governors"},
		},
	}
	if !reflect.DeepEqual(india, wantIndia) {
		t.Errorf("India page:\n got %+v\nwant %+v", india, wantIndia)
	}
	// Results say where a page sits; an outcome, which tool it ends.
	for url, want := range map[string]string{
		"/docs/":             "",
		"/docs/decide/t/":    "Tools",
		"/docs/decide/t/no/": "An outcome of the decision tool “The tool”",
	} {
		if got := byURL[url].Context; got != want {
			t.Errorf("context of %s: %q, want %q", url, got, want)
		}
	}
	// Outcomes rank below guidance unless they say otherwise.
	if yes, no := byURL["/docs/decide/t/yes/"].Boost, byURL["/docs/decide/t/no/"].Boost; yes != OutcomeBoost || no != 1 {
		t.Errorf("outcome boosts %v and %v, want %v by default and 1 as asked", yes, no, OutcomeBoost)
	}
	yes := byURL["/docs/decide/t/yes/"]
	wantYes := []Section{{Text: "Why."}, {Heading: "Safeguards that apply", Text: "Get consent"}, {Heading: "Sources", Anchor: "sources", Text: "Rule 1"}}
	if !reflect.DeepEqual(yes.Sections, wantYes) {
		t.Errorf("outcome sections:\n got %+v\nwant %+v", yes.Sections, wantYes)
	}
}
