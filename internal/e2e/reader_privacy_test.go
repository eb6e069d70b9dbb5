package e2e

import (
	"context"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/guidepost/guidepost/internal/browsertest"
	"github.com/guidepost/guidepost/internal/testsite"
)

// TestReaderPrivacy visits every page, searches and answers the decision
// tool, and expects no request to another origin, no cookie set by a
// header or by script, and nothing kept in web storage.
func TestReaderPrivacy(t *testing.T) {
	testsite.SkipShort(t, "visits every kind of page in Chromium: run without -short")
	t.Parallel()
	origin := browsertest.ServeDir(t, readerShared(t, "testdata/reader/site"))
	b := browsertest.New(t, browsertest.Options{})
	var mu sync.Mutex
	var cookies []string
	chromedp.ListenTarget(b.Ctx, func(ev any) {
		switch e := ev.(type) {
		case *network.EventResponseReceived:
			for k, v := range e.Response.Headers {
				if strings.EqualFold(k, "Set-Cookie") {
					mu.Lock()
					cookies = append(cookies, e.Response.URL+": "+k+": "+v.(string))
					mu.Unlock()
				}
			}
		case *network.EventResponseReceivedExtraInfo:
			for k := range e.Headers {
				if strings.EqualFold(k, "Set-Cookie") {
					mu.Lock()
					cookies = append(cookies, "extra info: "+k)
					mu.Unlock()
				}
			}
		}
	})
	pages := append([]readerPage{
		{name: "search-filtered", path: "/search/?q=consent&j=india"},
		{name: "map", path: "/decide/tool/map/"},
		{name: "jurisdictions", path: "/jurisdictions/"},
	}, readerPages...)
	for _, p := range pages {
		readerVisit(t, b, origin, p)
		store := readerEval[map[string]any](t, b, `({cookie: document.cookie, local: localStorage.length, session: sessionStorage.length})`)
		if store["cookie"] != "" || store["local"] != float64(0) || store["session"] != float64(0) {
			t.Errorf("%s: page keeps data in the browser: %v", p.name, store)
		}
	}
	var all []*network.Cookie
	b.Run(t, chromedp.ActionFunc(func(ctx context.Context) error {
		var err error
		all, err = network.GetCookies().Do(ctx)
		return err
	}))
	if len(all) > 0 {
		t.Errorf("the browser holds %d cookies after the visit", len(all))
	}
	mu.Lock()
	for _, c := range cookies {
		t.Errorf("response sets a cookie: %s", c)
	}
	mu.Unlock()
	if n := len(b.Requests()); n < len(pages) {
		t.Fatalf("recorded %d requests for %d pages: the recorder is not working", n, len(pages))
	}
	b.AssertSameOrigin(t, origin)
	b.AssertNoConsoleErrors(t)
}
