package devserver

import (
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// getHost fetches path from the server over real HTTP with the Host
// header a browser on another name would send.
func getHost(t *testing.T, s *testServer, host, path string) (int, string, http.Header) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, s.origin()+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Host = host
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(body), resp.Header
}

// TestHostHeaderIsChecked: a DNS-rebinding page reaches the server under
// its own name; the server answers only to its own names and addresses.
func TestHostHeaderIsChecked(t *testing.T) {
	t.Parallel()
	s := startServer(t, smallSite(t).dir, Options{AllowHosts: []string{"Guidance.Test"}})
	port := s.origin()[strings.LastIndex(s.origin(), ":"):]
	for _, host := range []string{
		"127.0.0.1" + port, "localhost" + port, "LOCALHOST" + port, "localhost." + port,
		"app.localhost" + port, "[::1]" + port, "192.168.1.5" + port, "guidance.test" + port, "guidance.test",
	} {
		if code, body, _ := getHost(t, s, host, "/"); code != http.StatusOK {
			t.Errorf("Host %s: status %d, want 200\n%s", host, code, body)
		}
	}
	for _, host := range []string{
		"evil.com" + port, "evil.com", "localhost.evil.com" + port, "127.0.0.1.nip.io" + port, "guidance.test.evil.com",
	} {
		for _, path := range []string{"/", EventsPath, ClientScriptPath, "/missing/"} {
			code, body, h := getHost(t, s, host, path)
			if code != http.StatusForbidden {
				t.Errorf("Host %s, GET %s: status %d, want 403", host, path, code)
			}
			if strings.Contains(body, "<html") || strings.Contains(body, "Test site") {
				t.Errorf("Host %s, GET %s: the answer holds the site:\n%s", host, path, body)
			}
			if !strings.Contains(body, "--allow-host") || h.Get("X-Content-Type-Options") != "nosniff" {
				t.Errorf("Host %s, GET %s: the answer does not say how to allow the name (nosniff %q):\n%s", host, path, h.Get("X-Content-Type-Options"), body)
			}
		}
	}
}

// TestNotFoundIsNosniff: the 404 page is HTML and says so firmly.
func TestNotFoundIsNosniff(t *testing.T) {
	t.Parallel()
	s := startServer(t, smallSite(t).dir, Options{})
	code, _, h := s.get(t, "/no/such/page.txt")
	if code != http.StatusNotFound || h.Header.Get("X-Content-Type-Options") != "nosniff" {
		t.Errorf("status %d, X-Content-Type-Options %q; want 404 and nosniff", code, h.Header.Get("X-Content-Type-Options"))
	}
}

// TestLinkOutOfTheSiteIsNotServed: serve, like build, refuses a static
// file that links out of the site, and shows why.
func TestLinkOutOfTheSiteIsNotServed(t *testing.T) {
	t.Parallel()
	dir := smallSite(t).dir
	secret := filepath.Join(t.TempDir(), "secret.txt")
	if err := os.WriteFile(secret, []byte("root:x:0:0:secret"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(secret, filepath.Join(dir, "static", "pw.txt")); err != nil {
		t.Fatal(err)
	}
	s := startServer(t, dir, Options{})
	for _, path := range []string{"/pw.txt", "/"} {
		_, body, _ := s.get(t, path)
		if strings.Contains(body, "root:x:0:0") {
			t.Errorf("GET %s serves the file outside the site", path)
		}
		if path == "/" && !strings.Contains(body, "static/pw.txt:1: symbolic link to a file outside the site") {
			t.Errorf("GET /: the error page does not name the link:\n%s", body)
		}
	}
}
