//go:build !unix

package publish

// lock is a no-op where advisory file locks are not available.
func lock(string) (func(), error) { return func() {}, nil }
