package devserver

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/guidepost/guidepost/internal/markdown"
	"github.com/guidepost/guidepost/internal/testsite"
)

// The load test runs its clients in a second process: the test binary run
// again with loadGenEnv set, which TestMain turns into the load generator.
// It talks to the test over stdin and stdout: it prints "ready" once its
// event streams are open, runs its clients until it reads "stop", then
// prints one line of JSON, a loadResult.
const loadGenEnv = "GUIDEPOST_LOADGEN"

// Load figures.
const (
	loadClients  = 200              // concurrent page clients
	loadStreams  = 100              // open event streams
	loadRebuilds = 20               // rebuilds while the clients run
	loadMaxReqs  = 2000             // per client: bounds the request count
	loadDeadline = 90 * time.Second // bounds the generator's life
)

// loadResult is what the generator measured.
type loadResult struct {
	Requests   int64   `json:"requests"`
	Errors     int64   `json:"errors"`    // transport errors and statuses other than 200
	Truncated  int64   `json:"truncated"` // HTML answers without </html>
	Seconds    float64 `json:"seconds"`
	P50ms      float64 `json:"p50_ms"`
	P99ms      float64 `json:"p99_ms"`
	MinReloads int     `json:"min_reloads"` // fewest reload events one stream saw
	Streams    int     `json:"streams"`     // streams still open at the end
	FirstError string  `json:"first_error,omitempty"`
}

func TestMain(m *testing.M) {
	if os.Getenv(loadGenEnv) != "" {
		os.Exit(runLoadGen())
	}
	dir, err := os.MkdirTemp("", "guidepost-devserver-highlight-")
	if err == nil {
		testHighlights, err = markdown.OpenHighlightCache(dir, 64<<20)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "highlight cache:", err)
		os.Exit(1)
	}
	code := m.Run()
	removeCLI()
	os.RemoveAll(dir)
	os.Exit(code)
}

func TestLoadFromAnotherProcess(t *testing.T) {
	testsite.SkipShort(t, "runs 200 clients and 100 event streams through 20 rebuilds: run without -short")
	site := smallSite(t)
	srv := startServer(t, site.dir, Options{})
	page := site.url(0)
	_, body, _ := srv.get(t, page)
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), loadDeadline+30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, exe, "-test.run=^$")
	cmd.Env = append(os.Environ(), loadGenEnv+"=1", "LOADGEN_ORIGIN="+srv.origin(), "LOADGEN_PAGE="+page, "LOADGEN_V="+versionOf(t, body),
		"LOADGEN_PAGES="+strings.Join([]string{"/", site.sectionURL(0), site.url(1), site.url(2), treeURL(""), "/tags/"}, " "))
	stdin, _ := cmd.StdinPipe()
	stdout, _ := cmd.StdoutPipe()
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	out := bufio.NewScanner(stdout)
	out.Buffer(nil, 1<<20)
	if !out.Scan() || out.Text() != "ready" {
		t.Fatalf("the load generator did not get ready: %q %v", out.Text(), out.Err())
	}
	start := time.Now()
	for i := range loadRebuilds {
		// Saved as editors do, atomically; the next edit waits until this
		// one is served, so each edit is a rebuild of its own.
		marker := fmt.Sprintf("Edit %d.", i)
		src := strings.Replace(readFile(t, srv.dir, site.file(0)), site.c.Sentence(0), marker+" "+site.c.Sentence(0), 1)
		file := filepath.Join(srv.dir, filepath.FromSlash(site.file(0)))
		tmp := filepath.Join(filepath.Dir(file), ".saving.tmp")
		if err := os.WriteFile(tmp, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(tmp, file); err != nil {
			t.Fatal(err)
		}
		deadline := time.Now().Add(eventTimeout)
		for {
			if _, body, _ := srv.get(t, page); strings.Contains(body, marker) {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("edit %d was not served within %s", i+1, eventTimeout)
			}
			time.Sleep(5 * time.Millisecond)
		}
	}
	rebuilt := time.Since(start)
	fmt.Fprintln(stdin, "stop")
	if !out.Scan() {
		t.Fatalf("the load generator reported nothing: %v", out.Err())
	}
	var res loadResult
	if err := json.Unmarshal(out.Bytes(), &res); err != nil {
		t.Fatalf("load generator output %q: %v", out.Text(), err)
	}
	if err := cmd.Wait(); err != nil {
		t.Errorf("load generator: %v", err)
	}
	t.Logf("%d clients, %d event streams, %d rebuilds in %v: %d requests in %.1fs (%.0f/s), p50 %.1f ms, p99 %.1f ms, %d errors, %d truncated, fewest reloads per stream %d",
		loadClients, loadStreams, loadRebuilds, rebuilt.Round(time.Millisecond), res.Requests, res.Seconds, float64(res.Requests)/res.Seconds, res.P50ms, res.P99ms, res.Errors, res.Truncated, res.MinReloads)
	if res.Errors != 0 || res.Truncated != 0 {
		t.Errorf("%d errors, %d truncated pages; first: %s", res.Errors, res.Truncated, res.FirstError)
	}
	if res.Requests < loadClients {
		t.Errorf("only %d requests were made", res.Requests)
	}
	if res.Streams != loadStreams || res.MinReloads < loadRebuilds {
		t.Errorf("%d of %d streams stayed open; one saw only %d of %d reloads", res.Streams, loadStreams, res.MinReloads, loadRebuilds)
	}
}

