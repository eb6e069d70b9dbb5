package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/guidepost/guidepost/internal/browsertest"
	"github.com/guidepost/guidepost/internal/testsite"
)

// readerFocus describes the focused element and whether its focus is
// drawn: an outline or a box shadow that is not "none".
const readerFocus = `(() => {
  const a = document.activeElement;
  if (!a || a === document.body) return {desc: "body", visible: false};
  const s = getComputedStyle(a);
  const drawn = (s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== "none";
  const r = a.getBoundingClientRect();
  return {
    desc: a.tagName.toLowerCase() + (a.id ? "#" + a.id : "") + (a.className ? "." + String(a.className).split(" ").join(".") : "") + ":" + (a.textContent || a.value || "").trim().slice(0, 40),
    id: a.id, href: a.getAttribute("href") || "",
    visible: drawn && r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < innerHeight,
  };
})()`

type readerFocused struct {
	Desc    string `json:"desc"`
	ID      string `json:"id"`
	Href    string `json:"href"`
	Visible bool   `json:"visible"`
}

// readerTabTo presses Tab until the focused element matches the CSS
// selector, checking that every element on the way shows its focus.
func readerTabTo(t *testing.T, b *browsertest.Browser, selector string) readerFocused {
	t.Helper()
	var path []string
	for range 30 {
		b.Run(t, chromedp.KeyEvent(kb.Tab))
		f := readerEval[readerFocused](t, b, readerFocus)
		path = append(path, f.Desc)
		if !f.Visible {
			t.Errorf("focus on %s is not visible", f.Desc)
		}
		if readerEval[bool](t, b, `!!document.activeElement && document.activeElement.matches(`+readerJS(selector)+`)`) {
			return f
		}
	}
	t.Fatalf("30 presses of Tab never reached %s; focus went %s", selector, strings.Join(path, " → "))
	return readerFocused{}
}

// TestReaderKeyboardSearch completes a search with the keyboard only: Tab
// to the header's search box, type, Enter, Tab to the first result,
// Enter.
func TestReaderKeyboardSearch(t *testing.T) {
	t.Parallel()
	origin := browsertest.ServeDir(t, readerShared(t, "testdata/reader/site"))
	b := browsertest.New(t, browsertest.Options{})
	readerVisit(t, b, origin, readerPage{path: "/faq/"})

	readerTabTo(t, b, "#header-q")
	b.Run(t, chromedp.KeyEvent("consent"), chromedp.KeyEvent(kb.Enter))
	readerWait(t, b, `location.pathname === "/search/" && document.getElementById("search-status").textContent.includes("results")`)
	if got := readerEval[string](t, b, `document.getElementById("search-q").value`); got != "consent" {
		t.Errorf("search field holds %q after the header search, want consent", got)
	}
	status := readerEval[string](t, b, `document.getElementById("search-status").textContent`)
	if status != "4 results for “consent”" {
		t.Errorf("status line %q, want the count of results", status)
	}

	first := readerTabTo(t, b, ".result-title a")
	readerShot(t, b, "keyboard-focus-on-result")
	if !strings.HasPrefix(first.Href, "/guidance/consent/") {
		t.Errorf("first result reached by Tab links to %q, want the consent page", first.Href)
	}
	// Arrow keys move between results, back up to the search field.
	b.Run(t, chromedp.KeyEvent(kb.ArrowDown))
	if f := readerEval[readerFocused](t, b, readerFocus); !strings.Contains(f.Desc, "Encryption") {
		t.Errorf("ArrowDown from the first result focused %s, want the second result", f.Desc)
	}
	b.Run(t, chromedp.KeyEvent(kb.ArrowUp), chromedp.KeyEvent(kb.ArrowUp))
	if f := readerEval[readerFocused](t, b, readerFocus); f.ID != "search-q" {
		t.Errorf("ArrowUp from the first result focused %s, want the search field", f.Desc)
	}
	b.Run(t, chromedp.KeyEvent(kb.ArrowDown))
	b.Run(t, chromedp.KeyEvent(kb.Enter))
	readerWait(t, b, `location.pathname === "/guidance/consent/"`)
	b.AssertNoConsoleErrors(t)
	b.AssertSameOrigin(t, origin)
}

// TestReaderLandmarksAndSkipLink checks every page has one banner, main
// and content-info landmark and a navigation landmark, and that the skip
// link is the first stop of Tab, shows itself and moves focus to the main
// content.
func TestReaderLandmarksAndSkipLink(t *testing.T) {
	testsite.SkipShort(t, "visits every kind of page in Chromium: run without -short")
	t.Parallel()
	origin := browsertest.ServeDir(t, readerShared(t, "testdata/reader/site"))
	b := browsertest.New(t, browsertest.Options{})
	for _, p := range readerPages {
		readerVisit(t, b, origin, p)
		got := readerEval[map[string]int](t, b, `({
  banner: document.querySelectorAll("body > header, body > .site-header").length,
  main: document.querySelectorAll("main").length,
  contentinfo: document.querySelectorAll("body > footer").length,
  nav: document.querySelectorAll("nav[aria-label]").length,
  h1: document.querySelectorAll("h1").length,
})`)
		for _, k := range []string{"banner", "main", "contentinfo", "h1"} {
			if got[k] != 1 {
				t.Errorf("%s: %d %s landmarks or headings, want 1", p.name, got[k], k)
			}
		}
		if got["nav"] < 1 {
			t.Errorf("%s: no labelled navigation landmark", p.name)
		}
		// Start from the top of the document, as a reader arriving does (a
		// reload keeps the decision tool's answers, in the URL fragment).
		b.Run(t, chromedp.Reload())
		readerWait(t, b, readerLoaded)
		b.Run(t, chromedp.KeyEvent(kb.Tab))
		f := readerEval[readerFocused](t, b, readerFocus)
		if f.Href != "#main" || !f.Visible {
			t.Errorf("%s: first Tab focuses %s (visible %v), want the visible skip link", p.name, f.Desc, f.Visible)
			continue
		}
		b.Run(t, chromedp.KeyEvent(kb.Enter))
		if id := readerEval[string](t, b, `document.activeElement ? document.activeElement.id : ""`); id != "main" {
			t.Errorf("%s: the skip link moved focus to %q, want main", p.name, id)
		}
	}
	b.AssertNoConsoleErrors(t)
}
