package main

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func TestCheckPassesAGoodSiteAndWritesNothing(t *testing.T) {
	t.Parallel()
	work, site := newSite(t)
	before := hashTree(t, work)
	for _, dir := range []string{work, site} {
		res := runCLI(t, dir, "check", "--source", site)
		if res.code != 0 {
			t.Fatalf("check exit code %d, want 0\nstderr:\n%s", res.code, res.stderr)
		}
		if !regexp.MustCompile(`^ok: 1\d pages checked, 0 warnings\n$`).MatchString(res.stdout) || res.stderr != "" {
			t.Errorf("check printed stdout %q, stderr %q", res.stdout, res.stderr)
		}
	}
	if res := runCLI(t, site, "check"); res.code != 0 {
		t.Fatalf("check with the default --source exit code %d\n%s", res.code, res.stderr)
	}
	if d := diffTrees(before, hashTree(t, work)); d != "" {
		t.Errorf("check changed files:\n%s", d)
	}
}

func TestCheckStrictFailsOnOverdueReview(t *testing.T) {
	t.Parallel()
	_, site := newSite(t)
	makeReviewOverdue(t, site)
	const warning = overdueWarning + " (last reviewed 2001-05-01, reviewed every 12mo)"
	tests := []struct {
		args       []string
		code       int
		stdout     string // a regular expression
		stderrHas  []string
		stderrLack []string
	}{
		{[]string{"check"}, 0, `^ok: \d+ pages checked, 1 warning\n$`, []string{warning}, []string{"failed"}},
		{[]string{"check", "--strict"}, 1, `^$`, []string{warning, "check failed: 1 warning (--strict)"}, nil},
		{[]string{"build", "--dest", filepath.Join(t.TempDir(), "public")}, 0, `^built \d+ pages`, []string{warning}, nil},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args[:min(2, len(tt.args))], " "), func(t *testing.T) {
			res := runCLI(t, site, tt.args...)
			if res.code != tt.code {
				t.Errorf("exit code %d, want %d\nstderr:\n%s", res.code, tt.code, res.stderr)
			}
			if !regexp.MustCompile(tt.stdout).MatchString(res.stdout) {
				t.Errorf("stdout = %q, want %q", res.stdout, tt.stdout)
			}
			for _, w := range tt.stderrHas {
				if !strings.Contains(res.stderr, w) {
					t.Errorf("stderr lacks %q:\n%s", w, res.stderr)
				}
			}
			for _, w := range tt.stderrLack {
				if strings.Contains(res.stderr, w) {
					t.Errorf("stderr contains %q:\n%s", w, res.stderr)
				}
			}
		})
	}
}

// overdueWarning begins the warning a site gets from makeReviewOverdue.
const overdueWarning = "content/guidance/gdpr.md:4: warning: review overdue since 2002-05-01"

// makeReviewOverdue gives the test site's gdpr.md, never reviewed, a review
// in 2001: long overdue.
func makeReviewOverdue(t *testing.T, site string) {
	t.Helper()
	src := readFile(t, site, "content/guidance/gdpr.md")
	writeFile(t, site, "content/guidance/gdpr.md", strings.Replace(src, "date: 2025-02-01\n", "reviewed: 2001-05-01\n", 1))
}
