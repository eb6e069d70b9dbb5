package devserver

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/guidepost/guidepost/internal/browsertest"
	"github.com/guidepost/guidepost/internal/testsite"
)

// waitFor polls a JavaScript condition in the page until it holds. An
// evaluation cut short by a reload is tried again.
func waitFor(t *testing.T, b *browsertest.Browser, what, cond string) {
	t.Helper()
	deadline := time.Now().Add(eventTimeout)
	var err error
	for time.Now().Before(deadline) {
		var ok bool
		if err = chromedp.Run(b.Ctx, chromedp.Evaluate(cond, &ok)); err == nil && ok {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("waiting until %s: timed out (last error: %v)", what, err)
}

// waitListening waits until n browser tabs listen for events.
func waitListening(t *testing.T, srv *testServer, n int) {
	t.Helper()
	deadline := time.Now().Add(eventTimeout)
	for srv.hub.count() < n {
		if time.Now().After(deadline) {
			t.Fatal("the page's client script did not connect")
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func TestBrowserReloadKeepsScrollAndShowsErrors(t *testing.T) {
	testsite.SkipShort(t, "edits pages under Chromium: run without -short")
	// A page of the corpus's long shape is tall enough to scroll.
	site := smallSite(t)
	dir, page := site.dir, site.file(0)
	srv := startServer(t, dir, Options{})
	b := browsertest.New(t, browsertest.Options{})
	b.Run(t, chromedp.Navigate(srv.URL()+strings.TrimPrefix(site.url(0), "/")+"#answers=kept"), chromedp.WaitReady("body"))
	waitListening(t, srv, 1)

	// An edit reloads the page at the same scroll position, with the
	// fragment (where the decision tool keeps its answers) intact.
	var y float64
	// The browser's own scroll restoration is off: the client script must
	// restore the position.
	b.Run(t, chromedp.Evaluate(`history.scrollRestoration = "manual"; window.scrollTo(0, 1500); window.__before = true; window.scrollY`, &y))
	if y < 1400 {
		t.Fatalf("the page scrolls only to %v", y)
	}
	replaceIn(t, dir, page, site.c.Sentence(0), "Edited first paragraph.")
	waitFor(t, b, "the page reloads with the edit", `window.__before === undefined && document.body.innerText.includes("Edited first paragraph.")`)
	waitFor(t, b, "the scroll position is restored", `Math.abs(window.scrollY - `+fmt.Sprint(y)+`) < 2`)
	var hash string
	b.Run(t, chromedp.Evaluate(`location.hash`, &hash))
	if hash != "#answers=kept" {
		t.Errorf("location.hash = %q after the reload", hash)
	}

	// A broken layout shows the overlay with file:line; Escape dismisses
	// it; the next failed build shows it again; the fix clears it.
	waitListening(t, srv, 1)
	layout := filepath.Join(dir, "layouts", "_default", "single.html")
	orig, _ := os.ReadFile(layout)
	os.WriteFile(layout, []byte(strings.Replace(string(orig), "{{.Title}}", "{{.Title", 1)), 0o644)
	overlay := `document.getElementById("guidepost-serve-overlay")`
	waitFor(t, b, "the error overlay shows", overlay+` !== null && `+overlay+`.textContent.includes("layouts/_default/single.html:")`)
	var role string
	b.Run(t, chromedp.Evaluate(overlay+`.getAttribute("role")`, &role))
	if role != "alert" {
		t.Errorf("overlay role = %q, want alert", role)
	}
	b.Run(t, chromedp.Evaluate(`window.__broken = true`, nil))
	b.Run(t, chromedp.KeyEvent(kb.Escape))
	waitFor(t, b, "Escape dismisses the overlay", overlay+` === null`)
	replaceIn(t, dir, page, "Edited first paragraph.", "Edited while broken.")
	waitFor(t, b, "the overlay comes back on the next failure", overlay+` !== null`)
	os.WriteFile(layout, orig, 0o644)
	waitFor(t, b, "the fix clears the overlay and reloads", `window.__broken === undefined && `+overlay+` === null && document.body.innerText.includes("Edited while broken")`)

	// A stylesheet edit applies without a reload.
	waitListening(t, srv, 1)
	b.Run(t, chromedp.Evaluate(`window.__styled = true`, nil))
	css := filepath.Join(dir, "static", "css", "site.css")
	data, _ := os.ReadFile(css)
	os.WriteFile(css, append(data, "\nbody { outline: 7px solid rgb(1, 2, 3); }\n"...), 0o644)
	waitFor(t, b, "the new stylesheet applies", `getComputedStyle(document.body).outlineWidth === "7px"`)
	var kept bool
	b.Run(t, chromedp.Evaluate(`window.__styled === true`, &kept))
	if !kept {
		t.Error("the page reloaded for a stylesheet edit")
	}

	b.AssertSameOrigin(t, strings.TrimSuffix(srv.URL(), "/"))
	b.AssertNoConsoleErrors(t)
}
