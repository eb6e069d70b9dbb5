package review

import (
	"errors"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/guidepost/guidepost/internal/site"
	"github.com/guidepost/guidepost/internal/testsite"
)

var now = time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)

// treeFiles is a small tree: where, then (in the US) whether a BAA is
// signed. Each test changes some of it.
func treeFiles() map[string]string {
	outcome := func(title, verdict, src string) string {
		return "---\ntitle: " + title + "\nverdict: " + verdict + "\nreviewed: 2026-11-01\njurisdictions: [Anywhere]\nsources:\n  - title: " + src + "\n    url: https://example.org/" + strings.ToLower(src) + "\n---\nWhy.\n"
	}
	return map[string]string{
		"content/_index.md":                "---\ntitle: Home\n---\nHome.\n",
		"content/decide/t/_index.md":       "---\ntitle: Tool\nreviewed: 2026-11-01\nstart: where\nscenarios:\n  - name: US with a BAA\n    answers: [US, \"Yes\"]\n    expect: use-platform\n  - name: US without\n    answers: [US, \"No\"]\n    expect: no-phi\n  - name: elsewhere\n    answers: [Elsewhere]\n    expect: check-local\n---\nIntro.\n",
		"content/decide/t/where.md":        "---\ntitle: Where are your patients?\noptions:\n  - label: US\n    next: baa\n  - label: Elsewhere\n    next: check-local\n---\n",
		"content/decide/t/baa.md":          "---\ntitle: Does the vendor sign a BAA?\noptions:\n  - label: \"Yes\"\n    next: use-platform\n  - label: \"No\"\n    next: no-phi\n---\n",
		"content/decide/t/use-platform.md": outcome("Use the platform", "caution", "Rule"),
		"content/decide/t/no-phi.md":       outcome("No patient information", "avoid", "Rule"),
		"content/decide/t/check-local.md":  outcome("Check local rules", "caution", "Local"),
	}
}

