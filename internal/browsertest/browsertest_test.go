package browsertest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

func TestBrowserRecordsRequestsAndErrors(t *testing.T) {
	dir := t.TempDir()
	page := `<!doctype html><title>t</title><script src="/a.js"></script><h1 id="h">hello</h1>`
	os.WriteFile(filepath.Join(dir, "index.html"), []byte(page), 0o644)
	os.WriteFile(filepath.Join(dir, "a.js"), []byte(`console.error("boom")`), 0o644)
	origin := ServeDir(t, dir)
	b := New(t, Options{})
	var text string
	b.Run(t, chromedp.Navigate(origin+"/"), chromedp.Text("#h", &text))
	if text != "hello" {
		t.Errorf("heading = %q, want hello", text)
	}
	reqs := strings.Join(b.Requests(), " ")
	if !strings.Contains(reqs, origin+"/a.js") {
		t.Errorf("requests %q lack /a.js", reqs)
	}
	if errs := b.ConsoleErrors(); len(errs) != 1 || !strings.Contains(errs[0], "boom") {
		t.Errorf("console errors = %q, want the one boom", errs)
	}
}

// TestTabsDoNotShareState checks that each New is a fresh profile though
// the tabs share one Chromium: what one test's page stores (local
// storage, a cookie), the next test's tab does not see.
func TestTabsDoNotShareState(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "set.html"), []byte(`<!doctype html><title>t</title><script src="/a.js"></script>`), 0o644)
	os.WriteFile(filepath.Join(dir, "read.html"), []byte(`<!doctype html><title>t</title>`), 0o644)
	os.WriteFile(filepath.Join(dir, "a.js"), []byte(`localStorage.setItem("seen", "yes"); document.cookie = "c=1; max-age=3600"`), 0o644)
	origin := ServeDir(t, dir)
	read := func(b *Browser, page string) (stored, cookie string) {
		b.Run(t, chromedp.Navigate(origin+page),
			chromedp.Evaluate(`localStorage.getItem("seen") || ""`, &stored),
			chromedp.Evaluate(`document.cookie`, &cookie))
		return stored, cookie
	}
	t.Run("first", func(t *testing.T) {
		if stored, cookie := read(New(t, Options{}), "/set.html"); stored != "yes" || cookie != "c=1" {
			t.Fatalf("the page stored %q and the cookie %q; want yes and c=1", stored, cookie)
		}
	})
	t.Run("second", func(t *testing.T) {
		if stored, cookie := read(New(t, Options{}), "/read.html"); stored != "" || cookie != "" {
			t.Errorf("a new tab sees the storage %q and cookie %q of another test's tab", stored, cookie)
		}
	})
}
