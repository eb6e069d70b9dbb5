package build

import (
	"bytes"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/guidepost/guidepost/internal/layout"
)

// stream is a layout.Sink that hands each file to a pool of writers, so
// rendering goes on while files are created (creating a file is a system
// call that can cost as much as rendering a page) and a page's bytes are
// let go as soon as they are written. At most queue files wait.
type stream struct {
	sink layout.Sink
	jobs chan streamJob
	wg   sync.WaitGroup
	mu   sync.Mutex
	err  error
}

type streamJob struct {
	name string
	data []byte
	buf  *bytes.Buffer // when set, data is its bytes: released once written
}

// newStream starts goroutines writing to sink: four per core, as creating
// files waits on system calls more than it computes.
func newStream(sink layout.Sink) *stream {
	writers := 4 * runtime.GOMAXPROCS(0)
	w := &stream{sink: sink, jobs: make(chan streamJob, writers)}
	for range writers {
		w.wg.Go(func() {
			for j := range w.jobs {
				if err := w.sink.WriteFile(j.name, j.data); err != nil {
					w.fail(err)
				}
				if j.buf != nil {
					layout.ReleaseBuffer(j.buf)
				}
			}
		})
	}
	return w
}

func (w *stream) fail(err error) {
	w.mu.Lock()
	if w.err == nil {
		w.err = err
	}
	w.mu.Unlock()
}

// WriteFile queues a file; an error writing it is returned by Close.
func (w *stream) WriteFile(name string, data []byte) error {
	w.jobs <- streamJob{name: name, data: data}
	return nil
}

// WriteBuffer queues a rendered page's buffer, released once written
// (layout.BufferSink); an error writing it is returned by Close.
func (w *stream) WriteBuffer(name string, buf *bytes.Buffer) error {
	w.jobs <- streamJob{name: name, data: buf.Bytes(), buf: buf}
	return nil
}

// Close waits for the queued files and returns the first error writing
// any of them.
func (w *stream) Close() error {
	close(w.jobs)
	w.wg.Wait()
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.err
}

// copyAssets writes every asset (static files and generated ones) to sink.
func copyAssets(a *layout.Assets, root string, sink layout.Sink) error {
	for _, u := range a.URLs() {
		data, err := a.Content(root, u)
		if err != nil {
			return fmt.Errorf("copy %s: %w", u, err)
		}
		if err := sink.WriteFile(u[1:], data); err != nil {
			return err
		}
	}
	return nil
}

// discard is the sink of a check: it renders everything and keeps nothing.
type discard struct{}

func (discard) WriteFile(string, []byte) error { return nil }

// WriteBuffer releases a page's buffer unwritten (layout.BufferSink).
func (discard) WriteBuffer(_ string, buf *bytes.Buffer) error {
	layout.ReleaseBuffer(buf)
	return nil
}

// countingSink counts the files written through it.
type countingSink struct {
	layout.Sink
	n atomic.Int64
}

func (c *countingSink) WriteFile(name string, data []byte) error {
	c.n.Add(1)
	return c.Sink.WriteFile(name, data)
}

// WriteBuffer counts a page and hands its buffer on (layout.BufferSink).
func (c *countingSink) WriteBuffer(name string, buf *bytes.Buffer) error {
	c.n.Add(1)
	return layout.WriteBuffer(c.Sink, name, buf)
}
