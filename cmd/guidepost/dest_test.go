package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/guidepost/guidepost/internal/publish"
	"github.com/guidepost/guidepost/internal/stamp"
	"github.com/guidepost/guidepost/internal/testsite"
)

// The tests here hold what `guidepost build` may delete: only the folder it
// is told to build into, and only when that folder is empty or guidepost
// wrote it. Each checks the whole working folder, so a refused build is
// seen to touch nothing at all.

// TestBuildThroughLinksKeepsSources reaches the site or the output folder
// through symbolic links (the case first: --source a link to
// r/site, --dest r). The build must refuse and delete nothing.
func TestBuildThroughLinksKeepsSources(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name         string
		source, dest string // relative to the working folder, which holds r/site
		links        map[string]string
		phrase       string
	}{
		{"source through a link, dest its parent", "link", "r", map[string]string{"link": "r/site"}, "holds the site's sources"},
		{"source through a link, dest the site", "link", "r/site", map[string]string{"link": "r/site"}, "holds the site's sources"},
		{"dest a link to the site", "r/site", "out", map[string]string{"out": "r/site"}, "holds the site's sources"},
		{"dest a link to the site's parent", "r/site", "out", map[string]string{"out": "r"}, "holds the site's sources"},
		{"dest inside content through a linked parent", "r/site", "rl/site/content/out", map[string]string{"rl": "r"}, "inside the site's content/ folder"},
		{"dest inside a linked static folder", "r/site", "shared/out", map[string]string{"r/site/static": "../../shared"}, "inside the site's static/ folder"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			work, site := newSite(t)
			if err := os.MkdirAll(filepath.Join(work, "r"), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.Rename(site, filepath.Join(work, "r", "site")); err != nil {
				t.Fatal(err)
			}
			for name, target := range tt.links {
				p := filepath.Join(work, name)
				if name == "r/site/static" {
					if err := os.Rename(p, filepath.Join(work, "shared")); err != nil {
						t.Fatal(err)
					}
				}
				symlink(t, target, p)
			}
			before := linkTree(t, work)
			res := runCLI(t, work, "build", "--source", tt.source, "--dest", tt.dest)
			if res.code != 1 {
				t.Errorf("exit code %d, want 1", res.code)
			}
			if !strings.Contains(res.stderr, tt.phrase) || !strings.Contains(res.stderr, "choose another --dest") {
				t.Errorf("stderr does not say %q and what to do:\n%s", tt.phrase, res.stderr)
			}
			if d := diffTrees(before, linkTree(t, work)); d != "" {
				t.Errorf("a refused build changed files:\n%s", d)
			}
			if _, err := os.Stat(filepath.Join(work, "r", "site", "guidepost.yaml")); err != nil {
				t.Errorf("the sources are gone: %v", err)
			}
		})
	}
}

// linkTree is hashTree for a folder that holds symbolic links: a link is
// recorded by its target, not followed.
func linkTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			target, err := os.Readlink(p)
			if err != nil {
				return err
			}
			out[rel] = "link " + target
		case d.IsDir():
			out[rel] = "dir"
		default:
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			out[rel] = string(data)
		}
		return nil
	})
	if err != nil {
		t.Fatalf("list %s: %v", dir, err)
	}
	return out
}

// TestBuildRefusesFoldersItDidNotWrite builds into folders that are not
// guidepost's: the build must refuse, name a file that would be lost and
// say what to do, and leave every file as it was.
func TestBuildRefusesFoldersItDidNotWrite(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		files map[string]string // the destination's files
		file  string            // the file the message names
	}{
		{"a user's documents", map[string]string{"thesis.docx": "years of work"}, "thesis.docx"},
		{"a folder of notes", map[string]string{"notes/2026/today.txt": "x"}, filepath.Join("notes", "2026", "today.txt")},
		{"a web root written by another tool", map[string]string{"index.html": "<h1>Hugo</h1>", "sitemap.xml": "<x/>"}, "index.html"},
		{"only a hidden file", map[string]string{".config": "x"}, ".config"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			work, site := newSite(t)
			dest := filepath.Join(work, "userdocs")
			for name, c := range tt.files {
				writeFile(t, dest, name, c)
			}
			before := hashTree(t, work)
			res := runCLI(t, work, "build", "--source", site, "--dest", dest)
			if res.code != 1 {
				t.Errorf("exit code %d, want 1", res.code)
			}
			for _, want := range []string{"holds files such as " + tt.file, "choose an empty or new --dest, or delete it yourself"} {
				if !strings.Contains(res.stderr, want) {
					t.Errorf("stderr does not say %q:\n%s", want, res.stderr)
				}
			}
			if res.stdout != "" {
				t.Errorf("a refused build printed %q", res.stdout)
			}
			if d := diffTrees(before, hashTree(t, work)); d != "" {
				t.Errorf("a refused build changed files:\n%s", d)
			}
		})
	}
}

