package devserver

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// versionOf is the data-v attribute the server injected into a page.
var versionAttr = regexp.MustCompile(`<script src="/_guidepost/client.js" data-v="([^"]+)" defer></script>`)

func versionOf(t testing.TB, html string) string {
	t.Helper()
	m := versionAttr.FindStringSubmatch(html)
	if m == nil {
		t.Fatalf("page has no client script:\n%s", html)
	}
	return m[1]
}

// open fetches a page as a browser does and listens for its events; the
// first event, sent on connecting, says the site builds.
func (s *testServer) open(t testing.TB, path string) (*sse, string) {
	t.Helper()
	code, body, _ := s.get(t, path)
	if code != http.StatusOK {
		t.Fatalf("GET %s: %d", path, code)
	}
	c := s.listen(t, path, versionOf(t, body))
	c.expect(t, EventOK)
	return c, body
}

func TestEditPageReloadsItWithTheNewHTML(t *testing.T) {
	site := smallSite(t)
	srv := startServer(t, site.dir, Options{})
	c, _ := srv.open(t, site.url(0))
	replaceIn(t, srv.dir, site.file(0), site.c.Sentence(0), "Freshly edited intro.")
	d := c.waitReload(t, site.url(0))
	if d.All {
		t.Errorf("a page edit reloads every page: %+v", d)
	}
	_, body, _ := srv.get(t, site.url(0))
	if !strings.Contains(body, "Freshly edited intro.") {
		t.Error("the page does not have the edit")
	}
	if !strings.Contains(srv.log.String(), site.file(0)+": 1 pages rendered in") {
		t.Errorf("terminal does not report the rebuild:\n%s", srv.log)
	}
}

