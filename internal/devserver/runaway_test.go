package devserver

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/guidepost/guidepost/internal/testsite"
)

// runawayLayout never ends and writes nothing, as a typo can make a
// layout do: Go cannot stop it, so guidepost must go on without it.
const runawayLayout = `{{define "main"}}{{range 1000000000000}}{{end}}{{end}}`

// goodLayout is a layout that renders, with a word to look for.
const goodLayout = `{{define "main"}}<article><h1>{{.Title}}</h1><p>fixed-layout</p>{{.Content}}</article>{{end}}`

// serveProcess is a running `guidepost serve` and what it printed.
type serveProcess struct {
	cmd  *exec.Cmd
	url  string
	mu   sync.Mutex
	out  strings.Builder
	done chan struct{}
}

func (p *serveProcess) output() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.out.String()
}

// startServe starts `guidepost serve` on dir and waits for its address.
func startServe(t *testing.T, bin, dir string) *serveProcess {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	t.Cleanup(cancel)
	p := &serveProcess{cmd: exec.CommandContext(ctx, bin, "serve", "--source", dir, "--port", "0"), done: make(chan struct{})}
	p.cmd.Env = hermetic(t)
	pr, pw := io.Pipe()
	p.cmd.Stdout, p.cmd.Stderr = pw, pw
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	urls := make(chan string, 1)
	go func() {
		lines := bufio.NewScanner(pr)
		for lines.Scan() {
			p.mu.Lock()
			p.out.WriteString(lines.Text() + "\n")
			p.mu.Unlock()
			if m := regexp.MustCompile(`at (http://127\.0\.0\.1:\d+/) `).FindStringSubmatch(lines.Text()); m != nil {
				urls <- m[1]
			}
		}
	}()
	go func() {
		p.cmd.Wait()
		pw.Close()
		close(p.done)
	}()
	t.Cleanup(func() {
		p.cmd.Process.Kill()
		<-p.done
	})
	select {
	case p.url = <-urls:
	case <-p.done:
		t.Fatalf("serve exited:\n%s", p.output())
	case <-time.After(time.Minute):
		t.Fatalf("serve printed no address:\n%s", p.output())
	}
	return p
}

// waitUntil polls until cond holds, failing the test after a minute.
func waitUntil(t *testing.T, what string, p *serveProcess, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatalf("waiting for %s; serve printed:\n%s", what, p.output())
}

// pageHas reports whether the page at u contains text.
func pageHas(u, text string) bool {
	resp, err := http.Get(u)
	if err != nil {
		return false
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return bytes.Contains(body, []byte(text))
}

// interrupt sends Ctrl-C and asserts that serve exits cleanly within two
// seconds, whatever a layout is doing.
func (p *serveProcess) interrupt(t *testing.T) {
	t.Helper()
	if err := p.cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	select {
	case <-p.done:
	case <-time.After(2 * time.Second):
		t.Fatalf("serve still running 2 s after Ctrl-C:\n%s", p.output())
	}
	if code := p.cmd.ProcessState.ExitCode(); code != 0 || strings.Contains(p.output(), "panic") {
		t.Errorf("serve exited %d after Ctrl-C:\n%s", code, p.output())
	}
}

// TestServeOutlivesARunawayLayout saves a layout that never ends: the
// save is superseded by the next one, a page over its time budget is an
// error in the terminal, a fixed layout rebuilds, and Ctrl-C still works.
func TestServeOutlivesARunawayLayout(t *testing.T) {
	testsite.SkipShort(t, "builds the guidepost command and waits out a 2 s render budget: run without -short")
	bin := buildCLI(t)
	site := smallSite(t)
	dir := site.dir
	appendText(t, dir, "guidepost.yaml", "render_timeout: 2s")
	p := startServe(t, bin, dir)
	page := p.url + strings.TrimPrefix(site.url(0), "/")
	if !pageHas(page, "<h1") {
		t.Fatalf("%s does not render", page)
	}

	// A runaway layout, then at once a fixed one: the stuck rebuild is
	// cancelled rather than waited for.
	writeFile(t, dir, "layouts/_default/single.html", runawayLayout)
	time.Sleep(400 * time.Millisecond) // the watcher's batch; the rebuild starts and hangs
	writeFile(t, dir, "layouts/_default/single.html", goodLayout)
	waitUntil(t, "the fixed layout to be served", p, func() bool { return pageHas(page, "fixed-layout") })
	if strings.Contains(p.output(), "took longer than") {
		t.Errorf("the superseded rebuild ran to its time budget instead of being cancelled:\n%s", p.output())
	}

	// Left alone, the runaway layout meets its budget: an error naming it.
	writeFile(t, dir, "layouts/_default/single.html", runawayLayout)
	waitUntil(t, "the time budget's error", p, func() bool {
		return strings.Contains(p.output(), "layouts/_default/single.html: rendering content/") && strings.Contains(p.output(), "took longer than 2s")
	})
	// The last good build stays up, and a fix builds again.
	if !pageHas(page, "fixed-layout") {
		t.Error("the last good build is no longer served")
	}
	writeFile(t, dir, "layouts/_default/single.html", strings.Replace(goodLayout, "fixed-layout", "fixed-again", 1))
	waitUntil(t, "the layout fixed again", p, func() bool { return pageHas(page, "fixed-again") })

	// With a layout stuck again, Ctrl-C stops the server at once.
	writeFile(t, dir, "layouts/_default/single.html", runawayLayout)
	time.Sleep(400 * time.Millisecond)
	p.interrupt(t)
}

// TestServeCtrlCDuringFirstBuild stops a server whose first build hangs.
func TestServeCtrlCDuringFirstBuild(t *testing.T) {
	testsite.SkipShort(t, "builds the guidepost command: run without -short")
	bin := buildCLI(t)
	dir := smallSite(t).dir
	writeFile(t, dir, "layouts/_default/single.html", runawayLayout)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "serve", "--source", dir, "--port", "0")
	cmd.Env = hermetic(t)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(time.Second) // the first build is under way, and stuck
	if err := cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	select {
	case err := <-exited:
		if err != nil {
			t.Errorf("serve after Ctrl-C: %v\n%s", err, out.String())
		}
	case <-time.After(2 * time.Second):
		cmd.Process.Kill()
		t.Fatalf("serve still running 2 s after Ctrl-C during its first build:\n%s", out.String())
	}
}
