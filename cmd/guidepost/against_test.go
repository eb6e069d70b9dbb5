package main

import (
	"os"
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
	t.Parallel()
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

// TestReviewerAndGitHistory turns on require_reviewer and git_info: a
// review without a reviewer, and a file changed after its review, are
// warnings that fail check --strict; a page that names its reviewer
// publishes it in its JSON-LD.
func TestReviewerAndGitHistory(t *testing.T) {
	t.Parallel()
	site := contentOnlySite(t)
	writeFile(t, site, "guidepost.yaml", readFile(t, site, "guidepost.yaml")+"git_info: true\nrequire_reviewer: true\n")
	writeFile(t, site, "content/guidance/gdpr.md", "---\ntitle: GDPR\nreviewed: 2026-03-01\nreviewed_by: {name: Dr A. Patel, role: Clinical safety officer}\n---\n## Lawful basis\n\nBody.\n")
	// The whole site is committed on 2026-02-01: after hipaa.md's review
	// (2025-01-15), before gdpr.md's.
	for _, args := range [][]string{{"init", "-q"}, {"add", "-A"}, {"-c", "user.name=T", "-c", "user.email=t@example.org", "commit", "-q", "-m", "site"}} {
		cmd := exec.Command("git", args...)
		cmd.Dir = site
		cmd.Env = append(os.Environ(), "GIT_COMMITTER_DATE=2026-02-01T09:00:00Z", "GIT_AUTHOR_DATE=2026-02-01T09:00:00Z")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	res := runCLI(t, site, "check", "--strict")
	if res.code != 1 {
		t.Errorf("check --strict: exit %d, want 1\n%s", res.code, res.stderr)
	}
	for _, want := range []string{
		"content/guidance/hipaa.md:5: warning: changed since review: the file last changed on 2026-02-01 (git), after its review on 2025-01-15: review the change and update `reviewed`",
		"content/guidance/hipaa.md:5: warning: reviewed 2025-01-15 without reviewed_by: name who reviewed it",
	} {
		if !strings.Contains(res.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, res.stderr)
		}
	}
	if strings.Contains(res.stderr, "content/guidance/gdpr.md") {
		t.Errorf("gdpr.md, reviewed by a named reviewer after its last change, has a warning:\n%s", res.stderr)
	}
	if res := runCLI(t, site, "build"); res.code != 0 {
		t.Fatalf("build: exit %d\n%s", res.code, res.stderr)
	}
	page := readFile(t, filepath.Join(site, "public"), "guidance/gdpr/index.html")
	if !strings.Contains(page, `"reviewedBy":[{"@type":"Person","jobTitle":"Clinical safety officer","name":"Dr A. Patel"}]`) {
		t.Errorf("JSON-LD lacks reviewedBy:\n%s", page)
	}
	for _, want := range []string{
		"<dt>Reviewed by</dt><dd>Dr A. Patel, Clinical safety officer</dd>",
		`<dt>Last changed</dt><dd><time datetime="2026-02-01">1 February 2026</time></dd>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the page does not show %s", want)
		}
	}
}
