package e2e

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/guidepost/guidepost/internal/browsertest"
	"github.com/guidepost/guidepost/internal/testsite"
)

// readerPrintView reports, in print media, which of the page's chrome
// is still shown and what the sources and external links print as.
const readerPrintView = `(() => {
  const shown = sel => [...document.querySelectorAll(sel)].some(e => getComputedStyle(e).display !== "none" && e.getClientRects().length > 0);
  const chrome = {};
  for (const sel of [".site-header", ".site-nav", ".header-search", ".breadcrumbs", ".skip-link", ".toc", ".prev-next", ".site-footer nav", ".search-form"]) chrome[sel] = shown(sel);
  const urls = [...document.querySelectorAll(".sources .print-url")].filter(e => getComputedStyle(e).display !== "none").map(e => e.textContent.trim());
  const after = [...document.querySelectorAll('.prose a[href^="http"]')].map(a => getComputedStyle(a, "::after").content);
  const clipped = [...document.querySelectorAll("main .table-wrap, main pre")].filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.tagName.toLowerCase() + "." + e.className);
  return {chrome, urls, after, clipped, sources: document.querySelectorAll(".sources li").length, main: shown("main")};
})()`

type readerPrinted struct {
	Chrome  map[string]bool `json:"chrome"`
	URLs    []string        `json:"urls"`
	After   []string        `json:"after"`
	Clipped []string        `json:"clipped"`
	Sources int             `json:"sources"`
	Main    bool            `json:"main"`
}

// TestReaderPrint prints a guidance page and a decision outcome: no
// navigation, the sources' URLs written out, external links followed by
// their address, and a PDF that Chromium can make.
func TestReaderPrint(t *testing.T) {
	testsite.SkipShort(t, "prints two pages in Chromium: run without -short")
	t.Parallel()
	origin := browsertest.ServeDir(t, readerShared(t, "testdata/reader/site"))
	b := browsertest.New(t, browsertest.Options{})
	printed := []readerPage{readerPages[1], readerPages[len(readerPages)-1]}
	for _, p := range printed {
		readerVisit(t, b, origin, p)
		b.Run(t, chromedp.ActionFunc(func(ctx context.Context) error {
			return emulation.SetEmulatedMedia().WithMedia("print").Do(ctx)
		}))
		v := readerEval[readerPrinted](t, b, readerPrintView)
		readerShot(t, b, "print-"+p.name)
		if !v.Main {
			t.Errorf("%s: the main content does not print", p.name)
		}
		for sel, shown := range v.Chrome {
			if shown {
				t.Errorf("%s: %s prints; navigation and search should not", p.name, sel)
			}
		}
		if v.Sources == 0 || len(v.URLs) != v.Sources {
			t.Errorf("%s: %d sources print %d URLs (%q); want each source's URL", p.name, v.Sources, len(v.URLs), v.URLs)
		}
		for _, u := range v.URLs {
			if !strings.HasPrefix(u, "https://") {
				t.Errorf("%s: source prints %q, want its https:// URL", p.name, u)
			}
		}
		for _, c := range v.Clipped {
			t.Errorf("%s: %s is wider than the printed page and would be cut off", p.name, c)
		}
		for _, a := range v.After {
			if !strings.Contains(a, "attr(href)") && !strings.Contains(a, "https://") {
				t.Errorf("%s: an external link prints without its address (::after content %s)", p.name, a)
			}
		}
		var pdf []byte
		b.Run(t, chromedp.ActionFunc(func(ctx context.Context) error {
			var err error
			pdf, _, err = page.PrintToPDF().WithPrintBackground(false).Do(ctx)
			return err
		}))
		if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
			t.Errorf("%s: printing made %d bytes that are not a PDF", p.name, len(pdf))
		}
		if dir := os.Getenv("GUIDEPOST_SCREENSHOTS"); dir != "" {
			if err := os.WriteFile(filepath.Join(dir, "print-"+p.name+".pdf"), pdf, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		b.Run(t, chromedp.ActionFunc(func(ctx context.Context) error {
			return emulation.SetEmulatedMedia().WithMedia("").Do(ctx)
		}))
	}
	b.AssertNoConsoleErrors(t)
}
