package build

import (
	"path/filepath"
	"testing"
)

// benchPages is the number of regular pages of the benchmark corpus.
const benchPages = 1000

// BenchmarkBuild measures full builds of a generated corpus of benchPages
// pages into a folder: "cold" with a new Builder each time, as `guidepost
// build` runs, and "warm" with one Builder kept across builds, as the dev
// server runs.
func BenchmarkBuild(b *testing.B) {
	src := b.TempDir()
	writeCorpus(b, src, benchPages)
	dest := filepath.Join(b.TempDir(), "public")
	b.Run("cold", func(b *testing.B) {
		benchmark(b, func() (*Result, error) { return Build(Options{Source: src, Dest: dest, Now: now}) })
	})
	b.Run("warm", func(b *testing.B) {
		builder := New()
		benchmark(b, func() (*Result, error) { return builder.Build(Options{Source: src, Dest: dest, Now: now}) })
	})
}

// BenchmarkCheck measures `guidepost check` on the same corpus: every stage
// of a build, templates included, without writing.
func BenchmarkCheck(b *testing.B) {
	src := b.TempDir()
	writeCorpus(b, src, benchPages)
	benchmark(b, func() (*Result, error) { return Build(Options{Source: src, CheckOnly: true, Now: now}) })
}

// benchmark runs build in a b.Loop and reports rendered pages per second.
func benchmark(b *testing.B, build func() (*Result, error)) {
	pages := 0
	for b.Loop() {
		res, err := build()
		if err != nil {
			b.Fatal(err)
		}
		pages = res.Pages
	}
	b.ReportMetric(float64(pages)*float64(b.N)/b.Elapsed().Seconds(), "pages/s")
}
