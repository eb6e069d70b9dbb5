//go:build !unix

package fileio

import (
	"io/fs"
	"os"
)

// ReadFile returns the content of the file at name, as os.ReadFile does,
// or ErrTooLarge without reading it when it is larger than limit bytes.
func ReadFile(name string, limit int64) ([]byte, error) {
	if fi, err := os.Stat(name); err == nil && fi.Mode().IsRegular() && fi.Size() > limit {
		return nil, &fs.PathError{Op: "read", Path: name, Err: ErrTooLarge}
	}
	return os.ReadFile(name)
}
