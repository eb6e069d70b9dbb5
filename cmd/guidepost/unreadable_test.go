package main

import (
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
)

// Files and folders the build cannot read. chmod 000 denies reading to
// everyone but root, and root, as these tests often run, reads anything:
// then the binary is run as the user nobody, to whom the work folder is
// given, so that the mode is what stops it, as it stops an author.

// nobody is the user and group ID the binary runs as when the tests run as
// root.
const nobody = 65534

// unreadableRunner makes path (a file or folder below work) unreadable to
// the binary and returns the function to run the binary with. Call it
// after the builds that must still read it.
func unreadableRunner(t *testing.T, work, path string) func(t *testing.T, dir string, args ...string) result {
	t.Helper()
	if err := os.Chmod(path, 0); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(path, 0o755) }) // so that the temporary folder can be removed
	if os.Geteuid() != 0 {
		return runCLI
	}
	// nobody must reach the binary and the work folder, and own the site
	// and the output, as an author owns theirs.
	for _, dir := range []string{filepath.Dir(binary), filepath.Dir(work)} {
		if err := os.Chmod(dir, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	err := filepath.WalkDir(work, func(p string, d fs.DirEntry, err error) error {
		if err != nil && !errors.Is(err, fs.ErrPermission) {
			return err
		}
		return os.Lchown(p, nobody, nobody)
	})
	if err != nil {
		t.Fatal(err)
	}
	cache := filepath.Join(work, "cache")
	if err := os.Mkdir(cache, 0o755); err != nil || os.Chown(cache, nobody, nobody) != nil {
		t.Fatalf("make a cache folder for nobody: %v", err)
	}
	return func(t *testing.T, dir string, args ...string) result {
		t.Helper()
		cmd := exec.Command(binary, args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "HOME="+cache, "XDG_CACHE_HOME="+cache)
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: nobody, Gid: nobody}}
		return runCmd(t, cmd, args)
	}
}

// assertUnreadableRejected builds the good site, breaks it with apply,
// which returns what to make unreadable, and builds and checks again: both
// fail with the wanted diagnostics, alone, and the output is unchanged.
func assertUnreadableRejected(t *testing.T, apply func(site string) string, wants []want) {
	t.Helper()
	work, site := newSite(t)
	dest := filepath.Join(work, "public")
	if res := runCLI(t, work, "build", "--source", site, "--dest", dest); res.code != 0 {
		t.Fatalf("the good site does not build: exit code %d\n%s", res.code, res.stderr)
	}
	before := hashTree(t, dest)
	run := unreadableRunner(t, work, apply(site))
	for _, args := range [][]string{
		{"build", "--source", site, "--dest", dest},
		{"check", "--source", site},
	} {
		res := run(t, work, args...)
		if res.code != 1 || !failedSummary(args[0]).MatchString(res.stderr) {
			t.Errorf("%s: exit code %d, want 1 and a summary line:\n%s", args[0], res.code, clip(res.stderr))
		}
		for _, w := range wants {
			if !hasLine(res.stderr, w.prefix, w.phrase) {
				t.Errorf("%s: stderr has no line `%s…%s…`:\n%s", args[0], w.prefix, w.phrase, clip(res.stderr))
			}
		}
		assertAlone(t, res.stderr, wants)
	}
	if diff := diffTrees(before, hashTree(t, dest)); diff != "" {
		t.Errorf("the failed build changed the previous output:\n%s", diff)
	}
	assertNoTempFolders(t, work)
}

// TestUnreadableFile: a page that cannot be read is named, with what to do.
func TestUnreadableFile(t *testing.T) {
	t.Parallel()
	assertUnreadableRejected(t, func(site string) string {
		writeFile(t, site, "content/secret.md", "---\ntitle: Secret\n---\n")
		return filepath.Join(site, "content", "secret.md")
	}, []want{{"content/secret.md:1: ", "cannot read: permission denied"}})
}

// TestUnreadableFolder: a folder that cannot be listed is the one problem
// reported, not every link to the pages it holds as missing.
func TestUnreadableFolder(t *testing.T) {
	t.Parallel()
	assertUnreadableRejected(t, func(site string) string {
		return filepath.Join(site, "content", "guidance")
	}, []want{{"content/guidance: ", "cannot read folder: permission denied (check its permissions)"}})
}
