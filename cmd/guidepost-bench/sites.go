package main

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/guidepost/guidepost/internal/markdown"
)

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

// sites are the folders a corpus is written to.
type sites struct {
	guidepost, hugo string
	// guidepostOne and hugoOne are the multilingual shape's corpus
	// written as sites of one language ("" for the other shapes);
	// guidepost and hugo are then the multilingual sites.
	guidepostOne, hugoOne string
}

// writeSites writes c as a guidepost site in dir/guidepost, with the
// layouts and static files of the repository at repo, and as a Hugo site
// in dir/hugo; the multilingual shape also as sites of one language in
// dir/guidepost-one and dir/hugo-one.
func writeSites(dir, repo string, c corpus) (sites, error) {
	s := sites{guidepost: filepath.Join(dir, "guidepost"), hugo: filepath.Join(dir, "hugo")}
	if c.langs > 0 {
		s.guidepostOne, s.hugoOne = filepath.Join(dir, "guidepost-one"), filepath.Join(dir, "hugo-one")
	}
	for _, d := range []string{s.guidepost, s.hugo, s.guidepostOne, s.hugoOne} {
		if d == "" {
			continue
		}
		if err := os.RemoveAll(d); err != nil {
			return s, fmt.Errorf("clear %s: %w", d, err)
		}
	}
	if err := writeGuidepostSite(s.guidepost, repo, c); err != nil {
		return s, err
	}
	if err := writeHugoSite(s.hugo, repo, c); err != nil {
		return s, err
	}
	if c.langs > 0 {
		if err := writeGuidepostSite(s.guidepostOne, repo, c.oneLanguageCopy()); err != nil {
			return s, err
		}
		if err := writeHugoSite(s.hugoOne, repo, c.oneLanguageCopy()); err != nil {
			return s, err
		}
	}
	return s, nil
}

func writeGuidepostSite(dir, repo string, c corpus) error {
	for _, sub := range []string{"layouts", "static"} {
		if err := copyTree(filepath.Join(repo, sub), filepath.Join(dir, sub)); err != nil {
			return err
		}
	}
	config := guidepostConfig
	if c.langs > 0 && !c.oneLanguage {
		config += guidepostLanguages()
	}
	if err := writeFile(dir, "guidepost.yaml", config); err != nil {
		return err
	}
	return c.writeContent(dir, guidepostLinks{})
}

// writeHugoSite writes the Hugo twin: the embedded configuration and
// layouts, the repository's stylesheet as a fingerprinted asset, the
// highlighting stylesheet guidepost would generate, the other static
// files, and the content with relref links.
func writeHugoSite(dir, repo string, c corpus) error {
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
		if rel == "hugo.toml" && c.langs > 0 && !c.oneLanguage {
			data = []byte(hugoLanguages(string(data)))
		}
		return writeFile(dir, filepath.ToSlash(rel), string(data))
	})
	if err != nil {
		return fmt.Errorf("write Hugo layouts: %w", err)
	}
	if err := copyTree(filepath.Join(repo, "static"), filepath.Join(dir, "static")); err != nil {
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

// copyTree copies the regular files below src to dst.
func copyTree(src, dst string) error {
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, p)
		if err != nil {
			return err
		}
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		if !d.Type().IsRegular() {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	if err != nil {
		return fmt.Errorf("copy %s: %w", src, err)
	}
	return nil
}

// repoRoot walks up from the working folder to the one holding the
// guidepost go.mod, where layouts/ and static/ live.
func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			if _, err := os.Stat(filepath.Join(dir, "layouts")); err == nil {
				return dir, nil
			}
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("run guidepost-bench inside the guidepost repository (no go.mod with layouts/ above the working folder)")
		}
		dir = parent
	}
}
