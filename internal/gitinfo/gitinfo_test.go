package gitinfo

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

func git(t *testing.T, dir string, env []string, args ...string) {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-c", "user.name=T", "-c", "user.email=t@example.org"}, args...)...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
}

func write(t *testing.T, dir, rel, content string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestLastChanged(t *testing.T) {
	repo := t.TempDir()
	site := filepath.Join(repo, "kb")
	at := func(day string) []string {
		return []string{"GIT_COMMITTER_DATE=" + day + "T10:00:00Z", "GIT_AUTHOR_DATE=" + day + "T10:00:00Z"}
	}
	git(t, repo, nil, "init", "-q")
	write(t, site, "content/a.md", "a")
	write(t, site, "content/b é.md", "b")
	write(t, repo, "outside.md", "o")
	git(t, repo, nil, "add", "-A")
	git(t, repo, at("2026-01-10"), "commit", "-q", "-m", "first")
	write(t, site, "content/a.md", "a2")
	git(t, repo, nil, "add", "-A")
	git(t, repo, at("2026-03-05"), "commit", "-q", "-m", "second")
	write(t, site, "content/new.md", "not committed")

	got, err := LastChanged(site)
	if err != nil {
		t.Fatal(err)
	}
	day := func(s string) time.Time { d, _ := time.Parse(time.DateOnly, s); return d.Add(10 * time.Hour) }
	for name, want := range map[string]time.Time{"content/a.md": day("2026-03-05"), "content/b é.md": day("2026-01-10")} {
		if !got[name].Equal(want) {
			t.Errorf("%s last changed %v, want %v", name, got[name], want)
		}
	}
	if _, ok := got["content/new.md"]; ok {
		t.Error("a file never committed has a date")
	}
	if len(got) != 2 {
		t.Errorf("%d files, want the site's 2: %v", len(got), got)
	}
	if _, err := LastChanged(t.TempDir()); !errors.Is(err, ErrNoRepo) {
		t.Errorf("outside git: %v", err)
	}
}