func TestAtomicSaveAndEditorTempFiles(t *testing.T) {
	site := smallSite(t)
	srv := startServer(t, site.dir, Options{})
	c, _ := srv.open(t, site.url(0))
	dir, page := filepath.Split(filepath.Join(srv.dir, filepath.FromSlash(site.file(0))))
	before := srv.buildCount()
	// Editors' temporary and backup files: none of them may cause a build.
	for _, name := range []string{"." + page + ".swp", page + "~", "4913", ".#" + page, "#" + page + "#", ".goutputstream-XY12",
		page + ".tmp", "jb_tmp___", page + "___jb_tmp___", page + "___jb_old___", page + ".bck"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("junk"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// An atomic save: write a temporary file, rename it over the page.
	src := strings.Replace(readFile(t, srv.dir, site.file(0)), site.c.Sentence(0), "Saved atomically.", 1)
	tmp := filepath.Join(dir, "."+page+".tmp123")
	if err := os.WriteFile(tmp, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, filepath.Join(dir, page)); err != nil {
		t.Fatal(err)
	}
	c.waitReload(t, site.url(0))
	if _, body, _ := srv.get(t, site.url(0)); !strings.Contains(body, "Saved atomically.") {
		t.Error("the page does not have the saved text")
	}
	if got := srv.buildCount() - before; got != 1 {
		t.Errorf("%d builds, want 1: temporary files caused builds\n%s", got, srv.log)
	}
	if strings.Contains(srv.log.String(), "more:") {
		t.Errorf("the build saw other files than the page:\n%s", srv.log)
	}
}

func TestNewFolderWithANewPage(t *testing.T) {
	srv := startServer(t, smallSite(t).dir, Options{})
	c, _ := srv.open(t, "/")
	writeFile(t, srv.dir, "content/fresh/deeper/_index.md", "---\ntitle: Deeper\n---\nA new section.\n")
	writeFile(t, srv.dir, "content/fresh/deeper/page.md", "---\ntitle: A page in a new folder\n---\nHello from the new folder.\n")
	for {
		d := reloadPaths(t, c.expect(t, EventReload))
		if d.All || strings.Contains(strings.Join(d.Paths, " "), "/fresh/deeper/page/") {
			break
		}
	}
	code, body, _ := srv.get(t, "/fresh/deeper/page/")
	if code != http.StatusOK || !strings.Contains(body, "Hello from the new folder.") {
		t.Fatalf("GET the new page: %d\n%s", code, body)
	}
	// The new folder is watched: editing the page there reloads it.
	replaceIn(t, srv.dir, "content/fresh/deeper/page.md", "Hello", "Hi again")
	c.waitReload(t, "/fresh/deeper/page/")
	// A removed folder's pages are gone.
	if err := os.RemoveAll(filepath.Join(srv.dir, "content", "fresh")); err != nil {
		t.Fatal(err)
	}
	c.waitReload(t, "/fresh/deeper/page/")
	if code, _, _ := srv.get(t, "/fresh/deeper/page/"); code != http.StatusNotFound {
		t.Errorf("GET a removed page: %d, want 404", code)
	}
}

func TestStylesheetEditSwapsIt(t *testing.T) {
	site := smallSite(t)
	srv := startServer(t, site.dir, Options{})
	c, page := srv.open(t, site.url(0))
	oldHref := regexp.MustCompile(`href="(/css/site\.[0-9a-f]{10}\.css)"`).FindStringSubmatch(page)
	if oldHref == nil {
		t.Fatal("the page links no fingerprinted site.css")
	}
	f := filepath.Join(srv.dir, "static", "css", "site.css")
	css, _ := os.ReadFile(f)
	if err := os.WriteFile(f, append(css, "\n.hot-swapped { color: rebeccapurple }\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	ev := c.expect(t, EventCSS)
	var d cssData
	if err := json.Unmarshal([]byte(ev.data), &d); err != nil {
		t.Fatal(err)
	}
	var newHref string
	for _, ch := range d.Changes {
		if ch.Old == oldHref[1] {
			newHref = ch.New
		}
	}
	if newHref == "" || newHref == oldHref[1] {
		t.Fatalf("css event %s does not move %s", ev.data, oldHref[1])
	}
	code, body, resp := srv.get(t, newHref)
	if code != http.StatusOK || !strings.Contains(body, "rebeccapurple") || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/css") {
		t.Errorf("GET %s: %d %s", newHref, code, resp.Header.Get("Content-Type"))
	}
	if _, page, _ := srv.get(t, site.url(0)); !strings.Contains(page, newHref) {
		t.Error("the page does not link the new stylesheet")
	}
	// The page itself did not change: no reload came with the css event.
	// The next event is the reload of a real edit.
	replaceIn(t, srv.dir, site.file(0), site.c.Sentence(0), "After the stylesheet.")
	d2 := c.waitReload(t, site.url(0))
	if d2.All {
		t.Error("reload of every page")
	}
}

func TestTemplateErrorShowsAndClears(t *testing.T) {
	site := smallSite(t)
	srv := startServer(t, site.dir, Options{})
	c, good := srv.open(t, site.url(0))
	layout := "layouts/_default/single.html"
	orig := readFile(t, srv.dir, layout)
	broken := strings.Replace(orig, "{{.Title}}", "{{.Title", 1)
	if broken == orig {
		t.Fatal("single.html has no {{.Title}} to break")
	}
	line := 1 + strings.Count(broken[:strings.Index(broken, "{{.Title")], "\n")
	writeFile(t, srv.dir, layout, broken)
	ev := c.expect(t, EventError)
	var d errorData
	if err := json.Unmarshal([]byte(ev.data), &d); err != nil {
		t.Fatal(err)
	}
	want := fmt.Sprintf("%s:%d:", layout, line)
	if len(d.Diagnostics) == 0 || !strings.HasPrefix(d.Diagnostics[0].Text, want) || d.Diagnostics[0].File != layout || d.Diagnostics[0].Line != line {
		t.Fatalf("error event %s, want a diagnostic at %s", ev.data, want)
	}
	// The last good page is still served, and a browser that connects now
	// learns about the error.
	if code, body, _ := srv.get(t, site.url(0)); code != http.StatusOK || body != good {
		t.Errorf("while broken, GET the page: %d, not the last good page", code)
	}
	late := srv.listen(t, site.url(0), versionOf(t, good))
	late.expect(t, EventError)
	if !strings.Contains(srv.log.String(), "build failed with 1 error in ") || !strings.Contains(srv.log.String(), "still serving the last good build") || !strings.Contains(srv.log.String(), "  "+want) {
		t.Errorf("terminal does not show the error:\n%s", srv.log)
	}
	// A content edit while the layout is broken still fails.
	replaceIn(t, srv.dir, site.file(0), site.c.Sentence(0), "Edited while broken.")
	c.expect(t, EventError)
	writeFile(t, srv.dir, layout, orig)
	c.expect(t, EventOK)
	c.waitReload(t, site.url(0))
	if _, body, _ := srv.get(t, site.url(0)); !strings.Contains(body, "Edited while broken.") {
		t.Error("the edit made while broken is missing")
	}
}

func TestReconnectCatchesUp(t *testing.T) {
	site := smallSite(t)
	srv := startServer(t, site.dir, Options{})
	_, page, _ := srv.get(t, site.url(0))
	v := versionOf(t, page)
	// A browser whose page is current gets only ok.
	current := srv.listen(t, site.url(0), v)
	current.expect(t, EventOK)
	// A browser that was away while the page changed reloads on connecting.
	stale := srv.listen(t, site.url(0), v+"x")
	stale.expect(t, EventOK)
	stale.waitReload(t, site.url(0))
	// The current browser got nothing besides: its next event is the next edit.
	replaceIn(t, srv.dir, site.file(0), site.c.Sentence(0), "Next edit.")
	current.waitReload(t, site.url(0))
}

func TestHeartbeatKeepsTheStreamAlive(t *testing.T) {
	srv := startServer(t, smallSite(t).dir, Options{Heartbeat: 20_000_000}) // 20 ms
	c := srv.listen(t, "/", "")
	c.expect(t, EventOK)
	select {
	case ev := <-c.events:
		if !ev.comment {
			t.Fatalf("got %+v, want a heartbeat comment", ev)
		}
	case <-timeoutAfter():
		t.Fatal("no heartbeat")
	}
}

func TestTraversalProbesGet404(t *testing.T) {
	t.Parallel()
	site := smallSite(t)
	srv := startServer(t, site.dir, Options{})
	probes := site.probes([]string{
		"/../guidepost.yaml",
		"/../../../../etc/passwd",
		"/s0/../../guidepost.yaml",
		"/%2e%2e/guidepost.yaml",
		"/%2E%2E/%2E%2E/etc/passwd",
		"/s0/%2e%2e/%2e%2e/guidepost.yaml",
		"/..%2fguidepost.yaml",
		"/s0%2fp0/",
		"/%2fetc%2fpasswd",
		"/..%5cguidepost.yaml",
		"/..\\guidepost.yaml",
		"/s0\\p0/",
		"/%00",
		"/s0/p0/index.html%00.css",
		"//etc/passwd",
		"/C:/Windows/win.ini",
		"/guidepost.yaml",
		"/content/s0/p0.md",
		"/layouts/_default/baseof.html",
		"/static/css/site.css",
		"/./guidepost.yaml",
		"http://127.0.0.1/../guidepost.yaml",
	})
	assertNotServed(t, srv, probes)
}

// probes are traversal probes written for the page /s0/p0/ and its
// section /s0/, aimed at page 0 of the site and its section instead.
func (s testSite) probes(probes []string) []string {
	page, section := strings.Trim(s.url(0), "/"), strings.Trim(s.sectionURL(0), "/")
	out := make([]string, len(probes))
	for i, p := range probes {
		p = strings.ReplaceAll(p, "s0/p0", page)
		p = strings.ReplaceAll(p, "s0\\p0", strings.ReplaceAll(page, "/", "\\"))
		p = strings.ReplaceAll(p, "s0%2fp0", strings.ReplaceAll(page, "/", "%2f"))
		out[i] = strings.ReplaceAll(p, "/s0/", "/"+section+"/")
	}
	return out
}

// assertNotServed requests each probe as written and fails unless the
// answer is a 404 that shows no file of the site or the system (the
// site's config, /etc/passwd, a .git config).
func assertNotServed(t *testing.T, srv *testServer, probes []string) {
	t.Helper()
	config, _, _ := strings.Cut(readFile(t, srv.dir, "guidepost.yaml"), "\n")
	for _, p := range probes {
		t.Run(p, func(t *testing.T) {
			code, body := rawGet(t, srv.origin(), p)
			if code != http.StatusNotFound {
				t.Errorf("status %d, want 404", code)
			}
			if strings.Contains(body, config) || strings.Contains(body, "root:") || strings.Contains(body, "[core]") {
				t.Error("the answer leaks a file")
			}
		})
	}
}

// rawGet sends a request line as written, with no client-side cleaning.
func rawGet(t *testing.T, origin, target string) (int, string) {
	t.Helper()
	conn, err := net.Dial("tcp", strings.TrimPrefix(origin, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", target)
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var b strings.Builder
	bufio.NewReader(resp.Body).WriteTo(&b)
	return resp.StatusCode, b.String()
}

func TestContentTypesAndCaching(t *testing.T) {
	t.Parallel()
	dir := smallSite(t).dir
	writeFile(t, dir, "static/img/logo.svg", `<svg xmlns="http://www.w3.org/2000/svg"/>`)
	srv := startServer(t, dir, Options{})
	_, home, _ := srv.get(t, "/")
	_, tree, _ := srv.get(t, treeURL(""))
	find := func(page, pattern string) string {
		m := regexp.MustCompile(pattern).FindStringSubmatch(page)
		if m == nil {
			t.Fatalf("no match for %s", pattern)
		}
		return m[1]
	}
	tests := []struct{ path, ctype string }{
		{"/", "text/html; charset=utf-8"},
		{find(home, `href="(/css/site\.[0-9a-f]+\.css)"`), "text/css; charset=utf-8"},
		{find(tree, `data-tree="(`+regexp.QuoteMeta(treeURL(""))+`tree\.[0-9a-f]+\.json)"`), "application/json"},
		{"/img/logo.svg", "image/svg+xml"},
		{"/sitemap.xml", "application/xml; charset=utf-8"},
		{"/feed.xml", "application/xml; charset=utf-8"},
		{"/robots.txt", "text/plain; charset=utf-8"},
		{ClientScriptPath, "text/javascript; charset=utf-8"},
	}
	for _, p := range srv.out.Names() {
		switch {
		case strings.HasSuffix(p, ".wasm"):
			tests = append(tests, struct{ path, ctype string }{"/" + p, "application/wasm"})
		case strings.HasSuffix(p, ".js") && !strings.HasPrefix(p, "_"):
			tests = append(tests, struct{ path, ctype string }{"/" + p, "text/javascript; charset=utf-8"})
		}
	}
	for _, tt := range tests {
		code, body, resp := srv.get(t, tt.path)
		if code != http.StatusOK {
			t.Errorf("GET %s: %d", tt.path, code)
			continue
		}
		if got := resp.Header.Get("Content-Type"); got != tt.ctype {
			t.Errorf("GET %s: Content-Type %q, want %q", tt.path, got, tt.ctype)
		}
		if got := resp.Header.Get("Cache-Control"); got != "no-cache" {
			t.Errorf("GET %s: Cache-Control %q, want no-cache", tt.path, got)
		}
		injected := strings.Contains(body, ClientScriptPath+`" data-v=`)
		if injected != strings.HasPrefix(tt.ctype, "text/html") {
			t.Errorf("GET %s: client script injected: %v", tt.path, injected)
		}
	}
	// A missing page is the site's 404 page, with the client script, so it
	// reloads once the page is written.
	code, body, _ := srv.get(t, "/no/such/page/")
	if code != http.StatusNotFound || !strings.Contains(body, ClientScriptPath) {
		t.Errorf("GET a missing page: %d", code)
	}
}

func TestBuiltSiteHasNoClientScript(t *testing.T) {
	t.Parallel()
	for name, data := range fullBuild(t, smallSite(t).dir) {
		if strings.Contains(string(data), "/_guidepost/") {
			t.Errorf("%s of a build refers to the dev server's client", name)
		}
	}
}

func TestBurstOfChangesMakesOneBuild(t *testing.T) {
	site := genSite(t, 120)
	srv := startServer(t, site.dir, Options{})
	c, _ := srv.open(t, site.sectionURL(0))
	before := srv.buildCount()
	// Like a `git checkout`: many files replaced in quick succession.
	stage := t.TempDir()
	for i := 0; i < 120; i += 2 {
		src := strings.Replace(readFile(t, srv.dir, site.file(i)), site.c.Sentence(i), "Checked out.", 1)
		if err := os.WriteFile(filepath.Join(stage, fmt.Sprint(i)), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for i := 0; i < 120; i += 2 {
		if err := os.Rename(filepath.Join(stage, fmt.Sprint(i)), filepath.Join(srv.dir, filepath.FromSlash(site.file(i)))); err != nil {
			t.Fatal(err)
		}
	}
	c.waitReload(t, site.url(0))
	// A marker edit afterwards: when its reload arrives, exactly one more
	// build than the burst's happened.
	replaceIn(t, srv.dir, site.file(1), site.c.Sentence(1), "Marker.")
	for {
		d := reloadPaths(t, c.expect(t, EventReload))
		if strings.Contains(strings.Join(d.Paths, " "), site.url(1)) {
			break
		}
	}
	if got := srv.buildCount() - before; got != 2 {
		t.Errorf("%d builds for a burst and one edit, want 2\n%s", got, srv.log)
	}
}

func TestBasePath(t *testing.T) {
	site := smallSite(t)
	setField(t, site.dir, "guidepost.yaml", "base_url", "https://example.org/docs/")
	srv := startServer(t, site.dir, Options{})
	if !strings.HasSuffix(srv.URL(), "/docs/") {
		t.Fatalf("URL %s lacks the base path", srv.URL())
	}
	resp, err := (&http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}).Get(srv.origin() + "/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusFound || resp.Header.Get("Location") != "/docs/" {
		t.Errorf("GET /: %d to %q, want a redirect to /docs/", resp.StatusCode, resp.Header.Get("Location"))
	}
	c, _ := srv.open(t, "/docs"+site.url(0))
	replaceIn(t, srv.dir, site.file(0), site.c.Sentence(0), "Under a base path.")
	c.waitReload(t, "/docs"+site.url(0))
}

func TestPortInUse(t *testing.T) {
	t.Parallel()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	port := ln.Addr().(*net.TCPAddr).Port
	_, err = New(Options{Source: smallSite(t).dir, Port: port})
	var inUse *PortInUseError
	if !errors.As(err, &inUse) {
		t.Fatalf("err = %v, want a *PortInUseError", err)
	}
	want := fmt.Sprintf("port %d is in use: stop the other server or pass --port N", port)
	if err.Error() != want {
		t.Errorf("error %q, want %q", err, want)
	}
}

func TestSiteBrokenFromTheStart(t *testing.T) {
	site := smallSite(t)
	dir := site.dir
	// The page's title, on line 2, under a misspelt key: it has no title.
	replaceIn(t, dir, site.file(0), "\ntitle: ", "\ntitel: ")
	srv := startServer(t, dir, Options{})
	code, body, _ := srv.get(t, site.url(0))
	if code != http.StatusInternalServerError || !strings.Contains(body, site.file(0)+":2: ") || !strings.Contains(body, `data-error="1"`) {
		t.Fatalf("GET while the site never built: %d\n%s", code, body)
	}
	c := srv.listen(t, site.url(0), "")
	ev := c.expect(t, EventError)
	if !strings.Contains(ev.data, `"text":"`+site.file(0)+`:2: `) {
		t.Errorf("error event %s lacks file:line", ev.data)
	}
	// There is no good build to fall back on, and the terminal says so.
	if log := srv.log.String(); !regexp.MustCompile(`first build: build failed with \d+ errors? in \d+ ms; no page is served until the site builds\n`).MatchString(log) ||
		strings.Contains(log, "last good") {
		t.Errorf("the terminal does not say that nothing is served:\n%s", log)
	}
	replaceIn(t, dir, site.file(0), "\ntitel: ", "\ntitle: ")
	c.expect(t, EventOK)
	if code, _, _ := srv.get(t, site.url(0)); code != http.StatusOK {
		t.Errorf("GET after the fix: %d", code)
	}
}
