//go:build unix

package publish

import (
	"sync"

	"golang.org/x/sys/unix"
)

// root is the temporary folder, open, so files and folders are created
// relative to it with the fewest system calls.
type root struct {
	fd   int
	once sync.Once
}

func openRoot(dir string) (*root, error) {
	fd, err := retry(func() (int, error) {
		return unix.Open(dir, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
	})
	if err != nil {
		return nil, err
	}
	return &root{fd: fd}, nil
}

// mkdir creates the folder rel: one mkdirat.
func (r *root) mkdir(rel string) error {
	_, err := retry(func() (int, error) { return 0, unix.Mkdirat(r.fd, rel, 0o755) })
	return err
}

// create writes a new file rel holding data: openat, write, close. The
// folder is new, so the file is too (O_EXCL); should a build write one
// name twice, the later file replaces the earlier, as os.WriteFile would.
func (r *root) create(rel string, data []byte) error {
	const flags = unix.O_WRONLY | unix.O_CREAT | unix.O_CLOEXEC | unix.O_NOFOLLOW
	fd, err := retry(func() (int, error) { return unix.Openat(r.fd, rel, flags|unix.O_EXCL, 0o644) })
	if err == unix.EEXIST {
		fd, err = retry(func() (int, error) { return unix.Openat(r.fd, rel, flags|unix.O_TRUNC, 0o644) })
	}
	if err != nil {
		return err
	}
	for len(data) > 0 {
		n, err := unix.Write(fd, data)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			unix.Close(fd)
			return err
		}
		data = data[n:]
	}
	return unix.Close(fd)
}

// close closes the folder; later calls do nothing.
func (r *root) close() error {
	var err error
	r.once.Do(func() { err = unix.Close(r.fd) })
	return err
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
