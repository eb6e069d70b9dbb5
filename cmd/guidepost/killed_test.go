package main

import (
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/guidepost/guidepost/internal/testsite"
)

// TestKilledBuildKeepsPreviousOutput kills the CLI with SIGKILL at several
// moments while it builds a site of 800 pages over a previous build.
// Nothing can clean up after SIGKILL, so the output folder must at every
// moment hold either the previous build or the new one, whole and byte
// for byte; the next build must clear the dead build's temporary folder.
func TestKilledBuildKeepsPreviousOutput(t *testing.T) {
	testsite.SkipShort(t, "builds an 800-page site again and again, killing each build: run without -short")
	t.Parallel()
	work, site := newSite(t)
	body := strings.Repeat("A paragraph of guidance that is long enough to make the page worth writing. ", 30)
	for i := range 800 {
		writeFile(t, site, fmt.Sprintf("content/bulk/p%d.md", i), fmt.Sprintf("---\ntitle: Bulk page %d\ntags: [bulk%d]\n---\n## Part\n\n%s\n", i, i%50, body))
	}
	dest := filepath.Join(work, "public")
	if res := runCLI(t, work, "build", "--source", site, "--dest", dest); res.code != 0 {
		t.Fatalf("first build: exit code %d\n%s", res.code, clip(res.stderr))
	}
	before := hashTree(t, dest)

	// The new build, made whole elsewhere, and how long it takes.
	writeFile(t, site, "content/about.md", "---\ntitle: About, changed\n---\nChanged.\n")
	other := filepath.Join(t.TempDir(), "public")
	start := time.Now()
	if res := runCLI(t, work, "build", "--source", site, "--dest", other); res.code != 0 {
		t.Fatalf("second build: exit code %d\n%s", res.code, clip(res.stderr))
	}
	took := time.Since(start)
	after := hashTree(t, other)

	killedEarly := 0
	for _, frac := range []float64{0.1, 0.35, 0.6, 0.85, 0.97} {
		delay := time.Duration(frac * float64(took))
		cmd := exec.Command(binary, "build", "--source", site, "--dest", dest)
		cmd.Dir = work
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(delay)
		cmd.Process.Kill()
		err := cmd.Wait()
		if err != nil {
			killedEarly++
		}
		got := hashTree(t, dest)
		switch {
		case diffTrees(before, got) == "":
		case diffTrees(after, got) == "":
			before = after // the build finished: it is the previous output now
		default:
			t.Fatalf("killed after %v (build takes %v): the output is neither the previous build nor the new one:\n%s", delay, took, diffTrees(before, got))
		}
	}
	t.Logf("a build takes %v; %d of 5 builds were killed before they finished", took.Round(time.Millisecond), killedEarly)
	if killedEarly == 0 {
		t.Error("no build was killed while it ran: the test proves nothing")
	}
	if res := runCLI(t, work, "build", "--source", site, "--dest", dest); res.code != 0 {
		t.Fatalf("build after the kills: exit code %d\n%s", res.code, clip(res.stderr))
	}
	if d := diffTrees(after, hashTree(t, dest)); d != "" {
		t.Errorf("the build after the kills differs from a clean one:\n%s", d)
	}
	assertNoTempFolders(t, work)
}
