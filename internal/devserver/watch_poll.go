package devserver

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// pollInterval is how often the polling backend looks at the folders.
const pollInterval = 300 * time.Millisecond

// poll is the backend for systems without a supported notification API:
// it lists the watched folders periodically and compares each entry's
// size, modification time and kind with the last listing.
type poll struct {
	ch   chan fsEvent
	done chan struct{}
	once sync.Once

	mu   sync.Mutex
	dirs map[string]map[string]entry // folder → name → entry
}

type entry struct {
	size  int64
	mtime time.Time
	dir   bool
}

func newPollBackend(every time.Duration) *poll {
	p := &poll{ch: make(chan fsEvent, 1024), done: make(chan struct{}), dirs: map[string]map[string]entry{}}
	go p.loop(every)
	return p
}

func (p *poll) add(dir string) error {
	list, err := listDir(dir)
	if err != nil {
		return err
	}
	p.mu.Lock()
	p.dirs[dir] = list
	p.mu.Unlock()
	return nil
}

func (p *poll) remove(dir string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	prefix := dir + string(filepath.Separator)
	for d := range p.dirs {
		if d == dir || strings.HasPrefix(d, prefix) {
			delete(p.dirs, d)
		}
	}
}

func (p *poll) events() <-chan fsEvent { return p.ch }

func (p *poll) close() error {
	p.once.Do(func() { close(p.done) })
	return nil
}

func (p *poll) loop(every time.Duration) {
	defer close(p.ch)
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-p.done:
			return
		case <-t.C:
		}
		for _, ev := range p.scan() {
			select {
			case p.ch <- ev:
			case <-p.done:
				return
			}
		}
	}
}

// scan lists every watched folder again and returns the differences.
func (p *poll) scan() []fsEvent {
	p.mu.Lock()
	dirs := make([]string, 0, len(p.dirs))
	for d := range p.dirs {
		dirs = append(dirs, d)
	}
	p.mu.Unlock()
	var out []fsEvent
	for _, d := range dirs {
		now, err := listDir(d)
		p.mu.Lock()
		before, ok := p.dirs[d]
		if ok {
			if err != nil {
				delete(p.dirs, d)
			} else {
				p.dirs[d] = now
			}
		}
		p.mu.Unlock()
		if !ok {
			continue
		}
		if err != nil {
			out = append(out, fsEvent{path: d, dir: true, gone: true})
			continue
		}
		for name, e := range now {
			old, seen := before[name]
			switch {
			case !seen:
				out = append(out, fsEvent{path: filepath.Join(d, name), dir: e.dir, created: true})
			case old.dir != e.dir:
				out = append(out, fsEvent{path: filepath.Join(d, name), dir: old.dir, gone: true})
				out = append(out, fsEvent{path: filepath.Join(d, name), dir: e.dir, created: true})
			case !e.dir && (old.size != e.size || !old.mtime.Equal(e.mtime)):
				out = append(out, fsEvent{path: filepath.Join(d, name)})
			}
		}
		for name, e := range before {
			if _, still := now[name]; !still {
				out = append(out, fsEvent{path: filepath.Join(d, name), dir: e.dir, gone: true})
			}
		}
	}
	return out
}

func listDir(dir string) (map[string]entry, error) {
	des, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	out := make(map[string]entry, len(des))
	for _, de := range des {
		info, err := de.Info()
		if err != nil {
			continue
		}
		out[de.Name()] = entry{size: info.Size(), mtime: info.ModTime(), dir: de.IsDir()}
	}
	return out, nil
}
