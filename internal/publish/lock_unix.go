//go:build unix

package publish

import (
	"os"
	"sync"

	"golang.org/x/sys/unix"
)

// lock takes an exclusive advisory lock on the folder at p, waiting for
// another build to release it, and returns the function that releases it.
func lock(p string) (func(), error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	if err := unix.Flock(int(f.Fd()), unix.LOCK_EX); err != nil {
		f.Close()
		return nil, err
	}
	var once sync.Once
	return func() {
		once.Do(func() {
			unix.Flock(int(f.Fd()), unix.LOCK_UN)
			f.Close()
		})
	}, nil
}
