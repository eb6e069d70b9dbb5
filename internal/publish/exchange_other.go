//go:build !linux

package publish

import "errors"

// exchange is only atomic on Linux; elsewhere Commit falls back to two renames.
func exchange(a, b string) error { return errors.New("atomic exchange not supported") }
