package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"
)

// eventsPath is where `guidepost serve` streams Server-Sent Events
// (devserver.EventsPath).
const eventsPath = "_guidepost/events"

// sseEvent is one Server-Sent Event and when it arrived.
type sseEvent struct {
	name, data string
	at         time.Time
}

// servingRE matches the line `guidepost serve` prints once the first build
// is served.
var servingRE = regexp.MustCompile(`serving .* at (http://\S+)`)

// measureServe starts `guidepost serve` on the site, listens to its event
// stream as a browser showing page (a content path) would, edits the page
// edits times and returns, for each edit, the time from the write to the
// reload event naming the page.
func measureServe(ctx context.Context, guidepost, source, page string, edits int) ([]time.Duration, error) {
	return measureServeWith(ctx, serveRun{guidepost: guidepost, source: source, page: page, edits: edits, pause: 200 * time.Millisecond})
}

// serveRun says how measureServeWith measures `guidepost serve`.
type serveRun struct {
	guidepost, source, page string
	edits                   int
	// pause is the wait before each edit: longer than the watcher's quiet
	// period, so that each edit makes one batch.
	pause time.Duration
	// log, when not nil, receives the server's output.
	log io.Writer
}

// measureServeWith is measureServe with more settings.
func measureServeWith(ctx context.Context, r serveRun) ([]time.Duration, error) {
	guidepost, source, page, edits := r.guidepost, r.source, r.page, r.edits
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	cmd := exec.CommandContext(ctx, guidepost, "serve", "-source", source, "-port", "0")
	cmd.Cancel = func() error { return cmd.Process.Signal(os.Interrupt) }
	cmd.WaitDelay = 10 * time.Second
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	cmd.Stderr = cmd.Stdout
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start guidepost serve: %w", err)
	}
	defer cmd.Wait()
	defer cancel()

	base, err := waitServing(out, 10*time.Minute)
	if err != nil {
		return nil, err
	}
	logTo := r.log
	if logTo == nil {
		logTo = io.Discard
	}
	go io.Copy(logTo, out) // keep the log pipe flowing

	url := "/" + strings.TrimSuffix(strings.TrimPrefix(page, "content/"), ".md") + "/"
	events, err := subscribe(ctx, base+eventsPath+"?path="+url)
	if err != nil {
		return nil, err
	}
	if _, err := nextEvent(events, 10*time.Second, func(e sseEvent) bool { return e.name == "ok" }); err != nil {
		return nil, fmt.Errorf("dev server: no ok event on connect: %w", err)
	}

	file := filepath.Join(source, filepath.FromSlash(page))
	orig, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	defer os.WriteFile(file, orig, 0o644)
	var lat []time.Duration
	for i := range edits {
		time.Sleep(r.pause)
		edited := fmt.Appendf(append([]byte{}, orig...), "\nEdit %d for the latency benchmark.\n", i)
		start := time.Now()
		if err := os.WriteFile(file, edited, 0o644); err != nil {
			return nil, err
		}
		ev, err := nextEvent(events, 30*time.Second, func(e sseEvent) bool {
			return e.name == "reload" && (strings.Contains(e.data, url) || strings.Contains(e.data, `"all":true`))
		})
		if err != nil {
			return nil, fmt.Errorf("edit %d: %w", i+1, err)
		}
		lat = append(lat, ev.at.Sub(start))
	}
	return lat, nil
}

// waitServing reads the server's log until it says where it serves.
func waitServing(log io.Reader, timeout time.Duration) (string, error) {
	found := make(chan string, 1)
	var seen strings.Builder
	go func() {
		sc := bufio.NewScanner(log)
		for sc.Scan() {
			seen.WriteString(sc.Text() + "\n")
			if m := servingRE.FindStringSubmatch(sc.Text()); m != nil {
				found <- strings.TrimSuffix(m[1], "/") + "/"
				return
			}
		}
		close(found)
	}()
	select {
	case u, ok := <-found:
		if !ok {
			return "", fmt.Errorf("guidepost serve stopped before serving:\n%s", seen.String())
		}
		return u, nil
	case <-time.After(timeout):
		return "", fmt.Errorf("guidepost serve did not serve within %s", timeout)
	}
}

