package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestFailureWhileWritingKeepsPreviousOutput makes the build fail after it
// has started writing: a static file that cannot be read (mode 000, see
// unreadableRunner) passes every check but fails when it is copied. The
// previous output must stay as it was and the temporary folder must be
// gone.
func TestFailureWhileWritingKeepsPreviousOutput(t *testing.T) {
	t.Parallel()
	work, site := newSite(t)
	dest := filepath.Join(work, "public")
	if res := runCLI(t, work, "build", "--source", site, "--dest", dest); res.code != 0 {
		t.Fatalf("exit code %d\n%s", res.code, res.stderr)
	}
	before := hashTree(t, dest)

	writeFile(t, site, "static/unreadable", "secret")
	run := unreadableRunner(t, work, filepath.Join(site, "static", "unreadable"))
	res := run(t, work, "build", "--source", site, "--dest", dest)
	if res.code != 1 || !strings.Contains(res.stderr, "static/unreadable") || !strings.Contains(res.stderr, "permission denied") {
		t.Errorf("exit code %d, want 1 and an error naming the file and why; stderr:\n%s", res.code, res.stderr)
	}
	if d := diffTrees(before, hashTree(t, dest)); d != "" {
		t.Errorf("the failed build changed the previous output:\n%s", d)
	}
	assertNoTempFolders(t, work)
}
