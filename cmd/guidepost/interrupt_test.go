package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/guidepost/guidepost/internal/testsite"
)

// runawayLayout never ends and writes nothing.
const runawayLayout = `{{define "main"}}{{range 1000000000000}}{{end}}{{end}}`

// TestSignalStopsARunawayBuild starts a build whose layout never ends and
// stops it with Ctrl-C or SIGTERM: it exits within two seconds, removes its
// temporary folder and leaves the previous output as it was.
func TestSignalStopsARunawayBuild(t *testing.T) {
	testsite.SkipShort(t, "runs two builds that hang until stopped: run without -short")
	for _, sig := range []os.Signal{os.Interrupt, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) {
			work, site := newSite(t)
			dest := filepath.Join(work, "public")
			if res := runCLI(t, work, "build", "--source", site, "--dest", dest); res.code != 0 {
				t.Fatalf("first build: exit %d\n%s", res.code, res.stderr)
			}
			before := hashTree(t, dest)
			writeFile(t, site, "layouts/_default/single.html", runawayLayout)

			cmd := exec.Command(binary, "build", "--source", site, "--dest", dest)
			cmd.Dir = work
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			exited := make(chan struct{})
			go func() { cmd.Wait(); close(exited) }()
			time.Sleep(time.Second) // loading is done; the layout runs
			select {
			case <-exited:
				t.Fatalf("the build ended before the signal: %s%s", stdout.String(), stderr.String())
			default:
			}
			if err := cmd.Process.Signal(sig); err != nil {
				t.Fatal(err)
			}
			select {
			case <-exited:
			case <-time.After(2 * time.Second):
				cmd.Process.Kill()
				<-exited
				t.Fatalf("the build was still running 2 s after %v", sig)
			}
			if code := cmd.ProcessState.ExitCode(); code != 130 {
				t.Errorf("exit code %d, want 130", code)
			}
			if got := stderr.String(); got != "build interrupted: the output folder is as it was\n" || strings.Contains(got, "panic") {
				t.Errorf("stderr %q", got)
			}
			if stdout.Len() > 0 {
				t.Errorf("stdout %q", stdout.String())
			}
			assertNoTempFolders(t, work)
			if d := diffTrees(before, hashTree(t, dest)); d != "" {
				t.Errorf("the interrupted build changed the previous output:\n%s", d)
			}
		})
	}
}

// TestRunawayLayoutMeetsItsTimeBudget checks a layout that never ends is
// an error naming it once render_timeout has passed.
func TestRunawayLayoutMeetsItsTimeBudget(t *testing.T) {
	testsite.SkipShort(t, "waits out a layout's 1 s time budget: run without -short")
	work, site := newSite(t)
	writeFile(t, site, "guidepost.yaml", readFile(t, site, "guidepost.yaml")+"render_timeout: 1s\n")
	writeFile(t, site, "layouts/_default/single.html", runawayLayout)
	res := runCLI(t, work, "build", "--source", site, "--dest", filepath.Join(work, "public"))
	if res.code != 1 || !hasLine(res.stderr, "layouts/_default/single.html: ", "took longer than 1s: look for a loop that does not end") {
		t.Errorf("exit %d, stderr:\n%s", res.code, res.stderr)
	}
	assertNoTempFolders(t, work)
	if _, err := os.Stat(filepath.Join(work, "public")); err == nil {
		t.Error("a failed first build left an output folder")
	}
}
