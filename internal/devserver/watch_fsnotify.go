package devserver

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/fsnotify/fsnotify"
)

// notifyBackend watches folders with fsnotify: inotify on Linux, kqueue on
// BSD and macOS, ReadDirectoryChangesW on Windows.
type notifyBackend struct {
	w  *fsnotify.Watcher
	ch chan fsEvent

	mu      sync.Mutex
	watched map[string]bool // folders being watched
}

func newNotifyBackend() (backend, error) {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	n := &notifyBackend{w: w, ch: make(chan fsEvent, 1024), watched: map[string]bool{}}
	go n.read()
	return n, nil
}

func (n *notifyBackend) add(dir string) error {
	if err := n.w.Add(dir); err != nil {
		if strings.Contains(err.Error(), "no space left") {
			return errors.New("cannot watch " + dir + ": the system's limit of watched folders is reached (raise fs.inotify.max_user_watches)")
		}
		return err
	}
	n.mu.Lock()
	n.watched[dir] = true
	n.mu.Unlock()
	return nil
}

func (n *notifyBackend) remove(dir string) {
	n.mu.Lock()
	defer n.mu.Unlock()
	prefix := dir + string(filepath.Separator)
	for p := range n.watched {
		if p == dir || strings.HasPrefix(p, prefix) {
			n.w.Remove(p) // fails harmlessly when the folder is already gone
			delete(n.watched, p)
		}
	}
}

func (n *notifyBackend) events() <-chan fsEvent { return n.ch }

func (n *notifyBackend) close() error { return n.w.Close() }

// read turns fsnotify's events into fsEvents until the watcher is closed.
func (n *notifyBackend) read() {
	defer close(n.ch)
	for {
		select {
		case e, ok := <-n.w.Events:
			if !ok {
				return
			}
			n.ch <- n.event(e)
		case err, ok := <-n.w.Errors:
			if !ok {
				return
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				n.ch <- fsEvent{overflow: true}
			}
		}
	}
}

func (n *notifyBackend) event(e fsnotify.Event) fsEvent {
	ev := fsEvent{path: e.Name}
	ev.created = e.Has(fsnotify.Create)
	ev.gone = e.Has(fsnotify.Remove) || e.Has(fsnotify.Rename)
	if ev.gone {
		n.mu.Lock()
		ev.dir = n.watched[e.Name]
		n.mu.Unlock()
	} else if fi, err := os.Lstat(e.Name); err == nil {
		ev.dir = fi.IsDir()
	}
	return ev
}