// TestBuildMarksItsOutput builds into a new folder, an empty one and its
// own output: each is replaced and holds the marker, which no page, feed
// or sitemap mentions.
func TestBuildMarksItsOutput(t *testing.T) {
	t.Parallel()
	work, site := newSite(t)
	empty := filepath.Join(work, "empty")
	if err := os.Mkdir(empty, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, dest := range []string{filepath.Join(work, "new"), empty, empty} {
		res := runCLI(t, work, "build", "--force", "--source", site, "--dest", dest)
		if res.code != 0 {
			t.Fatalf("build into %s: exit code %d\n%s", dest, res.code, res.stderr)
		}
		marker := readFile(t, dest, publish.Marker)
		if !strings.Contains(marker, "written by guidepost build") {
			t.Errorf("the marker says %q", marker)
		}
		for name := range hashTree(t, dest) {
			if name == publish.Marker || strings.HasSuffix(name, ".wasm") {
				continue
			}
			if data, err := os.ReadFile(filepath.Join(dest, name)); err == nil && strings.Contains(string(data), "guidepost-build") {
				t.Errorf("%s mentions the marker", name)
			}
		}
	}
}

// TestBuildReplacesAnOldUnmarkedOutput stands for the output of a
// guidepost older than the marker: a folder without it that the record of
// the last build into it describes exactly. The build replaces it, also
// after a failed build in between; once changed by hand, or with the
// caches (and so the record) off, it is refused.
func TestBuildReplacesAnOldUnmarkedOutput(t *testing.T) {
	testsite.SkipShort(t, "builds into old outputs of four kinds: run without -short")
	t.Parallel()
	old := func(t *testing.T) (work, site, dest string, env []string, record func()) {
		work, site = newSite(t)
		cache := filepath.Join(work, "cache")
		env = []string{"XDG_CACHE_HOME=" + cache}
		dest = filepath.Join(work, "public")
		if res := runCLIEnv(t, work, env, "build", "--source", site, "--dest", dest); res.code != 0 {
			t.Fatalf("exit code %d\n%s", res.code, res.stderr)
		}
		if err := os.Remove(filepath.Join(dest, publish.Marker)); err != nil {
			t.Fatal(err)
		}
		record = func() {
			t.Helper()
			out, err := stamp.OutputDigest(dest)
			if err != nil {
				t.Fatal(err)
			}
			if err := stamp.NewStore(filepath.Join(cache, "guidepost", "builds")).Save(dest, &stamp.Stamp{Inputs: "an older guidepost's", Output: out}); err != nil {
				t.Fatal(err)
			}
		}
		record()
		return work, site, dest, env, record
	}
	build := func(t *testing.T, work, site, dest string, env []string) result {
		t.Helper()
		return runCLIEnv(t, work, env, "build", "--source", site, "--dest", dest)
	}
	t.Run("recorded", func(t *testing.T) {
		work, site, dest, env, _ := old(t)
		writeFile(t, site, "content/guidance/extra.md", "---\ntitle: Extra\n---\nBody.\n")
		if res := build(t, work, site, dest, env); res.code != 0 {
			t.Fatalf("exit code %d\n%s", res.code, res.stderr)
		}
		readFile(t, dest, publish.Marker)
		readFile(t, dest, "guidance/extra/index.html")
	})
	t.Run("recorded, a failed build in between", func(t *testing.T) {
		work, site, dest, env, _ := old(t)
		writeFile(t, site, "content/guidance/extra.md", "---\ntitle: Extra\nweight: heavy\n---\nBody.\n")
		if res := build(t, work, site, dest, env); res.code != 1 || !strings.Contains(res.stderr, "weight must be a whole number") {
			t.Fatalf("exit code %d, want 1 for the site's error\n%s", res.code, res.stderr)
		}
		writeFile(t, site, "content/guidance/extra.md", "---\ntitle: Extra\n---\nBody.\n")
		if res := build(t, work, site, dest, env); res.code != 0 {
			t.Fatalf("the fixed site: exit code %d\n%s", res.code, res.stderr)
		}
		readFile(t, dest, publish.Marker)
	})
	for _, tt := range []struct {
		name   string
		change func(t *testing.T, dest string) []string
	}{
		{"changed since it was recorded", func(t *testing.T, dest string) []string {
			writeFile(t, dest, "thesis.docx", "years of work")
			return nil
		}},
		{"caches off", func(*testing.T, string) []string { return []string{"GUIDEPOST_CACHE=off"} }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			work, site, dest, env, _ := old(t)
			env = append(env, tt.change(t, dest)...)
			before := hashTree(t, work)
			res := build(t, work, site, dest, env)
			if res.code != 1 || !strings.Contains(res.stderr, "choose an empty or new --dest, or delete it yourself") {
				t.Errorf("exit code %d, want 1 and a refusal\n%s", res.code, res.stderr)
			}
			after := hashTree(t, work)
			for _, tree := range []map[string]string{before, after} {
				for name := range tree {
					if name == "cache" || strings.HasPrefix(name, "cache/") {
						delete(tree, name) // the record of builds, not the user's files
					}
				}
			}
			if d := diffTrees(before, after); d != "" {
				t.Errorf("a refused build changed files:\n%s", d)
			}
		})
	}
}
