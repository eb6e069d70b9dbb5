package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestFailureWhileWritingKeepsPreviousOutput makes the build fail after it
// has started writing: a static file that is a link to /proc/self/mem
// passes every check but cannot be read when it is copied. The previous
// output must stay as it was and the temporary folder must be gone.
func TestFailureWhileWritingKeepsPreviousOutput(t *testing.T) {
	work, site := newSite(t)
	dest := filepath.Join(work, "public")
	if res := runCLI(t, work, "build", "--source", site, "--dest", dest); res.code != 0 {
		t.Fatalf("exit code %d\n%s", res.code, res.stderr)
	}
	before := hashTree(t, dest)

	if err := os.Symlink("/proc/self/mem", filepath.Join(site, "static", "unreadable")); err != nil {
		t.Fatal(err)
	}
	res := runCLI(t, work, "build", "--source", site, "--dest", dest)
	if res.code != 1 || !strings.Contains(res.stderr, "unreadable") {
		t.Errorf("exit code %d, want 1 and an error naming the file; stderr:\n%s", res.code, res.stderr)
	}
	if d := diffTrees(before, hashTree(t, dest)); d != "" {
		t.Errorf("the failed build changed the previous output:\n%s", d)
	}
	assertNoTempFolders(t, work)
}
