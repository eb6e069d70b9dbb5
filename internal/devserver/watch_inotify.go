//go:build linux

package devserver

import (
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
)

// inotify is the Linux backend. Each watched folder has a watch
// descriptor; events name the folder's descriptor and the file's name.
type inotify struct {
	f  *os.File
	fd int
	ch chan fsEvent

	mu    sync.Mutex
	paths map[int32]string // watch descriptor → folder
	wds   map[string]int32 // folder → watch descriptor
}

const inotifyMask = syscall.IN_CREATE | syscall.IN_DELETE | syscall.IN_MODIFY | syscall.IN_CLOSE_WRITE |
	syscall.IN_MOVED_FROM | syscall.IN_MOVED_TO | syscall.IN_ATTRIB | syscall.IN_DELETE_SELF |
	syscall.IN_MOVE_SELF | syscall.IN_ONLYDIR

func newNotifyBackend() (backend, error) {
	fd, err := syscall.InotifyInit1(syscall.IN_CLOEXEC | syscall.IN_NONBLOCK)
	if err != nil {
		return nil, os.NewSyscallError("inotify_init1", err)
	}
	// A non-blocking descriptor makes the os.File use the runtime's poller,
	// so Close interrupts a Read waiting for events.
	n := &inotify{f: os.NewFile(uintptr(fd), "inotify"), fd: fd, ch: make(chan fsEvent, 1024),
		paths: map[int32]string{}, wds: map[string]int32{}}
	go n.read()
	return n, nil
}

func (n *inotify) add(dir string) error {
	wd, err := syscall.InotifyAddWatch(n.fd, dir, inotifyMask)
	if err != nil {
		if errors.Is(err, syscall.ENOSPC) {
			return errors.New("cannot watch " + dir + ": the system's limit of watched folders is reached (raise fs.inotify.max_user_watches)")
		}
		return os.NewSyscallError("inotify_add_watch "+dir, err)
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	n.paths[int32(wd)] = dir
	n.wds[dir] = int32(wd)
	return nil
}

func (n *inotify) remove(dir string) {
	n.mu.Lock()
	defer n.mu.Unlock()
	prefix := dir + string(filepath.Separator)
	for p, wd := range n.wds {
		if p == dir || strings.HasPrefix(p, prefix) {
			syscall.InotifyRmWatch(n.fd, uint32(wd))
			delete(n.wds, p)
			delete(n.paths, wd)
		}
	}
}

func (n *inotify) events() <-chan fsEvent { return n.ch }

func (n *inotify) close() error { return n.f.Close() }

// read turns the kernel's event records into fsEvents until the
// descriptor is closed.
func (n *inotify) read() {
	defer close(n.ch)
	buf := make([]byte, 64<<10)
	for {
		size, err := n.f.Read(buf)
		if err != nil {
			return
		}
		for off := 0; off+syscall.SizeofInotifyEvent <= size; {
			rec := buf[off:]
			wd := int32(binary.NativeEndian.Uint32(rec[0:]))
			mask := binary.NativeEndian.Uint32(rec[4:])
			nameLen := int(binary.NativeEndian.Uint32(rec[12:]))
			name := strings.TrimRight(string(rec[syscall.SizeofInotifyEvent:syscall.SizeofInotifyEvent+nameLen]), "\x00")
			off += syscall.SizeofInotifyEvent + nameLen
			if ev, ok := n.event(wd, mask, name); ok {
				n.ch <- ev
			}
		}
	}
}

func (n *inotify) event(wd int32, mask uint32, name string) (fsEvent, bool) {
	if mask&syscall.IN_Q_OVERFLOW != 0 {
		return fsEvent{overflow: true}, true
	}
	n.mu.Lock()
	dir, ok := n.paths[wd]
	if mask&syscall.IN_IGNORED != 0 && ok {
		delete(n.paths, wd)
		if n.wds[dir] == wd {
			delete(n.wds, dir)
		}
	}
	n.mu.Unlock()
	if !ok || mask&syscall.IN_IGNORED != 0 {
		return fsEvent{}, false
	}
	ev := fsEvent{path: dir, dir: mask&syscall.IN_ISDIR != 0}
	if name != "" {
		ev.path = filepath.Join(dir, name)
	} else {
		ev.dir = true // an event of the watched folder itself
	}
	ev.created = mask&(syscall.IN_CREATE|syscall.IN_MOVED_TO) != 0
	ev.gone = mask&(syscall.IN_DELETE|syscall.IN_MOVED_FROM|syscall.IN_DELETE_SELF|syscall.IN_MOVE_SELF) != 0
	return ev, true
}
