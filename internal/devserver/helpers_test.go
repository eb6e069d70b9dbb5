package devserver

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"
)

// eventTimeout bounds every wait for an event: generous, because the
// machine running the tests may be busy.
const eventTimeout = 20 * time.Second

// logBuffer collects the server's terminal output.
type logBuffer struct {
	mu  sync.Mutex
	buf strings.Builder
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

// testServer is a dev server running for one test.
type testServer struct {
	*Server
	dir string
	log *logBuffer
}

// startServer serves the site in dir on 127.0.0.1 until the test ends,
// then checks that it shut down cleanly.
func startServer(t testing.TB, dir string, opts Options) *testServer {
	t.Helper()
	log := &logBuffer{}
	opts.Source, opts.Log = dir, log
	if opts.Now.IsZero() {
		opts.Now = testNow
	}
	if opts.HighlightCache == nil {
		opts.HighlightCache = testHighlights
	}
	srv, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("server did not shut down cleanly: %v", err)
			}
		case <-time.After(eventTimeout):
			t.Error("server did not shut down")
		}
	})
	select {
	case <-srv.Ready():
	case err := <-done:
		t.Fatalf("server stopped: %v", err)
	case <-time.After(2 * time.Minute):
		t.Fatal("first build takes too long")
	}
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("server log:\n%s", log)
		}
	})
	return &testServer{Server: srv, dir: dir, log: log}
}

// origin is the server's scheme and host.
func (s *testServer) origin() string {
	u, _ := url.Parse(s.URL())
	return u.Scheme + "://" + u.Host
}

// get fetches a path and returns the status, the body and the response.
func (s *testServer) get(t testing.TB, path string) (int, string, *http.Response) {
	t.Helper()
	resp, err := http.Get(s.origin() + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(body), resp
}

// buildCount is how many builds the server applied.
func (s *testServer) buildCount() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.builds
}

// sse is a browser's event stream, read by a test.
type sse struct {
	events chan sseEvent
	cancel context.CancelFunc
}

type sseEvent struct {
	name, data string
	comment    bool
}

// listen opens the event stream as the client script does for the page at
// path whose HTML had version v.
func (s *testServer) listen(t testing.TB, path, v string) *sse {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	req, _ := http.NewRequestWithContext(ctx, "GET", s.origin()+EventsPath+"?path="+url.QueryEscape(path)+"&v="+url.QueryEscape(v), nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/event-stream") {
		cancel()
		t.Fatalf("event stream Content-Type %q", ct)
	}
	c := &sse{events: make(chan sseEvent, 64), cancel: cancel}
	t.Cleanup(cancel)
	go func() {
		defer resp.Body.Close()
		defer close(c.events)
		r := bufio.NewReader(resp.Body)
		var ev sseEvent
		for {
			line, err := r.ReadString('\n')
			if err != nil {
				return
			}
			line = strings.TrimRight(line, "\n")
			switch {
			case line == "":
				if ev.name != "" || ev.comment {
					c.events <- ev
				}
				ev = sseEvent{}
			case strings.HasPrefix(line, ":"):
				ev.comment = true
			case strings.HasPrefix(line, "event: "):
				ev.name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				ev.data = strings.TrimPrefix(line, "data: ")
			}
		}
	}()
	return c
}

// next returns the next event, skipping heartbeat comments.
func (c *sse) next(t testing.TB) sseEvent {
	t.Helper()
	timeout := time.After(eventTimeout)
	for {
		select {
		case ev, ok := <-c.events:
			if !ok {
				t.Fatal("the event stream ended")
			}
			if !ev.comment {
				return ev
			}
		case <-timeout:
			t.Fatalf("no event within %s", eventTimeout)
		}
	}
}

// expect returns the next event, failing unless it has the given name.
func (c *sse) expect(t testing.TB, name string) sseEvent {
	t.Helper()
	ev := c.next(t)
	if ev.name != name {
		t.Fatalf("got event %s %s, want %s", ev.name, ev.data, name)
	}
	return ev
}

// reloadPaths decodes a reload event.
func reloadPaths(t testing.TB, ev sseEvent) reloadData {
	t.Helper()
	var d reloadData
	if err := json.Unmarshal([]byte(ev.data), &d); err != nil {
		t.Fatalf("reload event %q: %v", ev.data, err)
	}
	return d
}

// waitReload waits for a reload event naming path, failing on any other
// event first.
func (c *sse) waitReload(t testing.TB, path string) reloadData {
	t.Helper()
	ev := c.expect(t, EventReload)
	d := reloadPaths(t, ev)
	for _, p := range d.Paths {
		if p == path {
			return d
		}
	}
	if !d.All {
		t.Fatalf("reload event %s does not name %s", ev.data, path)
	}
	return d
}

// timeoutAfter fires when a wait for an event has lasted too long.
func timeoutAfter() <-chan time.Time { return time.After(eventTimeout) }
