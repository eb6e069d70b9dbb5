package corpus

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var (
	fenceRE = regexp.MustCompile("(?m)^```([a-z]+)\n((?s:.*?))^```$")
	// Links as written for each generator.
	mdLinkRE   = regexp.MustCompile(`\]\([^)]+\.md(#[^)]*)?\)`)
	hugoLinkRE = regexp.MustCompile(`\]\(\{\{< relref "[^"]+" >\}\}\)`)
)

// TestCorpusPages checks what the benchmark relies on: two distinct code
// blocks in different languages on every page, code that differs from page
// to page, and the same text for both generators apart from links.
func TestCorpusPages(t *testing.T) {
	c := newCorpus(300)
	seen := map[string]int{}
	langs := map[string]bool{}
	for i := range c.pages {
		body := c.body(i, guidepostLinks{})
		blocks := fenceRE.FindAllStringSubmatch(body, -1)
		if len(blocks) != 2 {
			t.Fatalf("page %d has %d code blocks, want 2", i, len(blocks))
		}
		if blocks[0][1] == blocks[1][1] {
			t.Errorf("page %d: both code blocks are %s", i, blocks[0][1])
		}
		for _, b := range blocks {
			langs[b[1]] = true
			if j, ok := seen[b[2]]; ok {
				t.Errorf("page %d repeats a code block of page %d", i, j)
			}
			seen[b[2]] = i
		}
		g := mdLinkRE.ReplaceAllString(body, "](LINK)")
		h := hugoLinkRE.ReplaceAllString(c.body(i, hugoLinks{}), "](LINK)")
		if g != h {
			t.Errorf("page %d: guidepost and Hugo text differ beyond links:\n%s\n---\n%s", i, g, h)
		}
	}
	if len(langs) < 8 {
		t.Errorf("code in %d languages, want at least 8", len(langs))
	}
}

// TestSmallPages checks the small shape's pages are short, without code,
// and written in every script.
func TestSmallPages(t *testing.T) {
	c := newSmallCorpus(120)
	scripts := map[int]bool{}
	for i := range c.pages {
		body := c.smallBody(i, guidepostLinks{})
		if strings.Contains(body, "```") || len(body) > 2000 {
			t.Errorf("page %d is not a short page:\n%s", i, body)
		}
		scripts[i%len(smallScripts)] = true
	}
	if len(scripts) != len(smallScripts) {
		t.Errorf("%d of %d scripts used", len(scripts), len(smallScripts))
	}
}

// TestPageAccessors checks that what the accessors say of a page is in
// the file written for it, for every shape: its title in the front
// matter, its first sentence once, at the start of a line of its body.
func TestPageAccessors(t *testing.T) {
	for _, shape := range []Shape{Long, Small, Multilingual} {
		c, err := New(shape, 60)
		if err != nil {
			t.Fatal(err)
		}
		dir := t.TempDir()
		if err := c.WriteContent(dir); err != nil {
			t.Fatal(err)
		}
		for _, i := range []int{0, 1, c.Pages() - 1} {
			data, err := os.ReadFile(filepath.Join(dir, "content", c.PagePath(i)))
			if err != nil {
				t.Fatal(err)
			}
			page := string(data)
			if page != c.Page(i) {
				t.Errorf("%s page %d: Page is not the file written", shape, i)
			}
			if title := c.Title(i); title == "" || !strings.HasPrefix(page, "---\ntitle: \""+title+"\"\n") {
				t.Errorf("%s page %d: title %q is not the page's", shape, i, title)
			}
			s := c.Sentence(i)
			if len(s) < 10 || !strings.HasSuffix(s, ".") || strings.Count(page, s) != 1 || !strings.Contains(page, "\n"+s) {
				t.Errorf("%s page %d: sentence %q is not once at the start of a line of\n%s", shape, i, s, page)
			}
		}
		if _, err := os.Stat(filepath.Join(dir, "content", c.SectionPath(c.Pages()-1))); err != nil {
			t.Errorf("%s: the last page's section: %v", shape, err)
		}
	}
}

// TestWithTree checks that only a corpus WithTree has the tree, and that
// its start is the question its documentation names.
func TestWithTree(t *testing.T) {
	for _, tree := range []bool{false, true} {
		c := newCorpus(12)
		if tree {
			c = c.WithTree()
		}
		dir := t.TempDir()
		if err := c.WriteContent(dir); err != nil {
			t.Fatal(err)
		}
		index, err := os.ReadFile(filepath.Join(dir, "content", TreeDir, "_index.md"))
		if (err == nil) != tree {
			t.Errorf("WithTree %v: tree index: %v", tree, err)
		}
		if tree && !strings.Contains(string(index), "\nstart: first\n") {
			t.Errorf("the tree does not start at first.md:\n%s", index)
		}
	}
}
