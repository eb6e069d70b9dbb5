package main

import (
	"os"
	"path/filepath"
	"testing"
)

// TestLinksInsideTheSiteAreFollowed: a symbolic link that stays in the
// site, or in the theme folder for the theme's files, is published as the
// file it points at.
func TestLinksInsideTheSiteAreFollowed(t *testing.T) {
	t.Parallel()
	work, site := newSite(t)
	writeFile(t, site, "guidepost.yaml", readFile(t, site, "guidepost.yaml")+"theme: themes/plain\n")
	writeFile(t, site, "themes/plain/static/theme.txt", "the theme's file")
	writeFile(t, site, "shared/note.txt", "a file of the site outside its folders")
	for target, link := range map[string]string{
		"../content/guidance/img/dot.gif": "static/dot.gif",
		"../shared/note.txt":              "static/note.txt",
		"theme.txt":                       "themes/plain/static/theme-link.txt",
	} {
		symlink(t, target, filepath.Join(site, filepath.FromSlash(link)))
	}
	dest := filepath.Join(work, "public")
	if res := runCLI(t, work, "build", "--source", site, "--dest", dest); res.code != 0 {
		t.Fatalf("exit code %d\n%s", res.code, res.stderr)
	}
	for file, want := range map[string]string{
		"note.txt":       "a file of the site outside its folders",
		"theme-link.txt": "the theme's file",
		"dot.gif":        readFile(t, site, "content/guidance/img/dot.gif"),
	} {
		if got := readFile(t, dest, file); got != want {
			t.Errorf("%s = %q, want %q", file, got, want)
		}
	}
	if fi, err := os.Lstat(filepath.Join(dest, "note.txt")); err != nil || !fi.Mode().IsRegular() {
		t.Errorf("note.txt is published as a link, not a copy: %v", err)
	}
}
