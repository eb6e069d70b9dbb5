package devserver

import (
	"strings"
	"testing"
)

// TestMoreTraversalProbesGet404 adds the encodings TestTraversalProbesGet404
// lacks: double and mixed encoding, overlong UTF-8 dots, encoded NUL and
// backslash in the middle of a name, Windows drive and UNC paths, and
// dot segments the client leaves for the server to clean.
func TestMoreTraversalProbesGet404(t *testing.T) {
	t.Parallel()
	site := smallSite(t)
	srv := startServer(t, site.dir, Options{})
	probes := site.probes([]string{
		"/%252e%252e/guidepost.yaml",
		"/%252e%252e%252fguidepost.yaml",
		"/.%2e/guidepost.yaml",
		"/%2e./guidepost.yaml",
		"/s0/.%2E/.%2E/guidepost.yaml",
		"/%c0%ae%c0%ae/guidepost.yaml",
		"/%c0%af../guidepost.yaml",
		"/..%c0%afguidepost.yaml",
		"/..;/guidepost.yaml",
		"/s0/..%00/guidepost.yaml",
		"/s0/p0%00/",
		"/guidepost.yaml%00.html",
		"/%5c..%5cguidepost.yaml",
		"/s0%5c..%5c..%5cguidepost.yaml",
		"/..\\..\\guidepost.yaml",
		"/etc/passwd",
		"/proc/self/environ",
		"/C:%5cWindows%5cwin.ini",
		"/c:/guidepost.yaml",
		"/\\\\server\\share\\guidepost.yaml",
		"/%5c%5cserver%5cshare",
		"/s0/p0/../../../guidepost.yaml",
		"/content/",
		"/layouts/",
		"/.git/config",
	})
	assertNotServed(t, srv, probes)
}

// TestResponsesCarryTheCSP checks that pages, the client script, 404s and
// the event stream all carry the site's Content-Security-Policy header,
// and that the injected client script is an external one the policy
// allows.
func TestResponsesCarryTheCSP(t *testing.T) {
	t.Parallel()
	site := smallSite(t)
	srv := startServer(t, site.dir, Options{})
	for _, p := range []string{"/", site.url(0), ClientScriptPath, "/missing/"} {
		_, body, resp := srv.get(t, p)
		if got := resp.Header.Get("Content-Security-Policy"); got != ContentSecurityPolicy {
			t.Errorf("GET %s: Content-Security-Policy %q, want %q", p, got, ContentSecurityPolicy)
		}
		if strings.Contains(body, "<script>") || strings.Contains(body, "<style") {
			t.Errorf("GET %s: the answer has an inline script or style, which the policy blocks", p)
		}
	}
}
