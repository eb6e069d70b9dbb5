package e2e

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/guidepost/guidepost/internal/browsertest"
	"github.com/guidepost/guidepost/internal/devserver"
	"github.com/guidepost/guidepost/internal/testsite"
)

// reportCSPViolations makes every Content-Security-Policy violation a console
// error, which browsertest records.
func reportCSPViolations(t *testing.T, b *browsertest.Browser) {
	t.Helper()
	b.Run(t, chromedp.ActionFunc(func(ctx context.Context) error {
		_, err := page.AddScriptToEvaluateOnNewDocument(`document.addEventListener("securitypolicyviolation", e =>
			console.error("CSP blocked " + e.violatedDirective + " " + e.blockedURI + " at " + e.sourceFile + ":" + e.lineNumber))`).Do(ctx)
		return err
	}))
}

// TestMetaCSPDecisionTool serves the built site from a plain file
// server that sends no policy, so only the pages' own <meta> policy
// applies, and walks the decision tool to an outcome with WebAssembly:
// the policy must be in force and block nothing the tool needs.
func TestMetaCSPDecisionTool(t *testing.T) {
	testsite.SkipShort(t, "walks the tool in Chromium under the published CSP: run without -short")
	t.Parallel()
	dir, _ := decideSite(t, "testdata/decide")
	origin := browsertest.ServeDir(t, dir)
	b := decideBrowser(t, browsertest.Options{})
	reportCSPViolations(t, b)
	decideOpen(t, b, origin+decideSmallTree)

	// The policy is the one every page declares, and it is enforced: an
	// inline script added now does not run.
	var meta string
	b.Run(t, chromedp.Evaluate(`document.querySelector('meta[http-equiv="Content-Security-Policy"]').content`, &meta))
	if meta != devserver.ContentSecurityPolicy {
		t.Fatalf("page policy %q, want %q", meta, devserver.ContentSecurityPolicy)
	}
	var ran bool
	b.Run(t, chromedp.Evaluate(`(() => { const s = document.createElement("script"); s.textContent = "window.inlineRan = true"; document.body.appendChild(s); return window.inlineRan === true; })()`, &ran))
	if ran {
		t.Fatal("an inline script ran: the page's policy is not in force")
	}
	// The violation event is dispatched asynchronously: wait for its report.
	var blocked []string
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		blocked = blocked[:0]
		for _, e := range b.ConsoleErrors() {
			if strings.Contains(e, "CSP blocked") {
				blocked = append(blocked, e)
			}
		}
		if len(blocked) > 0 || time.Now().After(deadline) {
			break
		}
	}
	if len(blocked) != 1 {
		t.Fatalf("the probe script should be the one violation reported, got %q", blocked)
	}

	decideClick(t, b, "option", "United States")
	decideHeading(t, b, "Is your practice a HIPAA covered entity?")
	decideClick(t, b, "option", "No")
	if v := decideHeading(t, b, "Check your local rules"); v.Verdict != "Caution" {
		t.Errorf("outcome: %+v", v)
	}
	var used bool
	b.Run(t, chromedp.Evaluate(`typeof guidepostDecision === "object"`, &used))
	if !used {
		t.Error("the tool did not load its WebAssembly engine under the policy")
	}
	for _, e := range b.ConsoleErrors() {
		if e != blocked[0] {
			t.Errorf("console error under the policy: %s", e)
		}
	}
}

// TestMetaCSPSearch searches the reader site under the pages' own
// policy: results must come back and nothing may be blocked.
func TestMetaCSPSearch(t *testing.T) {
	testsite.SkipShort(t, "searches in Chromium under the published CSP: run without -short")
	t.Parallel()
	origin := browsertest.ServeDir(t, readerShared(t, "testdata/reader/site"))
	b := browsertest.New(t, browsertest.Options{})
	reportCSPViolations(t, b)
	readerVisit(t, b, origin, readerPage{path: "/search/?q=consent"})
	v := readerEval[readerSearchView](t, b, readerResults)
	if len(v.Titles) == 0 || !strings.Contains(v.Status, "results for") {
		t.Errorf("search under the policy: status %q, results %q", v.Status, v.Titles)
	}
	var meta string
	b.Run(t, chromedp.Evaluate(`document.querySelector('meta[http-equiv="Content-Security-Policy"]').content`, &meta))
	if meta != devserver.ContentSecurityPolicy {
		t.Errorf("page policy %q, want %q", meta, devserver.ContentSecurityPolicy)
	}
	b.AssertNoConsoleErrors(t)
}
