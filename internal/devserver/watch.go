package devserver

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/guidepost/guidepost/internal/build"
	"github.com/guidepost/guidepost/internal/config"
	"github.com/guidepost/guidepost/internal/i18n"
	"github.com/guidepost/guidepost/internal/site"
)

// fsEvent is one change a backend saw: a path that was created, written,
// removed or renamed. dir is set when the path is (or was) a folder.
type fsEvent struct {
	path    string
	dir     bool
	created bool // created or moved here
	gone    bool // removed or moved away
	// overflow is set when the backend lost events.
	overflow bool
}

// backend watches single folders (not their subfolders) for changes.
type backend interface {
	add(dir string) error
	// remove stops watching dir and every folder below it.
	remove(dir string)
	events() <-chan fsEvent
	close() error
}

// Debounce windows: a change waits until the files have been quiet this
// long, so that an editor's save (write a temporary file, rename it) or a
// `git checkout` of many files makes one rebuild.
const (
	// quietOne is the wait after a change to a single file: editors save
	// within a millisecond or two.
	quietOne = 10 * time.Millisecond
	// quietBurst is the wait once several files changed: tools that write
	// many files (git, a sync client) pause between them.
	quietBurst = 50 * time.Millisecond
	// quietGone is the wait while a changed file is missing: an editor
	// that saves by moving the old file away and writing a new one, or
	// git replacing a file, is usually about to bring it back.
	quietGone = 100 * time.Millisecond
	// maxWait bounds the wait while changes keep coming.
	maxWait = time.Second
)

// watcher reports changes to a site's sources in batches.
type watcher struct {
	root    string // the site folder
	be      backend
	batches chan build.Changes
	// warn reports a folder that cannot be watched.
	warn func(error)

	mu      sync.Mutex
	watched map[string]bool // folders being watched
}

// watchedDirs are the site's folders watched with everything below them.
var watchedDirs = []string{site.ContentDir, site.LayoutsDir, site.StaticDir, i18n.Dir}

// newWatcher watches root's content/, layouts/, static/ and i18n/ folders and its
// config file.
func newWatcher(root string, warn func(error)) (*watcher, error) {
	be, err := newBackend()
	if err != nil {
		return nil, err
	}
	return watchWith(be, root, warn)
}

// watchWith is newWatcher with a given backend.
func watchWith(be backend, root string, warn func(error)) (*watcher, error) {
	w := &watcher{root: root, be: be, batches: make(chan build.Changes), watched: map[string]bool{}, warn: warn}
	// The site folder itself, for the config file and for content/,
	// layouts/ or static/ made later.
	if err := w.be.add(root); err != nil {
		be.close()
		return nil, err
	}
	w.watched[root] = true
	for _, d := range watchedDirs {
		w.addTree(filepath.Join(root, d))
	}
	return w, nil
}

// addTree watches dir and every folder below it, skipping hidden and
// temporary ones. A missing dir is not an error.
func (w *watcher) addTree(dir string) {
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return nil
		}
		if p != dir && site.IgnoredName(d.Name()) {
			return fs.SkipDir
		}
		w.mu.Lock()
		defer w.mu.Unlock()
		if !w.watched[p] {
			if err := w.be.add(p); err == nil {
				w.watched[p] = true
			} else if w.warn != nil && !errors.Is(err, fs.ErrNotExist) {
				w.warn(err)
			}
		}
		return nil
	})
}

// forget stops watching dir and the folders below it.
func (w *watcher) forget(dir string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	prefix := dir + string(filepath.Separator)
	for p := range w.watched {
		if p == dir || strings.HasPrefix(p, prefix) {
			delete(w.watched, p)
		}
	}
	w.be.remove(dir)
}

// relevant maps an event's path to the site-relative path that changed.
// ok is false for paths the site does not read and for editors' temporary
// files.
func (w *watcher) relevant(p string) (rel string, ok bool) {
	r, err := filepath.Rel(w.root, p)
	if err != nil || !filepath.IsLocal(r) {
		return "", false
	}
	r = filepath.ToSlash(r)
	top, _, _ := strings.Cut(r, "/")
	if r != config.FileName && top != site.ContentDir && top != site.LayoutsDir && top != site.StaticDir && top != i18n.Dir {
		return "", false
	}
	if ignoredPath(r) {
		return "", false
	}
	return r, true
}

// ignoredPath reports whether any part of a relative path is hidden or an
// editor's temporary file.
func ignoredPath(rel string) bool {
	for _, seg := range strings.Split(filepath.ToSlash(rel), "/") {
		if seg != "." && site.IgnoredName(seg) {
			return true
		}
	}
	return false
}

// run turns the backend's events into batches until ctx is done. While
// the receiver is busy with a batch, later changes gather into the next.
func (w *watcher) run(ctx context.Context) {
	defer close(w.batches)
	defer w.be.close()
	var (
		pending  = map[string]bool{}
		all      bool
		first    time.Time
		timer    = time.NewTimer(time.Hour)
		timerSet bool
		ready    *build.Changes
		out      chan build.Changes // w.batches when ready holds a batch
	)
	timer.Stop()
	arm := func() {
		wait := quietOne
		if len(pending) > 1 {
			wait = quietBurst
		}
		for rel := range pending {
			if _, err := os.Lstat(filepath.Join(w.root, filepath.FromSlash(rel))); errors.Is(err, fs.ErrNotExist) {
				wait = quietGone
				break
			}
		}
		if left := maxWait - time.Since(first); wait > left {
			wait = max(left, 0)
		}
		timer.Reset(wait)
		timerSet = true
	}
	for {
		var next build.Changes
		if ready != nil {
			next = *ready
		}
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-w.be.events():
			if !ok {
				return
			}
			if !w.note(ev, pending, &all) {
				continue
			}
			if !timerSet {
				first = time.Now()
			}
			arm()
		case <-timer.C:
			timerSet = false
			if ready == nil {
				ready = &build.Changes{}
			}
			for f := range pending {
				ready.Files = append(ready.Files, f)
			}
			sort.Strings(ready.Files)
			ready.Files = slices.Compact(ready.Files)
			ready.All = ready.All || all
			pending, all = map[string]bool{}, false
			out = w.batches
		case out <- next:
			ready, out = nil, nil
		}
	}
}

// note records an event in the pending batch and reports whether it
// matters. New folders are watched, and the files already in them count
// as changed; folders that went away are no longer watched.
func (w *watcher) note(ev fsEvent, pending map[string]bool, all *bool) bool {
	if ev.overflow {
		*all = true
		return true
	}
	rel, ok := w.relevant(ev.path)
	if !ok {
		return false
	}
	if ev.gone && ev.dir {
		w.forget(ev.path)
	}
	if ev.created && ev.dir {
		w.addTree(ev.path)
	}
	if ev.dir && ev.path == w.root {
		return false
	}
	pending[rel] = true
	return true
}

// newBackend returns the operating system's file notifications where
// guidepost supports them, else a backend that polls.
func newBackend() (backend, error) {
	if be, err := newNotifyBackend(); err == nil {
		return be, nil
	}
	return newPollBackend(pollInterval), nil
}
