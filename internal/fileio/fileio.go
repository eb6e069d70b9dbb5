// Package fileio reads files with the fewest system calls, for the build's
// hot paths, where a site of thousands of pages reads thousands of files,
// and copies folders (for generated test and benchmark sites).
package fileio

import "errors"

// ErrTooLarge is returned, wrapped in an *fs.PathError, by ReadFile for a
// file larger than its limit; the file is not read.
var ErrTooLarge = errors.New("file too large")
