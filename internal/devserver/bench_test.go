package devserver

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
)

// BenchmarkEditToEvent measures how long an author waits: from saving a
// page to the reload event reaching the browser, through the watcher,
// the debounce, the incremental build and the event stream. It reports
// the median and 95th percentile in milliseconds. Each edit starts with
// the server idle (slow generated files such as the search index are
// brought up to date between edits, as while an author types).
//
//	go test -run '^$' -bench EditToEvent -benchtime 40x ./internal/devserver
func BenchmarkEditToEvent(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("pages=%d", n), func(b *testing.B) {
			site := genSite(b, n)
			srv := startServer(b, site.dir, Options{})
			c, _ := srv.open(b, site.url(0))
			file := filepath.Join(site.dir, filepath.FromSlash(site.file(0)))
			src := readFile(b, site.dir, site.file(0))
			lat := make([]time.Duration, 0, b.N)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				srv.waitIdle(b)
				edited := strings.Replace(src, site.c.Sentence(0), fmt.Sprintf("Edit number %d.", i), 1)
				b.StartTimer()
				start := time.Now()
				if err := os.WriteFile(file, []byte(edited), 0o644); err != nil {
					b.Fatal(err)
				}
				c.waitReload(b, site.url(0))
				lat = append(lat, time.Since(start))
			}
			b.StopTimer()
			sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
			pct := func(p float64) float64 {
				return float64(lat[min(len(lat)-1, int(p*float64(len(lat))))].Microseconds()) / 1000
			}
			b.ReportMetric(pct(0.50), "p50-ms")
			b.ReportMetric(pct(0.95), "p95-ms")
		})
	}
}

// waitIdle waits until no generated files are being brought up to date.
func (s *testServer) waitIdle(t testing.TB) {
	t.Helper()
	deadline := time.Now().Add(2 * time.Minute)
	for {
		s.mu.Lock()
		busy := s.finishing
		s.mu.Unlock()
		if !busy {
			return
		}
		if time.Now().After(deadline) {
			t.Fatal("the server stays busy")
		}
		time.Sleep(5 * time.Millisecond)
	}
}
