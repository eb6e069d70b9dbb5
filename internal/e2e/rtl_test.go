package e2e

import (
	"bytes"
	"image"
	"image/png"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/guidepost/guidepost/internal/browsertest"
	"github.com/guidepost/guidepost/internal/testsite"
)

// TestRTLLayout builds the Arabic site in testdata/rtl/site and checks in
// Chromium what a reader of a right-to-left language sees: the page is
// dir="rtl", navigation and breadcrumbs run from the right, callouts and
// verdicts have their bar on the right, the decision tool's progress bar
// fills from the right, the map's first question is at the right, every
// word of the theme is Arabic (dates too, in Arabic digits), and axe-core
// finds no WCAG violation.
func TestRTLLayout(t *testing.T) {
	testsite.SkipShort(t, "runs axe-core on the pages of an Arabic site in Chromium: run without -short")
	t.Parallel()
	axe := readerAxeSource(t)
	origin := browsertest.ServeDir(t, readerBuild(t, "testdata/rtl/site"))
	b := browsertest.New(t, browsertest.Options{})

	check := func(page string) {
		t.Helper()
		for _, v := range readerAxe(t, b, axe) {
			var where []string
			for _, n := range v.Nodes {
				where = append(where, "\n    "+n.Target+": "+strings.ReplaceAll(n.Summary, "\n", " "))
			}
			t.Errorf("%s: %s: %s%s", page, v.ID, v.Help, strings.Join(where, ""))
		}
	}
	// rect is where an element is on the screen.
	type box struct{ Left, Right float64 }
	rect := func(sel string) box {
		t.Helper()
		r := readerEval[*box](t, b, `(() => { const e = document.querySelector(`+readerJS(sel)+`); if (!e) return null; const r = e.getBoundingClientRect(); return {Left: r.left, Right: r.right}; })()`)
		if r == nil {
			t.Fatalf("no %s on the page", sel)
		}
		return *r
	}

	readerVisit(t, b, origin, readerPage{name: "guidance", path: "/guidance/consent/"})
	readerShot(t, b, "rtl-guidance")
	if dir := readerEval[string](t, b, `document.documentElement.dir + " " + getComputedStyle(document.body).direction`); dir != "rtl rtl" {
		t.Errorf("html dir and body direction: %q, want rtl rtl", dir)
	}
	if first, second := rect(".breadcrumbs li:nth-child(1)"), rect(".breadcrumbs li:nth-child(2)"); first.Left <= second.Left {
		t.Errorf("breadcrumbs run left to right: the first at %v, the second at %v", first, second)
	}
	if first, second := rect(".site-nav li:nth-child(1)"), rect(".site-nav li:nth-child(2)"); first.Left <= second.Left {
		t.Errorf("navigation runs left to right: the first item at %v, the second at %v", first, second)
	}
	if title, header := rect(".site-title"), rect(".header-inner"); header.Right-title.Right > 40 {
		t.Errorf("the site's title is not at the right of the header: title %v, header %v", title, header)
	}
	if borders := readerEval[string](t, b, `(() => { const s = getComputedStyle(document.querySelector(".callout")); return s.borderRightWidth + " " + s.borderLeftWidth; })()`); borders != "5px 0px" {
		t.Errorf("callout borders right, left = %s, want 5px 0px", borders)
	}
	if text := readerEval[string](t, b, `document.querySelector(".page-meta").textContent`); !strings.Contains(text, "آخر مراجعة") || !strings.Contains(text, "١٥ يناير ٢٠٢٦") {
		t.Errorf("page meta %q lacks the Arabic review line and date", text)
	}
	if skip := readerEval[string](t, b, `document.querySelector(".skip-link").textContent`); skip != "انتقل إلى المحتوى الرئيسي" {
		t.Errorf("skip link %q", skip)
	}
	if scroll := readerEval[bool](t, b, `document.documentElement.scrollWidth > document.documentElement.clientWidth`); scroll {
		t.Error("the page scrolls sideways (something sticks out to the left)")
	}
	check("guidance")

	// The decision tool, one question answered: half the progress bar is
	// filled, the right half.
	readerVisit(t, b, origin, readerPage{name: "decide", path: "/decide/tool/", answers: [][2]string{
		{"الولايات المتحدة", readerDecideHeading("اتفاقية شريك أعمال")},
	}})
	readerShot(t, b, "rtl-decide-midway")
	if text := readerEval[string](t, b, `document.getElementById("dt-progress-text").textContent`); text != "السؤال ٢ من ٢ على الأكثر" {
		t.Errorf("progress text %q, want السؤال ٢ من ٢ على الأكثر", text)
	}
	accent := readerEval[[]float64](t, b, `(() => { const d = document.createElement("div"); d.style.background = "var(--accent)"; document.body.append(d); const m = getComputedStyle(d).backgroundColor.match(/\d+/g).map(Number); d.remove(); return m; })()`)
	var shot []byte
	b.Run(t, chromedp.Screenshot(".dt-progress progress", &shot, chromedp.ByQuery))
	img, err := png.Decode(bytes.NewReader(shot))
	if err != nil {
		t.Fatalf("progress bar screenshot: %v", err)
	}
	left, right := colorDistance(img, 0.2, accent), colorDistance(img, 0.8, accent)
	if right > 60 || left < 60 {
		t.Errorf("the progress bar does not fill from the right: distance from the accent colour %.0f on the left, %.0f on the right", left, right)
	}
	check("decide-midway")
	readerVisit(t, b, origin, readerPage{name: "decide-outcome", path: "/decide/tool/", answers: [][2]string{
		{"الولايات المتحدة", readerDecideHeading("اتفاقية شريك أعمال")},
		{"لا", readerDecideHeading("لا ترسل معلومات المريض")},
	}})
	if borders := readerEval[string](t, b, `(() => { const s = getComputedStyle(document.querySelector(".dt .outcome")); return s.borderRightWidth + " " + s.borderLeftWidth; })()`); borders != "6px 0px" {
		t.Errorf("outcome borders right, left = %s, want 6px 0px", borders)
	}
	if badge := readerEval[string](t, b, `document.querySelector(".dt .verdict-badge").textContent + " | " + document.querySelector(".dt .dt-reviewed").textContent`); badge != "تجنّب | آخر مراجعة: ١٥ يناير ٢٠٢٦" {
		t.Errorf("verdict and review line %q", badge)
	}
	check("decide-outcome")

	// The map reads from the right: the first question is right of every
	// outcome.
	readerVisit(t, b, origin, readerPage{name: "map", path: "/decide/tool/map/"})
	readerShot(t, b, "rtl-map")
	if start, outcome := rect(".tm-start rect"), rect(".tm-outcome rect"); start.Left <= outcome.Right {
		t.Errorf("the map's first question (%v) is not right of its outcomes (%v)", start, outcome)
	}
	check("map")
	b.AssertNoConsoleErrors(t)
}

// colorDistance is how far the colour at fraction x of the image's width,
// half-way down, is from rgb.
func colorDistance(img image.Image, x float64, rgb []float64) float64 {
	bounds := img.Bounds()
	r, g, bl, _ := img.At(bounds.Min.X+int(float64(bounds.Dx())*x), bounds.Min.Y+bounds.Dy()/2).RGBA()
	d := 0.0
	for i, c := range []uint32{r, g, bl} {
		if i < len(rgb) {
			diff := float64(c>>8) - rgb[i]
			if diff < 0 {
				diff = -diff
			}
			d += diff
		}
	}
	return d
}
