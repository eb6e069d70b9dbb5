package corpus

import (
	"embed"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/guidepost/guidepost/internal/fileio"
	"github.com/guidepost/guidepost/internal/markdown"
)

// Shape is the kind of pages a corpus holds.
type Shape string

// The shapes of corpus.
const (
	// Long pages: prose, lists, a table, a callout, two code blocks and
	// internal links, about a hundred pages per section.
	Long Shape = "long"
	// Small: many short pages in many scripts (small.go).
	Small Shape = "small"
	// Multilingual: short pages in four languages (multilingual.go).
	Multilingual Shape = "multilingual"
)

// New returns the corpus of shape with n regular pages (for
// Multilingual, about n pages over all its languages).
func New(shape Shape, n int) (Corpus, error) {
	switch shape {
	case Long:
		return newCorpus(n), nil
	case Small:
		return newSmallCorpus(n), nil
	case Multilingual:
		return newMultilingualCorpus(n), nil
	}
	return Corpus{}, fmt.Errorf("unknown corpus shape %q (want long, small or multilingual)", shape)
}

// Pages is how many regular pages the corpus has in its default language
// (the originals of the multilingual shape).
func (c Corpus) Pages() int { return c.pages }

// Sections is how many sections the pages are spread over.
func (c Corpus) Sections() int { return c.sections }

// RegularPages is how many regular pages the corpus has in all languages.
func (c Corpus) RegularPages() int { return c.regularPages() }

// Multilingual reports whether the corpus is written in several languages
// (its OneLanguage copy is not).
func (c Corpus) Multilingual() bool { return c.langs > 0 && !c.oneLanguage }

// HasOneLanguageCopy reports whether the corpus is of the multilingual
// shape, which is also written as a site of one language.
func (c Corpus) HasOneLanguageCopy() bool { return c.langs > 0 }

// OneLanguage is the multilingual corpus written as a site of one
// language: the same pages, the translations pages of their own.
func (c Corpus) OneLanguage() Corpus { return c.oneLanguageCopy() }

// PagePath is the content path of page i, e.g. "s03/p00312.md".
func (c Corpus) PagePath(i int) string { return c.pagePath(i) }

// SectionPath is the content path of the _index.md of page i's section,
// e.g. "s03/_index.md".
func (c Corpus) SectionPath(i int) string { return path.Dir(c.pagePath(i)) + "/_index.md" }

// Page is the file of page i in the default language: its front matter
// and Markdown, as WriteContent writes it.
func (c Corpus) Page(i int) string { return c.page(i, guidepostLinks{}) }

// Title is the title of page i in the default language.
func (c Corpus) Title(i int) string {
	title, _, _ := strings.Cut(strings.TrimPrefix(c.Page(i), "---\ntitle: \""), "\"\n")
	return title
}

// Sentence is the first sentence of page i's Markdown in the default
// language: text at the start of a paragraph, found once in the page,
// for a test to edit.
func (c Corpus) Sentence(i int) string {
	_, body, _ := strings.Cut(strings.TrimPrefix(c.Page(i), "---\n"), "\n---\n")
	for line := range strings.Lines(body) {
		if line == "\n" || strings.HasPrefix(line, "#") {
			continue
		}
		if end := strings.IndexByte(line, '.'); end >= 0 {
			return line[:end+1]
		}
		return strings.TrimSuffix(line, "\n")
	}
	return ""
}

// Language is one language of the multilingual shape.
type Language struct{ Code, Name string }

// Languages are the multilingual shape's languages, the default first.
func Languages() []Language {
	out := make([]Language, len(multiLanguages))
	for i, l := range multiLanguages {
		out[i] = Language{l.code, l.name}
	}
	return out
}

// hugoSite holds the Hugo configuration and layouts of the Hugo twin.
//
//go:embed all:hugosite
var hugoSite embed.FS

// guidepostConfig is the guidepost.yaml of the generated site.
const guidepostConfig = `title: Corpus
description: A generated knowledge base for benchmarks.
base_url: https://example.org/
language: en
review_every: 10y
highlight:
  light: github
  dark: github-dark
menus:
  main:
    - name: Tags
      url: /tags/
    - name: Jurisdictions
      url: /jurisdictions/
  footer:
    - name: Tags
      url: /tags/
`

// WriteContent writes the corpus's content/ folder into dir, with
// guidepost's links (relative links to .md files).
func (c Corpus) WriteContent(dir string) error { return c.writeContent(dir, guidepostLinks{}) }

// WriteGuidepost writes the corpus as a guidepost site in dir: the
// layouts and static files of the repository at repo, guidepost.yaml and
// the content.
func (c Corpus) WriteGuidepost(dir, repo string) error {
	for _, sub := range []string{"layouts", "static"} {
		if err := fileio.CopyTree(filepath.Join(repo, sub), filepath.Join(dir, sub)); err != nil {
			return err
		}
	}
	config := guidepostConfig
	if c.Multilingual() {
		config += guidepostLanguages()
	}
	if err := writeFile(dir, "guidepost.yaml", config); err != nil {
		return err
	}
	return c.WriteContent(dir)
}

// WriteHugo writes the corpus as the Hugo twin of its guidepost site in
// dir: the embedded configuration and layouts, the repository's
// stylesheet as a fingerprinted asset, the highlighting stylesheet
// guidepost would generate, the other static files, and the content with
// relref links.
func (c Corpus) WriteHugo(dir, repo string) error {
	err := fs.WalkDir(hugoSite, "hugosite", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := hugoSite.ReadFile(p)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel("hugosite", p)
		if err != nil {
			return err
		}
		if rel == "hugo.toml" && c.Multilingual() {
			data = []byte(hugoLanguages(string(data)))
		}
		return writeFile(dir, filepath.ToSlash(rel), string(data))
	})
	if err != nil {
		return fmt.Errorf("write Hugo layouts: %w", err)
	}
	if err := fileio.CopyTree(filepath.Join(repo, "static"), filepath.Join(dir, "static")); err != nil {
		return err
	}
	css, err := os.ReadFile(filepath.Join(repo, "static", "css", "site.css"))
	if err != nil {
		return fmt.Errorf("write Hugo assets: %w", err)
	}
	if err := writeFile(dir, "assets/css/site.css", string(css)); err != nil {
		return err
	}
	syntax, err := markdown.StyleCSS("github", "github-dark")
	if err != nil {
		return fmt.Errorf("write Hugo assets: %w", err)
	}
	if err := writeFile(dir, "assets/css/syntax.css", string(syntax)); err != nil {
		return err
	}
	return c.writeContent(dir, hugoLinks{})
}
