package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/guidepost/guidepost/internal/testsite"
)

// TestBuildSkipsWhenNothingChanged runs `guidepost build` repeatedly into
// one folder: a build whose site, options and output are as the last
// successful build left them does nothing and says so; any change to what
// a build reads or to the output makes it build again.
func TestBuildSkipsWhenNothingChanged(t *testing.T) {
	testsite.SkipShort(t, "builds a site eighteen times: run without -short")
	upToDate := regexp.MustCompile(`^up to date: \d+ pages, \d+ files; nothing changed since the last build \(checked in [^)]+\) → `)
	built := regexp.MustCompile(`^built \d+ pages, \d+ files in `)
	tests := []struct {
		name   string
		change func(t *testing.T, site, dest string) (env, args []string)
		skips  bool
	}{
		{"nothing changed", func(*testing.T, string, string) ([]string, []string) { return nil, nil }, true},
		{"a source touched, same bytes", func(t *testing.T, site, _ string) ([]string, []string) {
			later := time.Now().Add(time.Minute)
			os.Chtimes(filepath.Join(site, "content", "guidance", "gdpr.md"), later, later)
			return nil, nil
		}, true},
		{"a page edited", func(t *testing.T, site, _ string) ([]string, []string) {
			p := filepath.Join(site, "content", "guidance", "gdpr.md")
			src, _ := os.ReadFile(p)
			writeFile(t, site, "content/guidance/gdpr.md", string(src)+"\nOne more line.\n")
			return nil, nil
		}, false},
		{"a layout edited", func(t *testing.T, site, _ string) ([]string, []string) {
			writeFile(t, site, "layouts/partials/extra.html", "unused")
			return nil, nil
		}, false},
		{"an output file edited", func(t *testing.T, _, dest string) ([]string, []string) {
			writeFile(t, dest, "index.html", "edited by hand")
			return nil, nil
		}, false},
		{"an output file removed", func(t *testing.T, _, dest string) ([]string, []string) {
			os.Remove(filepath.Join(dest, "sitemap.xml"))
			return nil, nil
		}, false},
		{"another base URL", func(*testing.T, string, string) ([]string, []string) {
			return nil, []string{"--base-url", "https://example.org/kb/"}
		}, false},
		{"--force", func(*testing.T, string, string) ([]string, []string) { return nil, []string{"--force"} }, false},
		{"caches off", func(*testing.T, string, string) ([]string, []string) {
			return []string{"GUIDEPOST_CACHE=off"}, nil
		}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			work, site := newSite(t)
			dest := filepath.Join(work, "public")
			first := runCLI(t, work, "build", "--source", site, "--dest", dest)
			if first.code != 0 || !built.MatchString(first.stdout) {
				t.Fatalf("first build: exit %d\n%s%s", first.code, first.stdout, first.stderr)
			}
			env, args := tt.change(t, site, dest)
			before := hashTree(t, dest)
			res := runCLIEnv(t, work, env, append([]string{"build", "--source", site, "--dest", dest}, args...)...)
			if res.code != 0 {
				t.Fatalf("second build: exit %d\n%s", res.code, res.stderr)
			}
			if tt.skips {
				if !upToDate.MatchString(res.stdout) {
					t.Errorf("second build printed %q, want it to say the output is up to date", res.stdout)
				}
				if d := diffTrees(before, hashTree(t, dest)); d != "" {
					t.Errorf("an up-to-date build changed the output:\n%s", d)
				}
				return
			}
			if !built.MatchString(res.stdout) {
				t.Errorf("second build printed %q, want a full build", res.stdout)
			}
			readFile(t, dest, "guidance/gdpr/index.html")
			if strings.Contains(readFile(t, dest, "index.html"), "edited by hand") {
				t.Error("the hand-edited output survived the build")
			}
			if _, err := os.Stat(filepath.Join(dest, "sitemap.xml")); err != nil {
				t.Error("the removed output file was not written again")
			}
		})
	}
}

// TestUpToDateBuildRepeatsWarnings checks that a build skipped because
// nothing changed still prints the warnings of the build it stands for.
func TestUpToDateBuildRepeatsWarnings(t *testing.T) {
	t.Parallel()
	work, site := newSite(t)
	makeReviewOverdue(t, site)
	const warning = overdueWarning
	dest := filepath.Join(work, "public")
	for i, want := range []string{"built ", "up to date: "} {
		res := runCLI(t, work, "build", "--source", site, "--dest", dest)
		if res.code != 0 || !strings.HasPrefix(res.stdout, want) {
			t.Fatalf("build %d: exit %d, stdout %q, want it to start %q", i+1, res.code, res.stdout, want)
		}
		if !strings.Contains(res.stderr, warning) {
			t.Errorf("build %d: stderr lacks the warning %q:\n%s", i+1, warning, res.stderr)
		}
	}
}

// TestUpToDateWithDecisionTree builds the repository's own site, which
// publishes the embedded decision engine: a second build with nothing
// changed must still be recognised as up to date.
func TestUpToDateWithDecisionTree(t *testing.T) {
	testsite.SkipShort(t, "builds this repository's site four times: run without -short")
	t.Parallel()
	root := testsite.RepoRoot(t)
	dest := filepath.Join(t.TempDir(), "public")
	for i, want := range []string{"built ", "up to date: "} {
		res := runCLI(t, root, "build", "--dest", dest)
		if res.code != 0 || !strings.HasPrefix(res.stdout, want) {
			t.Fatalf("build %d: exit %d, stdout %q, want it to start %q\n%s", i+1, res.code, res.stdout, want, res.stderr)
		}
	}
	readFile(t, dest, "decide/whatsapp/index.html")
}
