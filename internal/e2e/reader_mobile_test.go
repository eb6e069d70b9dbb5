package e2e

import (
	"context"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/guidepost/guidepost/internal/browsertest"
	"github.com/guidepost/guidepost/internal/testsite"
)

// readerPhoneWidth is the narrowest common phone screen, in CSS pixels.
const readerPhoneWidth = 360

// TestReaderMobile loads every page on a 360 px wide phone screen and
// expects no sideways scrolling of the page: wide tables and code blocks
// scroll inside themselves instead.
func TestReaderMobile(t *testing.T) {
	testsite.SkipShort(t, "visits every kind of page in Chromium in two colour schemes: run without -short")
	t.Parallel()
	origin := browsertest.ServeDir(t, readerShared(t, "testdata/reader/site"))
	for _, scheme := range []string{"light", "dark"} {
		t.Run(scheme, func(t *testing.T) {
			b := browsertest.New(t, browsertest.Options{Width: readerPhoneWidth, Height: 780, Dark: scheme == "dark"})
			b.Run(t, chromedp.ActionFunc(func(ctx context.Context) error {
				return emulation.SetDeviceMetricsOverride(readerPhoneWidth, 780, 2, true).Do(ctx)
			}))
			for _, p := range readerPages {
				readerVisit(t, b, origin, p)
				readerShot(t, b, "mobile-"+scheme+"-"+p.name)
				got := readerEval[map[string]int](t, b, `({
  viewport: document.documentElement.clientWidth,
  page: document.documentElement.scrollWidth,
  body: document.body.scrollWidth,
})`)
				if got["viewport"] != readerPhoneWidth {
					t.Fatalf("%s: viewport is %d px wide, want %d", p.name, got["viewport"], readerPhoneWidth)
				}
				if got["page"] > readerPhoneWidth || got["body"] > readerPhoneWidth {
					wide := readerEval[[]string](t, b, `[...document.querySelectorAll("body *")].filter(e => e.getBoundingClientRect().right > `+"360.5"+` && !e.closest(".table-wrap, pre")).slice(0, 8).map(e => e.tagName.toLowerCase() + "." + String(e.className) + " right=" + Math.round(e.getBoundingClientRect().right))`)
					t.Errorf("%s: page is %d px wide on a %d px screen (scrolls sideways); widest: %q", p.name, got["page"], readerPhoneWidth, wide)
				}
			}
			// The guidance page's wide table and long code line scroll
			// inside their own boxes, which the keyboard can reach.
			readerVisit(t, b, origin, readerPage{path: "/guidance/consent/"})
			for _, sel := range []string{".table-wrap", "pre"} {
				box := readerEval[map[string]any](t, b, `(() => {
  const e = document.querySelector(`+readerJS(sel)+`);
  return e ? {inner: e.scrollWidth, outer: e.clientWidth, focusable: e.tabIndex >= 0, overflow: getComputedStyle(e).overflowX} : {};
})()`)
				inner, _ := box["inner"].(float64)
				outer, _ := box["outer"].(float64)
				if inner <= outer || outer == 0 || outer > readerPhoneWidth {
					t.Errorf("%s: %v px of content in a %v px box; want it wider than the box, the box within the screen", sel, inner, outer)
				}
				if box["overflow"] != "auto" && box["overflow"] != "scroll" {
					t.Errorf("%s: overflow-x %v, want auto so it scrolls", sel, box["overflow"])
				}
				if box["focusable"] != true {
					t.Errorf("%s: not focusable, so keyboard users cannot scroll it", sel)
				}
			}
			b.AssertNoConsoleErrors(t)
		})
	}
}
