package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/metrics"
	"runtime/pprof"
	"strings"
	"sync/atomic"
	"time"

	"github.com/guidepost/guidepost/internal/build"
	"github.com/guidepost/guidepost/internal/markdown"
)

// buildReport is what `guidepost-bench _build` prints as JSON.
type buildReport struct {
	Pages        int
	Files        int
	Wall         time.Duration
	PeakHeapMiB  float64 // peak bytes in live and not-yet-swept heap objects
	TotalAllocMB float64 // bytes allocated during the build
	GCs          uint32
}

// runInprocBuild is the hidden subcommand `_build`: one build exactly as
// `guidepost build` runs it (build.Build), optionally with the persistent
// highlight cache in a given folder and with CPU and memory profiles. The
// harness measures it as a separate process, so a build with the cache
// can be timed before cmd/guidepost turns the cache on.
func runInprocBuild(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("_build", flag.ContinueOnError)
	source := fs.String("source", "", "site folder")
	dest := fs.String("dest", "", "output folder")
	cacheDir := fs.String("cache", "", "highlight cache `folder` (default: none)")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile to `file`")
	memProfile := fs.String("memprofile", "", "write an allocation profile to `file`")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *source == "" || *dest == "" {
		return errors.New("_build: -source and -dest are required")
	}
	var cache *markdown.HighlightCache // nil: none
	if *cacheDir != "" {
		var err error
		if cache, err = markdown.OpenHighlightCache(*cacheDir, markdown.DefaultHighlightCacheSize); err != nil {
			return err
		}
	}
	if *memProfile != "" {
		runtime.MemProfileRate = 64 << 10
	}
	stopCPU, err := startCPUProfile(*cpuProfile)
	if err != nil {
		return err
	}
	defer stopCPU()

	var peakHeap bytes.Buffer // in-use heap profile near the peak
	onPeak := func() {}
	if *memProfile != "" {
		onPeak = func() {
			peakHeap.Reset()
			_ = pprof.Lookup("heap").WriteTo(&peakHeap, 0)
		}
	}
	peak, stop := watchHeap(onPeak)
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	start := time.Now()
	res, err := build.Build(build.Options{Source: *source, Dest: *dest, HighlightCache: cache})
	if err == nil {
		err = cache.Flush() // as cmd/guidepost will once it uses the cache
	}
	wall := time.Since(start)
	stop()
	if err != nil {
		if res != nil {
			for _, d := range res.Diags.Errors() {
				fmt.Fprintln(os.Stderr, d.String())
			}
		}
		return fmt.Errorf("_build: %w", err)
	}
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	if *memProfile != "" {
		if err := writeMemProfiles(*memProfile, peakHeap.Bytes()); err != nil {
			return err
		}
	}
	return json.NewEncoder(stdout).Encode(buildReport{
		Pages:        res.Pages,
		Files:        res.Files,
		Wall:         wall,
		PeakHeapMiB:  float64(peak()) / (1 << 20),
		TotalAllocMB: float64(after.TotalAlloc-before.TotalAlloc) / (1 << 20),
		GCs:          after.NumGC - before.NumGC,
	})
}

// startCPUProfile starts a CPU profile into file, when one is named, and
// returns what stops it.
func startCPUProfile(file string) (stop func(), err error) {
	if file == "" {
		return func() {}, nil
	}
	f, err := os.Create(file)
	if err != nil {
		return nil, fmt.Errorf("_build: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("_build: start CPU profile: %w", err)
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}

// writeMemProfiles writes the allocation profile into file and the in-use
// heap profile taken near the peak, peak, beside it as <file>-peak.pprof.
func writeMemProfiles(file string, peak []byte) error {
	f, err := os.Create(file)
	if err != nil {
		return fmt.Errorf("_build: %w", err)
	}
	defer f.Close()
	if err := pprof.Lookup("allocs").WriteTo(f, 0); err != nil {
		return fmt.Errorf("_build: write memory profile: %w", err)
	}
	peakFile := strings.TrimSuffix(file, ".pprof") + "-peak.pprof"
	if err := os.WriteFile(peakFile, peak, 0o644); err != nil {
		return fmt.Errorf("_build: write peak heap profile: %w", err)
	}
	return nil
}

// watchHeap samples the heap every few milliseconds until stop is called;
// peak returns the largest heap seen. onPeak runs, on the sampling
// goroutine, each time the live heap (as marked by the last GC, which is
// what a heap profile shows) grows a tenth above the level of its last
// call, so its last call is near the peak of live objects.
func watchHeap(onPeak func()) (peak func() uint64, stop func()) {
	var max atomic.Uint64
	done := make(chan struct{})
	finished := make(chan struct{})
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}, {Name: "/gc/heap/live:bytes"}}
	var reported uint64
	go func() {
		defer close(finished)
		t := time.NewTicker(2 * time.Millisecond)
		defer t.Stop()
		for {
			metrics.Read(sample)
			v := sample[0].Value.Uint64()
			if v > max.Load() {
				max.Store(v)
			}
			if live := sample[1].Value.Uint64(); live > reported+reported/10 {
				reported = live
				onPeak()
			}
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	return max.Load, func() { close(done); <-finished }
}