// subscribe opens the event stream at url and delivers its events.
func subscribe(ctx context.Context, url string) (<-chan sseEvent, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, fmt.Errorf("dev server events: %w", err)
	}
	if resp.StatusCode != http.StatusOK {
		resp.Body.Close()
		return nil, fmt.Errorf("dev server events: %s", resp.Status)
	}
	ch := make(chan sseEvent, 64)
	go func() {
		defer resp.Body.Close()
		defer close(ch)
		readEvents(resp.Body, ch)
	}()
	return ch, nil
}

// readEvents parses a text/event-stream into ch until r ends.
func readEvents(r io.Reader, ch chan<- sseEvent) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 16<<20)
	var ev sseEvent
	for sc.Scan() {
		line := sc.Text()
		switch {
		case line == "":
			if ev.name != "" || ev.data != "" {
				ev.at = time.Now()
				ch <- ev
			}
			ev = sseEvent{}
		case strings.HasPrefix(line, "event:"):
			ev.name = strings.TrimSpace(strings.TrimPrefix(line, "event:"))
		case strings.HasPrefix(line, "data:"):
			ev.data += strings.TrimSpace(strings.TrimPrefix(line, "data:"))
		}
	}
}

// nextEvent waits for the first event match accepts, dropping others.
func nextEvent(events <-chan sseEvent, timeout time.Duration, match func(sseEvent) bool) (sseEvent, error) {
	deadline := time.After(timeout)
	for {
		select {
		case e, ok := <-events:
			if !ok {
				return e, errors.New("event stream closed")
			}
			if match(e) {
				return e, nil
			}
		case <-deadline:
			return sseEvent{}, fmt.Errorf("no matching event within %s", timeout)
		}
	}
}

// runServeLatency is the hidden subcommand `_serve`: it builds
// cmd/guidepost (unless -guidepost names a binary), measures the edit →
// reload event latency of `guidepost serve` on an existing site and prints
// p50, p95 and max, then every latency in milliseconds.
func runServeLatency(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("_serve", flag.ContinueOnError)
	bin := fs.String("guidepost", "", "guidepost `binary` (default: go build ./cmd/guidepost)")
	source := fs.String("source", "", "site `folder`")
	page := fs.String("page", "", "content `path` of the page to edit, relative to the site folder")
	edits := fs.Int("edits", 50, "edits to measure")
	pause := fs.Duration("pause", 200*time.Millisecond, "wait before each edit")
	logFile := fs.String("log", "", "write the server's output to `file`")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *source == "" || *page == "" || *edits < 1 {
		return errors.New("_serve: -source and -page are required, -edits must be at least 1")
	}
	if *bin == "" {
		dir, err := os.MkdirTemp("", "guidepost-serve-*")
		if err != nil {
			return fmt.Errorf("_serve: %w", err)
		}
		defer os.RemoveAll(dir)
		repo, err := repoRoot()
		if err != nil {
			return err
		}
		bins, err := buildBinaries(context.Background(), repo, dir)
		if err != nil {
			return err
		}
		*bin = bins.guidepost
	}
	r := serveRun{guidepost: *bin, source: *source, page: *page, edits: *edits, pause: *pause}
	if *logFile != "" {
		f, err := os.Create(*logFile)
		if err != nil {
			return fmt.Errorf("_serve: server log: %w", err)
		}
		defer f.Close()
		r.log = f
	}
	lat, err := measureServeWith(context.Background(), r)
	if err != nil {
		return fmt.Errorf("_serve: %w", err)
	}
	fmt.Fprintf(stdout, "edit → reload over %d edits: p50 %s, p95 %s, max %s\n", len(lat),
		ms(percentile(lat, 50)), ms(percentile(lat, 95)), ms(slices.Max(lat)))
	for _, d := range lat {
		fmt.Fprintf(stdout, "%.1f ", float64(d.Microseconds())/1000)
	}
	fmt.Fprintln(stdout)
	return nil
}
