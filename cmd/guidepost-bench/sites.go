package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/guidepost/guidepost/internal/corpus"
)

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
func writeSites(dir, repo string, c corpus.Corpus) (sites, error) {
	s := sites{guidepost: filepath.Join(dir, "guidepost"), hugo: filepath.Join(dir, "hugo")}
	if c.HasOneLanguageCopy() {
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
	if err := c.WriteGuidepost(s.guidepost, repo); err != nil {
		return s, err
	}
	if err := c.WriteHugo(s.hugo, repo); err != nil {
		return s, err
	}
	if c.HasOneLanguageCopy() {
		if err := c.OneLanguage().WriteGuidepost(s.guidepostOne, repo); err != nil {
			return s, err
		}
		if err := c.OneLanguage().WriteHugo(s.hugoOne, repo); err != nil {
			return s, err
		}
	}
	return s, nil
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
