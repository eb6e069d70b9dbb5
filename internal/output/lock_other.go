//go:build !unix

package output

// lock is a no-op where advisory file locks are not available.
func lock(string) (func(), error) { return func() {}, nil }
