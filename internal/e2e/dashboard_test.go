package e2e

import (
	"context"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/guidepost/guidepost/internal/browsertest"
	"github.com/guidepost/guidepost/internal/build"
	"github.com/guidepost/guidepost/internal/devserver"
	"github.com/guidepost/guidepost/internal/scaffold"
	"github.com/guidepost/guidepost/internal/testsite"
)

// dashboardDay is the date the dashboard's site is built as of.
var dashboardDay = time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)

// TestDashboard opens the authoring dashboard of a site in git whose
// work tree makes a verdict more permissive and has a review overdue.
func TestDashboard(t *testing.T) {
	testsite.SkipShort(t, "runs the dev server and checks its dashboard in Chromium: run without -short")
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "site")
	if _, err := scaffold.Site(dir, "Dashboard test", dashboardDay.AddDate(-1, -2, 0)); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"init", "-q"}, {"add", "-A"}, {"-c", "user.name=T", "-c", "user.email=t@example.org", "commit", "-q", "-m", "site"}} {
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	outcome := filepath.Join(dir, "content", "decide", scaffold.ExampleTree, "not-yet.md")
	data, err := os.ReadFile(outcome)
	if err != nil {
		t.Fatal(err)
	}
	testsite.WriteFile(t, filepath.Dir(outcome), "not-yet.md", strings.Replace(string(data), "verdict: caution", "verdict: allowed", 1))

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	srv, err := devserver.New(devserver.Options{Source: dir, Port: port, Now: dashboardDay})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Run(ctx) }()
	t.Cleanup(func() { cancel(); <-done })
	<-srv.Ready()
	origin := srv.URL()
	origin = strings.TrimSuffix(origin, "/")

	b := browsertest.New(t, browsertest.Options{})
	b.Run(t, chromedp.Navigate(origin+devserver.DashboardPath))
	var text string
	b.Run(t, chromedp.Text("main", &text))
	for _, want := range []string{
		"Overdue (6)",
		"Writing a guidance page",
		"A verdict became more permissive since HEAD: a reviewer must sign off.",
		"No: caution → allowed — MORE PERMISSIVE",
		"not-yet (\"Ask a colleague to review the page first\"): verdict: caution → allowed",
		"scenarios reach 2/2 outcomes and take 3/3 options",
	} {
		if !strings.Contains(strings.Join(strings.Fields(text), " "), want) {
			t.Errorf("the dashboard does not say %q:\n%s", want, text)
		}
	}
	// Each overdue page links to the page.
	var href string
	b.Run(t, chromedp.AttributeValue(`//a[normalize-space()="Writing a guidance page"]`, "href", &href, nil, chromedp.BySearch))
	if !strings.HasSuffix(href, "/guidance/first-page/") {
		t.Errorf("the overdue page links to %q", href)
	}
	if v := readerAxe(t, b, readerAxeSource(t)); len(v) > 0 {
		t.Errorf("axe-core: %+v", v)
	}
	b.AssertNoConsoleErrors(t)
	b.AssertSameOrigin(t, origin)

	// A build never publishes it.
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := build.Build(build.Options{Source: dir, Dest: dest, Now: dashboardDay}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dest, "_guidepost")); err == nil {
		t.Error("the build published the dashboard")
	}
}
