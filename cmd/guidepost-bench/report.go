package main

import (
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"time"
)

// report is everything the harness measured.
type report struct {
	pages, sections, runs int
	hugoVersion           string
	loadBefore, loadAfter string // /proc/loadavg around the measured runs
	sourceBytes           int64
	gpFiles, hugoFiles    int
	gpCalls, hugoCalls    *syscallCount // with -syscalls
	builds                []*series
	warm                  *warmReport
	serveLatency          []time.Duration // edit → reload event, per edit
	serveTODO             string

	profiled                        *buildReport
	profileDir                      string
	cpuTop, cpuCum, memTop, peakTop string

	multi *multiReport // the multilingual shape's builds, instead of builds
}

func (r *report) series(name string) *series {
	for _, s := range r.builds {
		if s.name == name {
			return s
		}
	}
	return nil
}

// write prints the report as Markdown.
func (r *report) write(w io.Writer) {
	if r.multi != nil {
		r.writeMultilingual(w)
		if r.profiled != nil {
			r.writeProfile(w)
		}
		return
	}
	fmt.Fprintf(w, "## %d pages\n\n", r.pages)
	fmt.Fprintf(w, "- machine: %d CPUs, %s, %s/%s, %s\n", runtime.NumCPU(), cpuModel(), runtime.GOOS, runtime.GOARCH, runtime.Version())
	if r.hugoVersion != "" {
		fmt.Fprintf(w, "- %s\n", r.hugoVersion)
	}
	fmt.Fprintf(w, "- corpus: %d pages in %d sections, %.1f MB of Markdown; output files: guidepost %d, Hugo %d\n",
		r.pages, r.sections, float64(r.sourceBytes)/1e6, r.gpFiles, r.hugoFiles)
	if len(r.builds) > 0 {
		fmt.Fprintf(w, "- medians of %d runs each, run alternately; date %s\n", r.runs, time.Now().Format("2006-01-02"))
		fmt.Fprintf(w, "- load average (1, 5, 15 min) before the runs: %s; after: %s\n\n", r.loadBefore, r.loadAfter)
		r.writeBuilds(w)
	}
	if r.gpCalls != nil && r.hugoCalls != nil {
		r.writeSyscalls(w)
	}
	if r.warm != nil {
		r.writeWarm(w)
	}
	if r.serveTODO != "" {
		fmt.Fprintf(w, "\n%s.\n", r.serveTODO)
	}
	if len(r.serveLatency) > 0 {
		r.writeServe(w)
	}
	if r.profiled != nil {
		r.writeProfile(w)
	}
}

func (r *report) writeBuilds(w io.Writer) {
	hugo := r.series(rowHugo)
	fmt.Fprintln(w, "| build | wall | CPU (user+sys) | peak RSS | wall vs Hugo | peak RSS vs Hugo |")
	fmt.Fprintln(w, "|---|--:|--:|--:|--:|--:|")
	for _, s := range r.builds {
		fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %s |\n", s.name, ms(s.medianWall()), ms(s.medianCPU()), mib(s.medianRSS()),
			ratio(s.medianWall(), hugo.medianWall()), ratio(s.medianRSS(), hugo.medianRSS()))
	}
}

// writeSyscalls prints the files each generator wrote and the system
// calls of one cold build of each.
func (r *report) writeSyscalls(w io.Writer) {
	perPage := func(n int) string { return fmt.Sprintf("%.1f", float64(n)/float64(r.pages)) }
	times := func(a, b int) string { return fmt.Sprintf("%.2f×", float64(a)/float64(b)) }
	g, h := r.gpCalls, r.hugoCalls
	fmt.Fprintln(w, "\nFiles written and system calls of one cold build each (`strace -c -f`; I/O leaves out the Go runtime's own calls):")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| | guidepost | Hugo | guidepost vs Hugo |")
	fmt.Fprintln(w, "|---|--:|--:|--:|")
	fmt.Fprintf(w, "| files written | %d | %d | %s |\n", r.gpFiles, r.hugoFiles, times(r.gpFiles, r.hugoFiles))
	fmt.Fprintf(w, "| system calls | %d | %d | %s |\n", g.All, h.All, times(g.All, h.All))
	fmt.Fprintf(w, "| per page | %s | %s | |\n", perPage(g.All), perPage(h.All))
	fmt.Fprintf(w, "| I/O calls | %d | %d | %s |\n", g.IO, h.IO, times(g.IO, h.IO))
	fmt.Fprintf(w, "| per page | %s | %s | |\n", perPage(g.IO), perPage(h.IO))
}

func (r *report) writeWarm(w io.Writer) {
	hugo := r.series(rowHugo)
	fmt.Fprintln(w, "\nDev server rebuilds (one long-lived build.Incremental, in memory, no files written):")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| rebuild | median | max | vs Hugo full build |")
	fmt.Fprintln(w, "|---|--:|--:|--:|")
	row := func(name string, xs []time.Duration) {
		var m time.Duration
		for _, x := range xs {
			m = max(m, x)
		}
		fmt.Fprintf(w, "| %s | %s | %s | %s |\n", name, ms(median(xs)), ms(m), ratio(median(xs), hugo.medianWall()))
	}
	row("first build (everything)", []time.Duration{r.warm.First})
	row("nothing changed", r.warm.Unchanged)
	row("one page changed: Rebuild (pages ready)", r.warm.OnePage)
	row("one page changed: Finish (search index)", r.warm.Finish)
	fmt.Fprintf(w, "\nPages rendered per one-page rebuild: %v\n", r.warm.Rendered)
}

func (r *report) writeServe(w io.Writer) {
	var m time.Duration
	for _, x := range r.serveLatency {
		m = max(m, x)
	}
	fmt.Fprintf(w, "\nDev server (`guidepost serve`), edit → `reload` event naming the page, over %d edits: p50 %s, p95 %s, max %s.\n",
		len(r.serveLatency), ms(percentile(r.serveLatency, 50)), ms(percentile(r.serveLatency, 95)), ms(m))
}

func (r *report) writeProfile(w io.Writer) {
	p := r.profiled
	fmt.Fprintf(w, "\n### Profile of one build (no highlight cache)\n\n")
	fmt.Fprintf(w, "In-process build: %s, %d pages, %d files; peak heap %.0f MiB, %.0f MB allocated, %d GCs. Profiles: %s\n\n",
		ms(p.Wall), p.Pages, p.Files, p.PeakHeapMiB, p.TotalAllocMB, p.GCs, r.profileDir)
	for _, t := range []struct{ title, text string }{
		{"CPU, flat", r.cpuTop}, {"CPU, cumulative", r.cpuCum}, {"allocated bytes (alloc_space)", r.memTop},
		{"in-use heap near the peak (inuse_space, cumulative)", r.peakTop},
	} {
		fmt.Fprintf(w, "%s:\n\n```\n%s```\n\n", t.title, t.text)
	}
}

// loadAverage returns the 1, 5 and 15 minute load averages on Linux.
func loadAverage() string {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(data))
	if len(f) < 3 {
		return "unknown"
	}
	return strings.Join(f[:3], " ")
}

// cpuModel returns the processor's model name on Linux.
func cpuModel() string {
	data, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return "unknown CPU"
	}
	for _, line := range strings.Split(string(data), "\n") {
		if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return "unknown CPU"
}
