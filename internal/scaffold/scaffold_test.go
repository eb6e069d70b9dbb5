package scaffold

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/guidepost/guidepost/internal/build"
)

var day = time.Date(2026, 3, 14, 9, 30, 0, 0, time.UTC)

// checkStrict runs every check of a build on the site at a fixed date and
// fails on any problem, warnings included, as `check --strict` does.
func checkStrict(t *testing.T, dir string, now time.Time) *build.Result {
	t.Helper()
	res, err := build.Build(build.Options{Source: dir, CheckOnly: true, Now: now})
	if err != nil || len(res.Diags) > 0 {
		t.Fatalf("check --strict: %v\n%v", err, res.Diags)
	}
	return res
}

func TestSitePassesStrictCheck(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "my site")
	written, err := Site(dir, `Clinic "A" guidance`, day)
	if err != nil {
		t.Fatal(err)
	}
	if len(written) < 8 {
		t.Errorf("wrote %d files: %v", len(written), written)
	}
	res := checkStrict(t, dir, day)
	if len(res.Site.Trees) != 1 || res.Site.Trees[0].ID != ExampleTree {
		t.Errorf("trees %v, want the example tree", res.Site.Trees)
	}
	if got := res.Site.Config.Title; got != "Clinic A guidance" {
		t.Errorf("title %q", got)
	}
	home, err := os.ReadFile(filepath.Join(dir, "content", "_index.md"))
	if err != nil || !strings.Contains(string(home), "reviewed: 2026-03-14") {
		t.Errorf("home page is not dated the day it was made: %s %v", home, err)
	}
	// A year on, every page is due for review: the scaffold's dates are real.
	res, _ = build.Build(build.Options{Source: dir, CheckOnly: true, Now: day.AddDate(1, 0, 1)})
	if len(res.Diags.Warnings()) == 0 {
		t.Error("no overdue review a year and a day later")
	}
}

func TestPageAndTreePassStrictCheck(t *testing.T) {
	dir := t.TempDir()
	if _, err := Site(dir, "", day); err != nil {
		t.Fatal(err)
	}
	page, err := Page(dir, "content/guidance/data-breach", day)
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(dir, "content", "guidance", "data-breach.md"); page != want {
		t.Errorf("page written at %s, want %s", page, want)
	}
	data, _ := os.ReadFile(page)
	if !strings.Contains(string(data), "title: Data breach\n") || !strings.Contains(string(data), "date: 2026-03-14\n") {
		t.Errorf("page front matter:\n%s", data)
	}
	files, err := Tree(dir, "whatsapp-use", day)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 4 || filepath.Dir(files[0]) != filepath.Join(dir, "content", "decide", "whatsapp-use") {
		t.Errorf("tree files %v", files)
	}
	if _, err := Tree(dir, "tools/consent", day); err != nil {
		t.Fatalf("a tree at a path: %v", err)
	}
	res := checkStrict(t, dir, day)
	if len(res.Site.Trees) != 3 {
		t.Errorf("%d trees, want 3", len(res.Site.Trees))
	}
}

func TestNeverOverwrites(t *testing.T) {
	dir := t.TempDir()
	if _, err := Site(dir, "", day); err != nil {
		t.Fatal(err)
	}
	home := filepath.Join(dir, "content", "_index.md")
	if err := os.WriteFile(home, []byte("my own words"), 0o644); err != nil {
		t.Fatal(err)
	}
	// Remove one file: a second run must still write nothing at all.
	if err := os.Remove(filepath.Join(dir, "content", "guidance", "first-page.md")); err != nil {
		t.Fatal(err)
	}
	_, err := Site(dir, "", day)
	if !errors.Is(err, ErrExists) || !strings.Contains(err.Error(), "never overwrites") {
		t.Fatalf("second new site: %v, want an error naming the file that exists", err)
	}
	if data, _ := os.ReadFile(home); string(data) != "my own words" {
		t.Error("the home page was overwritten")
	}
	if _, err := os.Stat(filepath.Join(dir, "content", "guidance", "first-page.md")); err == nil {
		t.Error("a refused scaffold wrote some of its files")
	}
	if _, err := Page(dir, "guidance/_index.md", day); !errors.Is(err, ErrExists) {
		t.Errorf("new page over a section: %v", err)
	}
	if _, err := Tree(dir, ExampleTree, day); !errors.Is(err, ErrExists) {
		t.Errorf("new tree over the example tree: %v", err)
	}
}

func TestBadNames(t *testing.T) {
	dir := t.TempDir()
	for _, tt := range []struct {
		what, arg, want string
		run             func(string) error
	}{
		{"page", "../outside.md", "not a path inside content/", func(a string) error { _, err := Page(dir, a, day); return err }},
		{"page", "/etc/passwd", "not a path inside content/", func(a string) error { _, err := Page(dir, a, day); return err }},
		{"page", "guidance/.hidden.md", "cannot be part of a page's address", func(a string) error { _, err := Page(dir, a, day); return err }},
		{"page", "what?.md", "cannot be part of a page's address", func(a string) error { _, err := Page(dir, a, day); return err }},
		{"tree", "my tree", "use letters, digits and hyphens", func(a string) error { _, err := Tree(dir, a, day); return err }},
		{"tree", "", "not a path inside content/", func(a string) error { _, err := Tree(dir, a, day); return err }},
	} {
		if err := tt.run(tt.arg); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("new %s %q: %v, want %q", tt.what, tt.arg, err, tt.want)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("bad names wrote %v", entries)
	}
}
