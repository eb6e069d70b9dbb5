package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/guidepost/guidepost/internal/corpus"
)

// harness runs the measurements of one corpus.
type harness struct {
	opts     options
	work     string
	sites    sites
	corpus   corpus.Corpus
	bins     binaries
	progress func(format string, a ...any)
}

// Names of the measured builds, as the report shows them.
const (
	rowHugo        = "Hugo (full build)"
	rowGuidepost   = "guidepost build, cold (caches off)"
	rowCacheEmpty  = "guidepost build, highlight cache empty"
	rowCacheWarm   = "guidepost build --force, highlight cache warm"
	rowCacheEdited = "guidepost build, one page changed, cache warm"
	rowUpToDate    = "guidepost build, nothing changed (up to date)"
)

// editedPage is the content path of the page the warm builds edit.
func (h *harness) editedPage() string { return "content/" + h.corpus.PagePath(h.corpus.Pages()/2) }

func (h *harness) commands() []command {
	gpDest := filepath.Join(h.work, "out", "guidepost")
	hugoDest := filepath.Join(h.work, "out", "hugo")
	// The cache rows run `guidepost build` with their own user cache
	// folder (XDG_CACHE_HOME), which holds the highlight cache and the
	// record of the last build that lets an unchanged site skip its work.
	warmHome := filepath.Join(h.work, "cache", "warm")
	emptyHome := filepath.Join(h.work, "cache", "empty")
	build := []string{h.bins.guidepost, "build", "--source", h.sites.guidepost, "--dest", gpDest}
	page := filepath.Join(h.sites.guidepost, filepath.FromSlash(h.editedPage()))
	return []command{
		{name: rowGuidepost, args: build, env: []string{"GUIDEPOST_CACHE=off"}, before: removeAll(gpDest)},
		{name: rowHugo, args: []string{h.bins.hugo, "--source", h.sites.hugo, "--destination", hugoDest, "--quiet"},
			before: removeAll(hugoDest, filepath.Join(h.sites.hugo, "resources"))},
		{name: rowCacheEmpty, args: build, env: []string{"XDG_CACHE_HOME=" + emptyHome}, before: removeAll(gpDest, emptyHome)},
		{name: rowCacheWarm, args: append(build[:len(build):len(build)], "--force"), env: []string{"XDG_CACHE_HOME=" + warmHome}, before: removeAll(gpDest), expect: "built "},
		// The output of the previous row stays: this is an author's
		// rebuild, which also replaces the previous output.
		{name: rowCacheEdited, args: build, env: []string{"XDG_CACHE_HOME=" + warmHome},
			before: func(run int) error { return appendLine(page, fmt.Sprintf("Edited before measured run %d.", run)) }, expect: "built "},
		// Right after the previous row, with nothing changed since.
		{name: rowUpToDate, args: build, env: []string{"XDG_CACHE_HOME=" + warmHome}, expect: "up to date: "},
	}
}

// measureAll checks that both sites build, then measures every command
// runs times, alternating between them, and the dev server's rebuilds.
func (h *harness) measureAll(rep *report) error {
	rep.hugoVersion = hugoVersion(h.bins.hugo)
	h.progress("%s", rep.hugoVersion)
	scratch := filepath.Join(h.work, "scratch")
	if err := os.MkdirAll(scratch, 0o755); err != nil {
		return err
	}
	page := filepath.Join(h.sites.guidepost, filepath.FromSlash(h.editedPage()))
	orig, err := os.ReadFile(page)
	if err != nil {
		return err
	}
	defer os.WriteFile(page, orig, 0o644)

	cmds := h.commands()
	if h.opts.coldOnly {
		cmds = cmds[:2] // rowGuidepost, rowHugo
	}
	// One unmeasured build of each: checks both sites build, warms the OS
	// file cache and fills the warm highlight cache.
	// -cold-only skips it: the corpus was just written, and a build that
	// fails fails its measured run.
	if !h.opts.coldOnly {
		for _, c := range cmds {
			if _, err := measure(c, -1, scratch); err != nil {
				return fmt.Errorf("first build: %w", err)
			}
		}
	}

	all := make([]*series, len(cmds))
	for i, c := range cmds {
		all[i] = &series{name: c.name}
	}
	if err := h.runAlternately(rep, cmds, all, scratch); err != nil {
		return err
	}
	rep.builds = all
	rep.gpFiles = countFiles(filepath.Join(h.work, "out", "guidepost"))
	rep.hugoFiles = countFiles(filepath.Join(h.work, "out", "hugo"))
	rep.sourceBytes = treeSize(filepath.Join(h.sites.guidepost, "content"))
	if err := os.WriteFile(page, orig, 0o644); err != nil {
		return err
	}
	if h.opts.syscalls {
		if err := h.countSyscalls(rep, cmds, scratch); err != nil {
			return err
		}
	}

	if h.opts.coldOnly {
		return nil
	}
	h.progress("dev server rebuilds (build.Incremental, in memory)")
	out, err := exec.Command(h.bins.self, "_warm", "-source", h.sites.guidepost, "-page", h.editedPage(), "-runs", fmt.Sprint(max(h.opts.runs, 5))).Output()
	if err != nil {
		return fmt.Errorf("_warm: %w\n%s", err, exitStderr(err))
	}
	rep.warm = &warmReport{}
	if err := json.Unmarshal(lastLine(out), rep.warm); err != nil {
		return fmt.Errorf("_warm: read report: %w", err)
	}
	return h.measureServe(rep)
}

