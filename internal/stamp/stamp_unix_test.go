//go:build unix

package stamp

import (
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestInputsDigestOfANamedPipe(t *testing.T) {
	site := newSite(t)
	if err := syscall.Mkfifo(filepath.Join(site, "content", "pipe.md"), 0o644); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := (Inputs{Source: site}).Digest()
		done <- err
	}()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "not a regular file") {
			t.Errorf("digest of a site with a named pipe: %v, want an error naming it", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("digest blocked on a named pipe")
	}
}
