package main

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// gitCommitAll makes dir a git repository and commits everything in it.
func gitCommitAll(t *testing.T, dir string) {
	t.Helper()
	for _, args := range [][]string{{"init", "-q"}, {"add", "-A"}, {"-c", "user.name=T", "-c", "user.email=t@example.org", "commit", "-q", "-m", "site"}} {
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
}

func TestCheckAgainstARevision(t *testing.T) {
	site := treeSite(t)
	gitCommitAll(t, site)

	res := runCLI(t, site, "check", "--against", "HEAD")
	if res.code != 0 || !strings.Contains(res.stdout, "no change to any decision tree since HEAD\n") {
		t.Errorf("no change: exit %d\n%s%s", res.code, res.stdout, res.stderr)
	}

	// avoid → allowed on the path "No": a reviewer must sign off.
	writeFile(t, site, "content/decide/t/no.md", strings.Replace(readFile(t, site, "content/decide/t/no.md"), "verdict: avoid", "verdict: allowed", 1))
	res = runCLI(t, site, "check", "--against", "HEAD", "--format", "markdown")
	if res.code != 2 {
		t.Errorf("more permissive: exit %d, want 2\n%s", res.code, res.stderr)
	}
	for _, want := range []string{"# Decision tool changes since HEAD", "- No: avoid → allowed — MORE PERMISSIVE", "## Sign-off"} {
		if !strings.Contains(res.stdout, want) {
			t.Errorf("report lacks %q:\n%s", want, res.stdout)
		}
	}
	if !strings.Contains(res.stderr, "in tree t a verdict became more permissive since HEAD: a clinical safety reviewer must sign off the change") {
		t.Errorf("stderr %q", res.stderr)
	}

	// Not in git, or a revision that is not there: a clear error.
	plain := treeSite(t)
	if res := runCLI(t, plain, "check", "--against", "HEAD"); res.code != 1 || !strings.Contains(res.stderr, "is not in a git repository") {
		t.Errorf("outside git: exit %d\n%s", res.code, res.stderr)
	}
	if res := runCLI(t, site, "check", "--against", "v9.9"); res.code != 1 || !strings.Contains(res.stderr, "--against v9.9: no such commit") {
		t.Errorf("unknown revision: exit %d\n%s", res.code, res.stderr)
	}
	if res := runCLI(t, filepath.Dir(site), "check", "--source", site, "--against", "HEAD", "--format", "pdf"); res.code != 1 || !strings.Contains(res.stderr, `--format "pdf": use text or markdown`) {
		t.Errorf("bad format: exit %d\n%s", res.code, res.stderr)
	}
}