// measureServe measures the dev server's edit → reload event latency, or
// records why it cannot.
func (h *harness) measureServe(rep *report) error {
	if h.opts.edits == 0 {
		return nil
	}
	if err := exec.Command(h.bins.guidepost, "serve", "--help").Run(); err != nil {
		rep.serveTODO = "TODO: `guidepost serve` does not exist yet, so the edit → SSE event latency (p50/p95 over 50 edits) is pending"
		return nil
	}
	h.progress("dev server: %d edits of %s, waiting for each reload event", h.opts.edits, h.editedPage())
	lat, err := measureServe(context.Background(), h.bins.guidepost, h.sites.guidepost, h.editedPage(), h.opts.edits)
	if err != nil {
		return fmt.Errorf("dev server latency: %w", err)
	}
	rep.serveLatency = lat
	return nil
}

// profile writes CPU and allocation profiles of one build without the
// highlight cache and records their top entries.
func (h *harness) profile(rep *report) error {
	dir, err := filepath.Abs(h.opts.profile)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	cpu, mem := filepath.Join(dir, "cpu.pprof"), filepath.Join(dir, "mem.pprof")
	h.progress("profiling one build into %s", dir)
	out, err := exec.Command(h.bins.self, "_build", "-source", h.sites.guidepost, "-dest", filepath.Join(h.work, "out", "profile"),
		"-cpuprofile", cpu, "-memprofile", mem).Output()
	if err != nil {
		return fmt.Errorf("profile build: %w\n%s", err, exitStderr(err))
	}
	rep.profiled = &buildReport{}
	if err := json.Unmarshal(lastLine(out), rep.profiled); err != nil {
		return fmt.Errorf("profile build: read report: %w", err)
	}
	rep.profileDir = dir
	for _, p := range []struct {
		dst  *string
		args []string
	}{
		{&rep.cpuTop, []string{"tool", "pprof", "-top", "-nodecount=25", cpu}},
		{&rep.cpuCum, []string{"tool", "pprof", "-top", "-cum", "-nodecount=40", cpu}},
		{&rep.memTop, []string{"tool", "pprof", "-top", "-sample_index=alloc_space", "-nodecount=25", mem}},
		{&rep.peakTop, []string{"tool", "pprof", "-top", "-cum", "-sample_index=inuse_space", "-nodecount=40", filepath.Join(dir, "mem-peak.pprof")}},
	} {
		top, err := exec.Command("go", p.args...).Output()
		if err != nil {
			return fmt.Errorf("go %s: %w\n%s", strings.Join(p.args, " "), err, exitStderr(err))
		}
		*p.dst = string(top)
	}
	return nil
}

// appendLine appends a paragraph to the file at path.
func appendLine(path, line string) error {
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	if _, err := f.WriteString("\n" + line + "\n"); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// countFiles counts the regular files below dir.
func countFiles(dir string) int {
	n := 0
	filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			n++
		}
		return nil
	})
	return n
}

// treeSize is the total size of the regular files below dir.
func treeSize(dir string) int64 {
	var n int64
	filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			if info, err := d.Info(); err == nil {
				n += info.Size()
			}
		}
		return nil
	})
	return n
}

// lastLine returns the last non-empty line of out.
func lastLine(out []byte) []byte {
	lines := bytes.Split(bytes.TrimSpace(out), []byte("\n"))
	return lines[len(lines)-1]
}

// exitStderr returns the standard error of a failed exec.Command.Output.
func exitStderr(err error) string {
	if ee, ok := err.(*exec.ExitError); ok {
		return lastLines(string(ee.Stderr), 30)
	}
	return ""
}

// removeAll returns a command's before-step that removes dirs, so that
// each run writes into new folders.
func removeAll(dirs ...string) func(int) error {
	return func(int) error {
		for _, d := range dirs {
			if err := os.RemoveAll(d); err != nil {
				return err
			}
		}
		return nil
	}
}

// runAlternately measures each command opts.runs times, alternating
// between them, adding each sample to the command's series, and records
// the load average before and after.
func (h *harness) runAlternately(rep *report, cmds []command, all []*series, scratch string) error {
	rep.loadBefore = loadAverage()
	for run := range h.opts.runs {
		for i, c := range cmds {
			s, err := measure(c, run, scratch)
			if err != nil {
				return err
			}
			all[i].samples = append(all[i].samples, s)
			h.progress("run %d/%d  %-52s %9s  %s", run+1, h.opts.runs, c.name, ms(s.Wall), mib(s.PeakRSSKB))
		}
	}
	rep.loadAfter = loadAverage()
	return nil
}

// countSyscalls counts the system calls of one cold guidepost build and
// one Hugo build (the first two commands) with strace.
func (h *harness) countSyscalls(rep *report, cmds []command, scratch string) error {
	for _, c := range cmds {
		if c.name != rowGuidepost && c.name != rowHugo {
			continue
		}
		h.progress("strace -c -f: %s", c.name)
		n, err := countSyscalls(c, scratch)
		if err != nil {
			return err
		}
		if c.name == rowGuidepost {
			rep.gpCalls = &n
		} else {
			rep.hugoCalls = &n
		}
	}
	return nil
}
