//go:build unix

package fileio

import (
	"io/fs"
	"os"

	"golang.org/x/sys/unix"
)

// ReadFile returns the content of the file at name, as os.ReadFile does,
// or ErrTooLarge without reading it when it is larger than limit bytes. A
// regular file costs openat, fstat, one read and close: os.ReadFile adds
// four fcntl and an epoll_ctl (trying the file with the poller) and a
// second read, and a size check before it a stat. Other files are read by
// os.ReadFile.
func ReadFile(name string, limit int64) ([]byte, error) {
	fd, err := retry(func() (int, error) {
		return unix.Open(name, unix.O_RDONLY|unix.O_CLOEXEC|unix.O_NONBLOCK, 0)
	})
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	defer unix.Close(fd)
	var st unix.Stat_t
	if _, err := retry(func() (int, error) { return 0, unix.Fstat(fd, &st) }); err != nil {
		return nil, &fs.PathError{Op: "stat", Path: name, Err: err}
	}
	if st.Mode&unix.S_IFMT != unix.S_IFREG {
		return os.ReadFile(name)
	}
	if st.Size > limit {
		return nil, &fs.PathError{Op: "read", Path: name, Err: ErrTooLarge}
	}
	// One byte of room more than the size: a read that returns the whole
	// file and leaves it unfilled has reached the end, so no second read
	// is needed to see end of file. A file whose size says nothing (0, as
	// in /proc) is read until a read returns nothing.
	buf := make([]byte, 0, st.Size+1)
	for {
		n, err := unix.Read(fd, buf[len(buf):cap(buf)])
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return nil, &fs.PathError{Op: "read", Path: name, Err: err}
		}
		buf = buf[:len(buf)+n]
		if n == 0 || st.Size > 0 && len(buf) < cap(buf) && int64(len(buf)) >= st.Size {
			return buf, nil
		}
		if len(buf) == cap(buf) { // the file grew since fstat
			if int64(len(buf)) > limit {
				return nil, &fs.PathError{Op: "read", Path: name, Err: ErrTooLarge}
			}
			buf = append(buf, 0)[:len(buf)]
		}
	}
}

// retry calls f again while it is interrupted by a signal.
func retry(f func() (int, error)) (int, error) {
	for {
		n, err := f()
		if err != unix.EINTR {
			return n, err
		}
	}
}
