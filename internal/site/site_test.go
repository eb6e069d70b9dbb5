package site

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

// now is the fixed date of every test build.
var now = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// loadFixture loads testdata/site, failing on any diagnostic.
func loadFixture(t *testing.T, drafts bool) *Site {
	t.Helper()
	s, diags := Load(Options{Root: filepath.Join("testdata", "site"), Now: now, Drafts: drafts})
	if len(diags) > 0 {
		t.Fatalf("diagnostics:\n%v", diags)
	}
	return s
}

func url(p *Page) string {
	if p == nil {
		return "-"
	}
	return p.URL
}

// describe writes the site model an author relies on: every page with its
// kind, file, parent, neighbours and children, the taxonomies, aliases and
// published files.
func describe(s *Site) string {
	var b strings.Builder
	fmt.Fprintf(&b, "base URL %s, base path %s\n\npages:\n", s.BaseURL, s.BasePath)
	for _, p := range s.Pages {
		var children []string
		for _, c := range p.Pages {
			children = append(children, c.URL)
		}
		var crumbs []string
		for _, c := range p.Breadcrumbs() {
			crumbs = append(crumbs, c.URL)
		}
		fmt.Fprintf(&b, "  %s %s %q file=%s rel=%s abs=%s parent=%s prev=%s next=%s crumbs=%v pages=%v lastmod=%s\n",
			p.URL, p.Kind, p.Title(), p.File, p.RelPermalink(), p.Permalink(), url(p.Parent), url(p.Prev), url(p.Next),
			crumbs, children, p.Lastmod.Format(time.DateOnly))
	}
	b.WriteString("\ntaxonomies:\n")
	for _, t := range s.Taxonomies {
		fmt.Fprintf(&b, "  %s (%s) at %s\n", t.Name, t.Title, t.Page.URL)
		for _, term := range t.Terms {
			var pages []string
			for _, p := range term.Pages {
				pages = append(pages, p.URL)
			}
			fmt.Fprintf(&b, "    %q slug=%s at %s pages=%v\n", term.Name, term.Slug, term.Page.URL, pages)
		}
	}
	b.WriteString("\naliases:\n")
	for _, a := range s.Aliases {
		fmt.Fprintf(&b, "  %s -> %s\n", a.URL, a.Target.URL)
	}
	b.WriteString("\nfiles:\n")
	for _, f := range s.Static {
		fmt.Fprintf(&b, "  %s -> %s\n", f.Name(), f.URL)
	}
	b.WriteString("\nsections:")
	for _, p := range s.Sections() {
		b.WriteString(" " + p.URL)
	}
	b.WriteString("\nregular pages:")
	for _, p := range s.RegularPages() {
		b.WriteString(" " + p.URL)
	}
	b.WriteString("\n")
	return b.String()
}

func TestLoadModelGolden(t *testing.T) {
	for _, tt := range []struct {
		name   string
		drafts bool
	}{{"model", false}, {"model-drafts", true}} {
		t.Run(tt.name, func(t *testing.T) {
			got := describe(loadFixture(t, tt.drafts))
			assertModel(t, tt.name+".golden", got)
		})
	}
}

func TestPageLookups(t *testing.T) {
	s := loadFixture(t, false)
	if p := s.PageByFile("content/a/b.md"); p == nil || p.URL != "/a/b/" {
		t.Errorf("PageByFile(content/a/b.md) = %v", p)
	}
	if p := s.PageByURL("/a/b/"); p == nil || p.File != "content/a/b.md" {
		t.Errorf("PageByURL(/a/b/) = %v", p)
	}
	if p := s.PageByFile("content/a/draft.md"); p != nil {
		t.Error("a draft is loaded without Drafts")
	}
	x := s.PageByFile("content/a/x.md")
	var names []string
	for _, term := range x.Tags() {
		names = append(names, term.Name+"@"+term.Page.URL)
	}
	// b.md, read before x.md, wrote the tag first as "t1"; x.md writes
	// hipaa twice (hipaa, HIPAA) and gets the term once.
	if want := []string{"t1@/tags/t1/", "hipaa@/tags/hipaa/"}; !slices.Equal(names, want) {
		t.Errorf("tags of x = %v, want %v", names, want)
	}
	if j := x.Jurisdictions(); len(j) != 1 || j[0].Slug != "united-states" || len(j[0].Pages) != 2 {
		t.Errorf("jurisdictions of x = %v, want United States shared with c.md", j)
	}
	b := s.PageByFile("content/a/b.md")
	if due := b.ReviewDue().Format(time.DateOnly); due != "2026-04-01" {
		t.Errorf("review of b due %s, want 2026-04-01 (reviewed 2025-04-01, every 12mo)", due)
	}
	if !x.ReviewDue().IsZero() {
		t.Error("a page never reviewed has a review due date")
	}
}

func TestSlug(t *testing.T) {
	tests := []struct{ in, want string }{
		{"United States", "united-states"},
		{"  HIPAA  ", "hipaa"},
		{"EU/EEA (GDPR)", "eu-eea-gdpr"},
		{"Côte d'Ivoire", "côte-d-ivoire"},
		{"a--b__c", "a-b-c"},
		{"2024 update", "2024-update"},
		{"!!!", ""},
	}
	for _, tt := range tests {
		if got := Slug(tt.in); got != tt.want {
			t.Errorf("Slug(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestIgnoredName(t *testing.T) {
	tests := []struct {
		name    string
		ignored bool
	}{
		{"page.md", false},
		{"_index.md", false},
		{"logo.png", false},
		{".DS_Store", true},
		{".page.md.swp", true},
		{"page.md~", true},
		{"#page.md#", true},
		{"4913", true},
		{"page.md.tmp", true},
		{"page.md___jb_tmp___", true},
		{"page.md___jb_old___", true},
	}
	for _, tt := range tests {
		if got := IgnoredName(tt.name); got != tt.ignored {
			t.Errorf("IgnoredName(%q) = %v, want %v", tt.name, got, tt.ignored)
		}
	}
}

func TestContentURL(t *testing.T) {
	tests := []struct{ in, want string }{
		{"_index.md", "/"},
		{"about.md", "/about/"},
		{"guidance/_index.md", "/guidance/"},
		{"guidance/hipaa.md", "/guidance/hipaa/"},
		{"a/b/c.md", "/a/b/c/"},
	}
	for _, tt := range tests {
		if got := contentURL(tt.in); got != tt.want {
			t.Errorf("contentURL(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// assertModel compares a site's description with the golden file
// testdata/name (go test -update rewrites it).
func assertModel(t *testing.T, name, got string) {
	t.Helper()
	golden := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if got != string(want) {
		t.Errorf("site model differs from %s:\n%s", golden, got)
	}
}
