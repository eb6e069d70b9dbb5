package devserver

import (
	"path"
	"regexp"
	"strings"
	"testing"

	"github.com/guidepost/guidepost/internal/corpus"
	"github.com/guidepost/guidepost/internal/testsite"
)

// repoRoot is the repository root, whose layouts/ and static/ test sites copy.
const repoRoot = "../.."

// writeFile writes a file below dir, creating folders.
func writeFile(t testing.TB, dir, rel, data string) {
	t.Helper()
	testsite.WriteFile(t, dir, rel, data)
}

// testSite is a site the tests serve and edit: the folder it was written
// to and the corpus (internal/corpus) it holds, which names its pages and
// their text.
type testSite struct {
	dir string
	c   corpus.Corpus
}

// genSite writes the shared corpus's long shape with n pages (about a
// hundred pages a section, at least ten sections) and a small decision
// tree in corpus.TreeDir, with the repository's layouts and static files.
func genSite(t testing.TB, n int) testSite {
	t.Helper()
	c, err := corpus.New(corpus.Long, n)
	if err != nil {
		t.Fatal(err)
	}
	c = c.WithTree()
	dir := t.TempDir()
	if err := c.WriteGuidepost(dir, repoRoot); err != nil {
		t.Fatal(err)
	}
	return testSite{dir, c}
}

// smallSite is a site of a few pages, each in a section of its own, with
// tags and a tree.
func smallSite(t testing.TB) testSite {
	return genSite(t, 4)
}

// file is the path of page i's file in the site, as a change names it
// ("content/s00/p00001.md").
func (s testSite) file(i int) string { return "content/" + s.c.PagePath(i) }

// url is the URL path of page i ("/s00/p00001/").
func (s testSite) url(i int) string {
	return "/" + strings.TrimSuffix(s.c.PagePath(i), ".md") + "/"
}

// output is the name of page i's file in a build's output
// ("s00/p00001/index.html").
func (s testSite) output(i int) string { return strings.TrimPrefix(s.url(i), "/") + "index.html" }

// sectionFile is the path of the _index.md of page i's section.
func (s testSite) sectionFile(i int) string { return "content/" + s.c.SectionPath(i) }

// sectionURL is the URL path of page i's section ("/s00/").
func (s testSite) sectionURL(i int) string { return "/" + path.Dir(s.c.PagePath(i)) + "/" }

// treeFile is the path of a file of the site's decision tree.
func treeFile(name string) string { return "content/" + corpus.TreeDir + "/" + name }

// treeURL is the URL path of the site's decision tree or, with a node's
// name, of that node's page.
func treeURL(node string) string {
	if node == "" {
		return "/" + corpus.TreeDir + "/"
	}
	return "/" + corpus.TreeDir + "/" + node + "/"
}

// setField sets the first line "key: …" of a file of the site (a page's
// front matter, guidepost.yaml) to "key: value".
func setField(t testing.TB, dir, rel, key, value string) {
	t.Helper()
	src := readFile(t, dir, rel)
	line := regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(key) + `: .*$`).FindStringIndex(src)
	if line == nil {
		t.Fatalf("%s has no %s:", rel, key)
	}
	writeFile(t, dir, rel, src[:line[0]]+key+": "+value+src[line[1]:])
}

// appendText adds a line of text to the end of a file of the site.
func appendText(t testing.TB, dir, rel, text string) {
	t.Helper()
	writeFile(t, dir, rel, readFile(t, dir, rel)+text+"\n")
}