// runLoadGen is the load generator's main.
func runLoadGen() int {
	origin, page, v := os.Getenv("LOADGEN_ORIGIN"), os.Getenv("LOADGEN_PAGE"), os.Getenv("LOADGEN_V")
	if !strings.HasPrefix(origin, "http://127.0.0.1:") {
		fmt.Fprintln(os.Stderr, "loadgen: the origin must be on 127.0.0.1, got", origin)
		return 2
	}
	ctx, cancel := context.WithTimeout(context.Background(), loadDeadline)
	defer cancel()
	tr := &http.Transport{MaxIdleConnsPerHost: loadClients, MaxConnsPerHost: 0}
	client := &http.Client{Transport: tr, Timeout: 30 * time.Second}
	var res loadResult
	var mu sync.Mutex
	fail := func(format string, a ...any) {
		atomic.AddInt64(&res.Errors, 1)
		mu.Lock()
		if res.FirstError == "" {
			res.FirstError = fmt.Sprintf(format, a...)
		}
		mu.Unlock()
	}

	// The event streams, each counting the reloads that name the page.
	reloads := make([]atomic.Int64, loadStreams)
	open := make([]atomic.Bool, loadStreams)
	var connected sync.WaitGroup
	streamCtx, stopStreams := context.WithCancel(ctx)
	defer stopStreams()
	for i := range loadStreams {
		connected.Add(1)
		go func() {
			once := sync.OnceFunc(connected.Done)
			defer once()
			req, _ := http.NewRequestWithContext(streamCtx, "GET", origin+EventsPath+"?path="+page+"&v="+v, nil)
			resp, err := tr.RoundTrip(req)
			if err != nil || resp.StatusCode != 200 {
				fail("event stream %d: %v", i, err)
				return
			}
			defer resp.Body.Close()
			open[i].Store(true)
			defer open[i].Store(false)
			r := bufio.NewReader(resp.Body)
			var name string
			for {
				line, err := r.ReadString('\n')
				if err != nil {
					if streamCtx.Err() == nil {
						fail("event stream %d ended: %v", i, err)
					}
					return
				}
				line = strings.TrimSpace(line)
				switch {
				case strings.HasPrefix(line, "event: "):
					name = strings.TrimPrefix(line, "event: ")
				case strings.HasPrefix(line, "data: ") && name == EventOK:
					once()
				case strings.HasPrefix(line, "data: ") && name == EventReload:
					if strings.Contains(line, `"`+page+`"`) {
						reloads[i].Add(1)
					}
				}
			}
		}()
	}
	connected.Wait()
	fmt.Println("ready")

	// The page clients, until "stop" or the deadline.
	paths := append([]string{page}, strings.Fields(os.Getenv("LOADGEN_PAGES"))...)
	clientCtx, stopClients := context.WithCancel(ctx)
	go func() {
		bufio.NewScanner(os.Stdin).Scan()
		stopClients()
	}()
	var lat []time.Duration
	var wg sync.WaitGroup
	start := time.Now()
	for c := range loadClients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var mine []time.Duration
			for n := 0; n < loadMaxReqs && clientCtx.Err() == nil; n++ {
				p := paths[(c+n)%len(paths)]
				t0 := time.Now()
				resp, err := client.Get(origin + p)
				if err != nil {
					fail("GET %s: %v", p, err)
					continue
				}
				body, err := io.ReadAll(resp.Body)
				resp.Body.Close()
				mine = append(mine, time.Since(t0))
				atomic.AddInt64(&res.Requests, 1)
				switch {
				case err != nil || resp.StatusCode != 200:
					fail("GET %s: %d %v", p, resp.StatusCode, err)
				case !strings.HasSuffix(strings.TrimSpace(string(body)), "</html>"):
					atomic.AddInt64(&res.Truncated, 1)
					fail("GET %s: truncated page of %d bytes", p, len(body))
				}
			}
			mu.Lock()
			lat = append(lat, mine...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	res.Seconds = time.Since(start).Seconds()

	// Every stream must see every rebuild's reload.
	for deadline := time.Now().Add(eventTimeout); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if minReloads(reloads) >= loadRebuilds {
			break
		}
	}
	res.MinReloads = minReloads(reloads)
	for i := range open {
		if open[i].Load() {
			res.Streams++
		}
	}
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	if len(lat) > 0 {
		res.P50ms = float64(lat[len(lat)/2]) / 1e6
		res.P99ms = float64(lat[len(lat)*99/100]) / 1e6
	}
	data, _ := json.Marshal(res)
	fmt.Println(string(data))
	return 0
}

func minReloads(r []atomic.Int64) int {
	least := int64(1 << 62)
	for i := range r {
		least = min(least, r[i].Load())
	}
	return int(least)
}
