//go:build !linux

package devserver

import "errors"

// newNotifyBackend has no implementation on this system: the watcher polls.
func newNotifyBackend() (backend, error) {
	return nil, errors.New("no file notifications on this system")
}
