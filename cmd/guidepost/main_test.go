package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"github.com/guidepost/guidepost/internal/testsite"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// The end-to-end tests run the real program, this test binary started
// again as the command (see TestMain), on
// small sites made from testdata/site plus the repository's layouts/ and
// static/, as an author would run it.

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// binary is the executable the tests run as the guidepost command.
var binary string

// testToday is the date every command run by these tests takes as today,
// so that review dates fall due the same way whatever the calendar says.
const testToday = "2026-12-01"

func TestMain(m *testing.M) {
	if os.Getenv(runAsCLI) == "1" {
		main() // exits
	}
	flag.Parse()
	os.Setenv(EnvToday, testToday)
	// A copy named guidepost, in a folder of its own that the tests may
	// open to another user (unreadable_test.go).
	dir, err := os.MkdirTemp("", "guidepost-cli-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "create folder for the binary:", err)
		os.Exit(1)
	}
	binary = filepath.Join(dir, "guidepost")
	if err := copyExecutable(binary); err != nil {
		fmt.Fprintln(os.Stderr, "copy the test binary:", err)
		os.RemoveAll(dir)
		os.Exit(1)
	}
	os.Setenv(runAsCLI, "1")
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// runAsCLI, set to 1 in the environment of the commands the tests run,
// makes the test binary, started again, the guidepost command: its main
// is the command's, so building the command again would only take time.
const runAsCLI = "GUIDEPOST_TEST_RUN_CLI"

// copyExecutable copies the running executable to dst.
func copyExecutable(dst string) error {
	exe, err := os.Executable()
	if err != nil {
		return err
	}
	data, err := os.ReadFile(exe)
	if err != nil {
		return err
	}
	return os.WriteFile(dst, data, 0o755)
}

// result is what a run of the binary produced.
type result struct {
	code           int
	stdout, stderr string
}

// runCLI runs the binary in dir with args and returns its exit code and
// output. It fails the test when the binary cannot be started.
func runCLI(t *testing.T, dir string, args ...string) result {
	t.Helper()
	return runCLIEnv(t, dir, nil, args...)
}

// runCLIEnv is runCLI with variables added to the environment.
func runCLIEnv(t *testing.T, dir string, env []string, args ...string) result {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	return runCmd(t, cmd, args)
}

// runCmd runs a prepared command of the binary with args and returns its
// exit code and output, failing the test when it cannot be started or
// crashes.
func runCmd(t *testing.T, cmd *exec.Cmd, args []string) result {
	t.Helper()
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	res := result{stdout: stdout.String(), stderr: stderr.String()}
	var exit *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &exit):
		res.code = exit.ExitCode()
	default:
		t.Fatalf("run guidepost %s: %v", strings.Join(args, " "), err)
	}
	if strings.Contains(res.stderr, "panic:") || strings.Contains(res.stderr, "goroutine ") {
		t.Fatalf("guidepost %s crashed:\n%s", strings.Join(args, " "), res.stderr)
	}
	return res
}

// newSite makes a copy of testdata/site with the repository's layouts and
// static files in a new temporary folder and returns the folder holding
// it ("work") and the site folder (work/site).
func newSite(t *testing.T) (work, site string) {
	t.Helper()
	work = t.TempDir()
	site = filepath.Join(work, "site")
	root := testsite.RepoRoot(t)
	testsite.CopyTree(t, filepath.Join("testdata", "site"), site)
	testsite.CopyTree(t, filepath.Join(root, "layouts"), filepath.Join(site, "layouts"))
	testsite.CopyTree(t, filepath.Join(root, "static"), filepath.Join(site, "static"))
	return work, site
}

// hashTree returns the SHA-256 of every file below dir by slash-separated
// relative path, and "dir" for every folder, so two trees compare equal
// only when they hold the same files with the same bytes.
func hashTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			out[rel] = "dir"
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(data)
		out[rel] = hex.EncodeToString(sum[:])
		return nil
	})
	if err != nil {
		t.Fatalf("hash %s: %v", dir, err)
	}
	return out
}

// diffTrees describes how two hashTree results differ, "" when equal.
func diffTrees(before, after map[string]string) string {
	var b strings.Builder
	for name, h := range before {
		switch a, ok := after[name]; {
		case !ok:
			fmt.Fprintf(&b, "removed %s\n", name)
		case a != h:
			fmt.Fprintf(&b, "changed %s\n", name)
		}
	}
	for name := range after {
		if _, ok := before[name]; !ok {
			fmt.Fprintf(&b, "added %s\n", name)
		}
	}
	return b.String()
}

// assertNoTempFolders fails when a build left a temporary output folder
// in dir.
func assertNoTempFolders(t *testing.T, dir string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".guidepost-tmp-") {
			t.Errorf("a build left its temporary folder %s in %s", e.Name(), dir)
		}
	}
}

// writeFile writes a file below dir, creating folders.
func writeFile(t *testing.T, dir, name, content string) {
	t.Helper()
	testsite.WriteFile(t, dir, name, content)
}

// readFile returns a file below dir, failing the test when it is missing.
func readFile(t *testing.T, dir, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
	if err != nil {
		t.Fatalf("read output: %v", err)
	}
	return string(data)
}

// hasLine reports whether out has a line that starts with prefix and
// contains phrase.
func hasLine(out, prefix, phrase string) bool {
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(line, prefix) && strings.Contains(line[len(prefix):], phrase) {
			return true
		}
	}
	return false
}
