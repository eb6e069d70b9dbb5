package corpus

import (
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
