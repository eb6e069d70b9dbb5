package main

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/guidepost/guidepost/internal/testsite"
)

// TestReleaseBuildsAreReproducible runs the release recipe (.ci/release)
// twice for this machine's platform into two new folders: the binaries
// and archives must be byte for byte the same, SHA256SUMS must list each
// with its checksum, and the binary must print the commit it was built
// from. The recipe must also refuse a folder holding files it did not
// write.
func TestReleaseBuildsAreReproducible(t *testing.T) {
	testsite.SkipShort(t, "builds guidepost twice")
	if _, err := exec.LookPath("bash"); err != nil {
		t.Fatalf("the release recipe is a bash script, and bash is not installed: %v", err)
	}
	// The recipe releases a commit: it runs in a clone of this checkout's
	// HEAD, which nothing else changes while the test builds it twice.
	root := filepath.Join(t.TempDir(), "guidepost")
	if out, err := exec.Command("git", "clone", "-q", testsite.RepoRoot(t), root).CombinedOutput(); err != nil {
		t.Fatalf("the release recipe builds a git commit; git clone of this checkout: %v\n%s", err, out)
	}
	platform := runtime.GOOS + "/" + runtime.GOARCH
	var dists [2]string
	for i := range dists {
		dists[i] = filepath.Join(t.TempDir(), "dist")
		release(t, root, platform, dists[i])
	}

	files := [2]map[string]string{checksums(t, dists[0]), checksums(t, dists[1])}
	if len(files[0]) == 0 {
		t.Fatalf("SHA256SUMS in %s lists nothing", dists[0])
	}
	var binary string
	for name, sum := range files[0] {
		if files[1][name] != sum {
			t.Errorf("%s differs between two builds of the same checkout (%.12s, %.12s)", name, sum, files[1][name])
		}
		if strings.HasSuffix(name, "_"+runtime.GOOS+"_"+runtime.GOARCH) || strings.HasSuffix(name, "_"+runtime.GOOS+"_"+runtime.GOARCH+".exe") {
			binary = filepath.Join(dists[0], name)
		}
	}
	if len(files[1]) != len(files[0]) {
		t.Errorf("the builds wrote different files: %v and %v", files[0], files[1])
	}
	if binary == "" {
		t.Fatalf("no binary for %s in SHA256SUMS: %v", platform, files[0])
	}

	out, err := exec.Command(binary, "version").Output()
	if err != nil {
		t.Fatalf("%s version: %v", binary, err)
	}
	head, err := exec.Command("git", "-C", root, "rev-parse", "HEAD").Output()
	if err != nil {
		t.Fatal(err)
	}
	if commit := strings.TrimSpace(string(head))[:12]; !strings.Contains(string(out), "(commit "+commit) {
		t.Errorf("the release binary's version %q does not name the commit %s", out, commit)
	}

	// Building again into its own folder replaces what it wrote there.
	release(t, root, platform, dists[0])
	// A folder with someone else's file is left alone.
	theirs := filepath.Join(t.TempDir(), "dist")
	writeFile(t, theirs, "notes.txt", "mine")
	cmd := exec.Command("bash", filepath.Join(root, ".ci", "release"), theirs)
	cmd.Env = append(os.Environ(), "GUIDEPOST_RELEASE_PLATFORMS="+platform)
	if out, err := cmd.CombinedOutput(); err == nil || !strings.Contains(string(out), "did not write") {
		t.Errorf("release into a folder with other files: err %v, output:\n%s", err, out)
	}
	if entries, _ := os.ReadDir(theirs); len(entries) != 1 || readFile(t, theirs, "notes.txt") != "mine" {
		t.Errorf("the refused release changed the folder: %v", entries)
	}
}

// release runs .ci/release for one platform into dist.
func release(t *testing.T, root, platform, dist string) {
	t.Helper()
	cmd := exec.Command("bash", filepath.Join(root, ".ci", "release"), dist)
	cmd.Env = append(os.Environ(), "GUIDEPOST_RELEASE_PLATFORMS="+platform)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf(".ci/release %s: %v\n%s", dist, err, out)
	}
}

// checksums checks dist/SHA256SUMS against the files in dist, which it must
// list all, and returns it as file name → checksum.
func checksums(t *testing.T, dist string) map[string]string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dist, "SHA256SUMS"))
	if err != nil {
		t.Fatal(err)
	}
	sums := map[string]string{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		sum, name, ok := strings.Cut(sc.Text(), "  ")
		if !ok {
			t.Fatalf("SHA256SUMS line %q is not `<sha256>  <file>`", sc.Text())
		}
		content, err := os.ReadFile(filepath.Join(dist, name))
		if err != nil {
			t.Fatalf("SHA256SUMS lists %s: %v", name, err)
		}
		if got := sha256.Sum256(content); hex.EncodeToString(got[:]) != sum {
			t.Errorf("SHA256SUMS says %s has %s, it has %x", name, sum, got)
		}
		sums[name] = sum
	}
	entries, err := os.ReadDir(dist)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if name := e.Name(); name != "SHA256SUMS" && !strings.HasPrefix(name, ".") && sums[name] == "" {
			t.Errorf("SHA256SUMS does not list %s", name)
		}
	}
	return sums
}
