package build

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkIncremental measures the dev server's in-memory rebuilds of a
// generated corpus once the first build is done: "nothing" with no change
// at all, "onepage" after one page's text changed. The onepage time is
// what an author waits for, besides the watcher's debounce; profile it
// with
//
//	go test -run '^$' -bench 'Incremental/pages=10000/onepage' -benchtime 20x -cpuprofile cpu.pprof ./internal/build
//
// GUIDEPOST_BENCH_SITE=folder GUIDEPOST_BENCH_PAGE=content/path.md
// measures an existing site instead (such as the corpus of
// cmd/guidepost-bench); the page is put back as it was.
func BenchmarkIncremental(b *testing.B) {
	if dir := os.Getenv("GUIDEPOST_BENCH_SITE"); dir != "" {
		b.Run("site", func(b *testing.B) { benchIncremental(b, dir, os.Getenv("GUIDEPOST_BENCH_PAGE")) })
		return
	}
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("pages=%d", n), func(b *testing.B) {
			src := b.TempDir()
			c := writeCorpus(b, src, n)
			benchIncremental(b, src, "content/"+c.PagePath(n/c.Sections()+1))
		})
	}
}

func benchIncremental(b *testing.B, src, page string) {
	file := filepath.Join(src, filepath.FromSlash(page))
	orig, err := os.ReadFile(file)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { os.WriteFile(file, orig, 0o644) })
	inc := NewIncremental(Options{Source: src, Now: now})
	if _, err := inc.Rebuild(Changes{All: true}); err != nil {
		b.Fatal(err)
	}
	if _, err := inc.Finish(); err != nil {
		b.Fatal(err)
	}
	b.Run("nothing", func(b *testing.B) {
		for b.Loop() {
			if _, err := inc.Rebuild(Changes{}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("onepage", func(b *testing.B) {
		i := 0
		for b.Loop() {
			b.StopTimer()
			i++
			edited := fmt.Appendf(append([]byte{}, orig...), "\nEdit %d.\n", i)
			if err := os.WriteFile(file, edited, 0o644); err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
			up, err := inc.Rebuild(Changes{Files: []string{page}})
			if err != nil {
				b.Fatal(err)
			}
			if up.Rendered == 0 || len(up.Pages) == 0 {
				b.Fatalf("the edit of %s rendered %d pages, changed %v", page, up.Rendered, up.Pages)
			}
		}
	})
}
