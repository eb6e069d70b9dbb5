package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/guidepost/guidepost/internal/build"
)

// warmReport is what `guidepost-bench _warm` prints as JSON: durations of
// in-memory rebuilds by one long-lived build.Incremental, as the dev
// server runs them.
type warmReport struct {
	First     time.Duration   // the first, full build (with Finish)
	Unchanged []time.Duration // Rebuild with nothing changed
	OnePage   []time.Duration // Rebuild after one page's text changed
	Finish    []time.Duration // Finish after that (search index)
	Rendered  []int           // pages rendered by each one-page Rebuild
}

// runWarm is the hidden subcommand `_warm`: it builds the site with a
// build.Incremental, then rebuilds it runs times with nothing changed and
// runs times after editing one page, and restores the page.
func runWarm(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("_warm", flag.ContinueOnError)
	source := fs.String("source", "", "site folder")
	page := fs.String("page", "", "content `path` of the page to edit, relative to the site folder")
	runs := fs.Int("runs", 5, "rebuilds of each kind")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *source == "" || *page == "" {
		return errors.New("_warm: -source and -page are required")
	}
	file := filepath.Join(*source, filepath.FromSlash(*page))
	orig, err := os.ReadFile(file)
	if err != nil {
		return fmt.Errorf("_warm: %w", err)
	}
	defer os.WriteFile(file, orig, 0o644)

	inc := build.NewIncremental(build.Options{Source: *source})
	var rep warmReport
	start := time.Now()
	if _, err := inc.Rebuild(build.Changes{All: true}); err != nil {
		return fmt.Errorf("_warm: first build: %w", err)
	}
	if _, err := inc.Finish(); err != nil {
		return fmt.Errorf("_warm: first build: %w", err)
	}
	rep.First = time.Since(start)
	for run := range *runs {
		start := time.Now()
		if _, err := inc.Rebuild(build.Changes{}); err != nil {
			return fmt.Errorf("_warm: rebuild with nothing changed: %w", err)
		}
		rep.Unchanged = append(rep.Unchanged, time.Since(start))

		edited := append(append([]byte{}, orig...), fmt.Sprintf("\nEdited in benchmark run %d.\n", run)...)
		if err := os.WriteFile(file, edited, 0o644); err != nil {
			return fmt.Errorf("_warm: %w", err)
		}
		start = time.Now()
		up, err := inc.Rebuild(build.Changes{Files: []string{*page}})
		if err != nil {
			return fmt.Errorf("_warm: rebuild after an edit: %w", err)
		}
		rep.OnePage = append(rep.OnePage, time.Since(start))
		rep.Rendered = append(rep.Rendered, up.Rendered)
		start = time.Now()
		if _, err := inc.Finish(); err != nil {
			return fmt.Errorf("_warm: finish after an edit: %w", err)
		}
		rep.Finish = append(rep.Finish, time.Since(start))
	}
	return json.NewEncoder(stdout).Encode(rep)
}
