package devserver

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/guidepost/guidepost/internal/testsite"
)

// cli is the guidepost command, built once for the package's tests into
// a folder of its own that TestMain removes when they end.
var cli struct {
	once sync.Once
	dir  string
	bin  string
	err  error
}

// buildCLI returns the guidepost command, compiling it the first time.
func buildCLI(t *testing.T) string {
	t.Helper()
	cli.once.Do(func() {
		cli.dir, cli.err = os.MkdirTemp("", "guidepost-devserver-test-")
		if cli.err != nil {
			return
		}
		cli.bin = filepath.Join(cli.dir, "guidepost")
		cmd := exec.Command("go", "build", "-o", cli.bin, "../../cmd/guidepost")
		if out, err := cmd.CombinedOutput(); err != nil {
			cli.err = fmt.Errorf("%v\n%s", err, out)
		}
	})
	if cli.err != nil {
		t.Fatalf("build the CLI: %v", cli.err)
	}
	return cli.bin
}

// removeCLI removes the command buildCLI built, if it did.
func removeCLI() {
	if cli.dir != "" {
		os.RemoveAll(cli.dir)
	}
}

// hermetic is the environment of a guidepost command run by a test: its
// persistent caches go to a temporary folder, and it takes testNow as today.
func hermetic(t *testing.T) []string {
	return append(os.Environ(), "XDG_CACHE_HOME="+t.TempDir(), "GUIDEPOST_CACHE=on", "GUIDEPOST_TODAY="+testNow.Format(time.DateOnly))
}

// cacheHome is the XDG_CACHE_HOME of an environment.
func cacheHome(env []string) string {
	home := ""
	for _, kv := range env {
		if v, ok := strings.CutPrefix(kv, "XDG_CACHE_HOME="); ok {
			home = v
		}
	}
	return home
}

// TestCLIServe runs `guidepost serve` as an author does: a port in use is
// a clear error, and Ctrl-C stops a running server cleanly.
func TestCLIServe(t *testing.T) {
	testsite.SkipShort(t, "builds the guidepost command: run without -short")
	bin := buildCLI(t)
	dir := smallSite(t).dir

	t.Run("port in use", func(t *testing.T) {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		defer ln.Close()
		port := ln.Addr().(*net.TCPAddr).Port
		var stderr bytes.Buffer
		cmd := exec.Command(bin, "serve", "--source", dir, "--port", fmt.Sprint(port))
		cmd.Env = hermetic(t)
		cmd.Stderr = &stderr
		err = cmd.Run()
		if code := cmd.ProcessState.ExitCode(); code != 1 {
			t.Errorf("exit code %d (%v), want 1", code, err)
		}
		want := fmt.Sprintf("guidepost serve: port %d is in use: stop the other server or pass --port N\n", port)
		if stderr.String() != want {
			t.Errorf("stderr = %q, want %q", stderr.String(), want)
		}
	})

	t.Run("Ctrl-C stops it", func(t *testing.T) {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		defer cancel()
		cmd := exec.CommandContext(ctx, bin, "serve", "--source", dir, "--port", "0")
		cmd.Env = hermetic(t)
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		lines := bufio.NewScanner(stdout)
		var url string
		var out []string
		for url == "" && lines.Scan() {
			out = append(out, lines.Text())
			if m := regexp.MustCompile(`at (http://127\.0\.0\.1:\d+/) `).FindStringSubmatch(lines.Text()); m != nil {
				url = m[1]
			}
		}
		if url == "" {
			cmd.Process.Kill()
			t.Fatalf("no URL printed:\n%s\n%s", strings.Join(out, "\n"), stderr.String())
		}
		if !strings.Contains(strings.Join(out, "\n"), "built ") {
			t.Errorf("no build line before the URL:\n%s", strings.Join(out, "\n"))
		}
		// The site's code blocks are saved for the next build or server,
		// as `guidepost build` saves them.
		cache := filepath.Join(cacheHome(cmd.Env), "guidepost", "highlight")
		if entries, err := os.ReadDir(cache); err != nil || len(entries) == 0 {
			t.Errorf("the highlight cache %s holds nothing after the first build (%v)", cache, err)
		}
		resp, err := http.Get(url)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Errorf("GET %s: %d", url, resp.StatusCode)
		}
		// A browser listening for events must not hold up the shutdown.
		events, err := http.Get(url + "_guidepost/events")
		if err != nil {
			t.Fatal(err)
		}
		defer events.Body.Close()
		if err := cmd.Process.Signal(os.Interrupt); err != nil {
			t.Fatal(err)
		}
		for lines.Scan() {
			out = append(out, lines.Text())
		}
		err = cmd.Wait()
		if err != nil || cmd.ProcessState.ExitCode() != 0 {
			t.Errorf("after Ctrl-C: %v, exit code %d\nstderr: %s", err, cmd.ProcessState.ExitCode(), stderr.String())
		}
		if last := out[len(out)-1]; last != "stopped" {
			t.Errorf("last line %q, want stopped", last)
		}
		if strings.Contains(stderr.String(), "panic") {
			t.Errorf("stderr: %s", stderr.String())
		}
		if conn, err := net.Dial("tcp", strings.TrimPrefix(strings.TrimSuffix(url, "/"), "http://")); err == nil {
			conn.Close()
			t.Error("the port still answers after the server stopped")
		}
	})
}