// repo makes a git repository holding the site in a subfolder, commits
// it, applies edit to the work tree, and returns the site folder.
func repo(t *testing.T, edit func(files map[string]string)) string {
	t.Helper()
	dir := t.TempDir()
	site := filepath.Join(dir, "kb")
	files := treeFiles()
	for name, content := range files {
		testsite.WriteFile(t, site, name, content)
	}
	for _, args := range [][]string{{"init", "-q"}, {"add", "-A"}, {"-c", "user.name=T", "-c", "user.email=t@example.org", "commit", "-q", "-m", "first"}} {
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	edit(files)
	for name, content := range files {
		if content == "" {
			os.Remove(filepath.Join(site, filepath.FromSlash(name)))
			continue
		}
		testsite.WriteFile(t, site, name, content)
	}
	return site
}

// against compares the work tree of the site with HEAD.
func against(t *testing.T, root string) *Report {
	t.Helper()
	old, err := TreesAt(root, "HEAD", now)
	if err != nil {
		t.Fatal(err)
	}
	s, diags := site.Load(site.Options{Root: root, Now: now})
	if len(diags.Errors()) > 0 {
		t.Fatalf("the changed site has errors: %v", diags)
	}
	reports, err := CompareAll(old, s.Trees)
	if err != nil {
		t.Fatal(err)
	}
	if len(reports) != 1 {
		t.Fatalf("%d reports, want 1", len(reports))
	}
	return reports[0]
}

func TestNoChangeIsAnEmptyReport(t *testing.T) {
	r := against(t, repo(t, func(map[string]string) {}))
	if !r.Empty() || r.Permissive() {
		t.Errorf("report of no change: %+v", r)
	}
}

func TestMorePermissiveVerdictListsThePathsReachingIt(t *testing.T) {
	r := against(t, repo(t, func(f map[string]string) {
		f["content/decide/t/use-platform.md"] = strings.Replace(f["content/decide/t/use-platform.md"], "verdict: caution", "verdict: allowed", 1)
	}))
	if !r.Permissive() || len(r.VerdictChanged) != 1 {
		t.Fatalf("verdict changes %+v, want the one path to use-platform, more permissive", r.VerdictChanged)
	}
	c := r.VerdictChanged[0]
	if strings.Join(c.Answers, "|") != "US|Yes" || c.Old.Verdict != "caution" || c.New.Verdict != "allowed" {
		t.Errorf("change %+v", c)
	}
	if len(r.NodesChanged) != 1 || r.NodesChanged[0].ID != "use-platform" || r.NodesChanged[0].What[0] != "verdict: caution → allowed" {
		t.Errorf("nodes changed %+v", r.NodesChanged)
	}
	if len(r.PathsAdded)+len(r.PathsRemoved)+len(r.MovedOutcome)+len(r.NodesAdded)+len(r.NodesRemoved)+len(r.Scenarios) != 0 {
		t.Errorf("report lists more than the verdict: %+v", r)
	}
}

func TestStricterVerdictIsNotPermissive(t *testing.T) {
	r := against(t, repo(t, func(f map[string]string) {
		f["content/decide/t/check-local.md"] = strings.Replace(f["content/decide/t/check-local.md"], "verdict: caution", "verdict: avoid", 1)
	}))
	if r.Permissive() || len(r.VerdictChanged) != 1 || strings.Join(r.VerdictChanged[0].Answers, "|") != "Elsewhere" {
		t.Errorf("report %+v", r)
	}
}

func TestAddedNodeIsReported(t *testing.T) {
	r := against(t, repo(t, func(f map[string]string) {
		// A question between "US" and the BAA question.
		f["content/decide/t/where.md"] = strings.Replace(f["content/decide/t/where.md"], "next: baa", "next: covered", 1)
		f["content/decide/t/covered.md"] = "---\ntitle: Are you a covered entity?\noptions:\n  - label: \"Yes\"\n    next: baa\n  - label: \"No\"\n    next: no-phi\n---\n"
		f["content/decide/t/_index.md"] = strings.Replace(f["content/decide/t/_index.md"], `[US, "Yes"]`, `[US, "Yes", "Yes"]`, 1)
	}))
	if len(r.NodesAdded) != 1 || r.NodesAdded[0].ID != "covered" || r.NodesAdded[0].What[0] != "question" {
		t.Errorf("nodes added %+v", r.NodesAdded)
	}
	// US › No still ends where it did; US › Yes now asks one more question.
	if len(r.PathsRemoved) != 1 || answers(r.PathsRemoved[0].Answers) != "US › Yes" || len(r.PathsAdded) != 2 {
		t.Errorf("paths removed %v, added %v; want US › Yes replaced by its two new paths", r.PathsRemoved, r.PathsAdded)
	}
	if len(r.Scenarios) != 1 || r.Scenarios[0] != `changed "US with a BAA": US › Yes › Yes → use-platform, was US › Yes → use-platform` {
		t.Errorf("scenarios %q", r.Scenarios)
	}
	if r.Permissive() || len(r.VerdictChanged) != 0 {
		t.Errorf("verdicts changed: %+v", r.VerdictChanged)
	}
}

func TestChangedSourceIsReported(t *testing.T) {
	r := against(t, repo(t, func(f map[string]string) {
		f["content/decide/t/no-phi.md"] = strings.Replace(f["content/decide/t/no-phi.md"], "https://example.org/rule", "https://example.org/rule-2026", 1)
	}))
	if len(r.NodesChanged) != 1 || strings.Join(r.NodesChanged[0].What, "; ") != "sources: added Rule <https://example.org/rule-2026>; sources: removed Rule <https://example.org/rule>" {
		t.Errorf("nodes changed %+v", r.NodesChanged)
	}
	if len(r.VerdictChanged)+len(r.PathsAdded)+len(r.PathsRemoved) != 0 {
		t.Errorf("a source change moved paths: %+v", r)
	}
}

func TestReorderedOptionsAreReported(t *testing.T) {
	r := against(t, repo(t, func(f map[string]string) {
		f["content/decide/t/baa.md"] = "---\ntitle: Does the vendor sign a BAA?\noptions:\n  - label: \"No\"\n    next: no-phi\n  - label: \"Yes\"\n    next: use-platform\n---\n"
	}))
	if len(r.NodesChanged) != 1 || strings.Join(r.NodesChanged[0].What, "; ") != "options reordered" {
		t.Errorf("nodes changed %+v", r.NodesChanged)
	}
	if len(r.VerdictChanged)+len(r.PathsAdded)+len(r.PathsRemoved)+len(r.MovedOutcome) != 0 {
		t.Errorf("reordering moved paths: %+v", r)
	}
}

func TestOptionLeadingElsewhere(t *testing.T) {
	r := against(t, repo(t, func(f map[string]string) {
		// The two outcomes swap places.
		f["content/decide/t/baa.md"] = strings.Replace(f["content/decide/t/baa.md"], "next: no-phi", "next: check-local", 1)
		f["content/decide/t/where.md"] = strings.Replace(f["content/decide/t/where.md"], "next: check-local", "next: no-phi", 1)
		f["content/decide/t/_index.md"] = strings.NewReplacer("expect: no-phi", "expect: check-local", "expect: check-local", "expect: no-phi").Replace(f["content/decide/t/_index.md"])
	}))
	if len(r.VerdictChanged) != 2 || !r.Permissive() {
		t.Fatalf("verdict changes %+v", r.VerdictChanged)
	}
	for _, c := range r.VerdictChanged {
		if got := answers(c.Answers) + ": " + string(c.Old.Verdict) + " → " + string(c.New.Verdict); got != "US › No: avoid → caution" && got != "Elsewhere: caution → avoid" {
			t.Errorf("verdict change %s", got)
		}
		if c.Permissive != (c.New.Verdict == "caution") {
			t.Errorf("%v: permissive %v", c.Answers, c.Permissive)
		}
	}
	changed := map[string]string{}
	for _, n := range r.NodesChanged {
		changed[n.ID] = strings.Join(n.What, "; ")
	}
	if changed["baa"] != `option "No": leads to check-local, was no-phi` || changed["where"] != `option "Elsewhere": leads to no-phi, was check-local` {
		t.Errorf("nodes changed %q", changed)
	}
	if len(r.Scenarios) != 2 {
		t.Errorf("scenarios %q", r.Scenarios)
	}
}

func TestTreesAtOutsideGit(t *testing.T) {
	dir := t.TempDir()
	for name, content := range treeFiles() {
		testsite.WriteFile(t, dir, name, content)
	}
	_, err := TreesAt(dir, "HEAD", now)
	if !errors.Is(err, ErrNoGit) || !strings.Contains(err.Error(), "is not in a git repository") {
		t.Errorf("error %v", err)
	}
	root := repo(t, func(map[string]string) {})
	if _, err := TreesAt(root, "no-such-rev", now); err == nil || !strings.Contains(err.Error(), "--against no-such-rev: no such commit") {
		t.Errorf("unknown revision: %v", err)
	}
}

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

// TestReportFormats writes the report of a change that makes a verdict
// more permissive and adds a source, as text and as Markdown.
func TestReportFormats(t *testing.T) {
	r := against(t, repo(t, func(f map[string]string) {
		f["content/decide/t/use-platform.md"] = strings.NewReplacer("verdict: caution", "verdict: allowed",
			"url: https://example.org/rule\n", "url: https://example.org/rule\n  - title: HHS guidance\n    url: https://www.hhs.gov/hipaa/\n").Replace(f["content/decide/t/use-platform.md"])
	}))
	for _, f := range []Format{Text, Markdown} {
		var b strings.Builder
		if err := Write(&b, []*Report{r}, "HEAD~1", f); err != nil {
			t.Fatal(err)
		}
		golden := filepath.Join("testdata", "permissive."+string(f)+".golden")
		if *update {
			if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run go test -update)", err)
		}
		if b.String() != string(want) {
			t.Errorf("%s report differs from %s:\n%s", f, golden, b.String())
		}
	}
}
