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
