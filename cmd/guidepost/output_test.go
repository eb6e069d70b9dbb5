package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestBuildIsDeterministic(t *testing.T) {
	t.Parallel()
	work, site := newSite(t)
	var trees []map[string]string
	for _, dest := range []string{"a", "b", "a"} {
		res := runCLI(t, work, "build", "--source", site, "--dest", filepath.Join(work, dest))
		if res.code != 0 {
			t.Fatalf("exit code %d\n%s", res.code, res.stderr)
		}
		trees = append(trees, hashTree(t, filepath.Join(work, dest)))
	}
	for i := 1; i < len(trees); i++ {
		if d := diffTrees(trees[0], trees[i]); d != "" {
			t.Errorf("build %d differs from build 1:\n%s", i+1, d)
		}
	}
}

func TestRebuildReplacesTheWholeOutput(t *testing.T) {
	t.Parallel()
	work, site := newSite(t)
	dest := filepath.Join(work, "public")
	build := func() {
		t.Helper()
		if res := runCLI(t, work, "build", "--source", site, "--dest", dest); res.code != 0 {
			t.Fatalf("exit code %d\n%s", res.code, res.stderr)
		}
	}
	writeFile(t, site, "content/guidance/extra.md", "---\ntitle: Extra\ntags: [extra-only]\n---\nBody.\n")
	build()
	for _, f := range []string{"guidance/extra/index.html", "tags/extra-only/index.html"} {
		readFile(t, dest, f)
	}
	writeFile(t, dest, "stale.txt", "left by hand")

	if err := os.Remove(filepath.Join(site, "content", "guidance", "extra.md")); err != nil {
		t.Fatal(err)
	}
	build()
	for _, f := range []string{"guidance/extra", "tags/extra-only", "stale.txt"} {
		if _, err := os.Stat(filepath.Join(dest, f)); err == nil {
			t.Errorf("%s survived a rebuild without it", f)
		}
	}
	readFile(t, dest, "guidance/hipaa/index.html")
	assertNoTempFolders(t, work)
}

func TestBuildRefusesDestinationsHoldingSources(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		dest   func(t *testing.T, work, site string) string
		phrase string
	}{
		{"the site itself", func(_ *testing.T, _, site string) string { return site }, "holds the site's sources"},
		{"the folder holding the site", func(_ *testing.T, work, _ string) string { return work }, "holds the site's sources"},
		{"the content folder", func(_ *testing.T, _, site string) string { return filepath.Join(site, "content") }, "inside the site's content/ folder"},
		{"a folder inside layouts", func(_ *testing.T, _, site string) string { return filepath.Join(site, "layouts", "out") }, "inside the site's layouts/ folder"},
		{"another site", func(t *testing.T, work, _ string) string {
			other := filepath.Join(work, "other")
			writeFile(t, other, "guidepost.yaml", "title: Other\n")
			return other
		}, "contains guidepost.yaml, so it is not a build output"},
		{"a repository", func(t *testing.T, work, _ string) string {
			repo := filepath.Join(work, "repo")
			writeFile(t, repo, ".git/HEAD", "ref: refs/heads/main\n")
			return repo
		}, "contains .git"},
		{"a file", func(t *testing.T, work, _ string) string {
			writeFile(t, work, "notes.txt", "notes")
			return filepath.Join(work, "notes.txt")
		}, "is a file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			work, site := newSite(t)
			dest := tt.dest(t, work, site)
			before := hashTree(t, work)
			res := runCLI(t, work, "build", "--source", site, "--dest", dest)
			if res.code != 1 {
				t.Errorf("exit code %d, want 1", res.code)
			}
			if !strings.Contains(res.stderr, tt.phrase) || !strings.Contains(res.stderr, "--dest") {
				t.Errorf("stderr does not say %q and what to do:\n%s", tt.phrase, res.stderr)
			}
			if d := diffTrees(before, hashTree(t, work)); d != "" {
				t.Errorf("a refused build changed files:\n%s", d)
			}
		})
	}
}
