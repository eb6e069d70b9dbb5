// Package parallel runs the iterations of a loop on several goroutines.
package parallel

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// For calls fn(i) for every i in [0, n), on up to GOMAXPROCS goroutines
// at once, and returns when every call has. fn must be safe to run
// concurrently; results are best written to a slice by i.
func For(n int, fn func(i int)) { ForUpTo(n, 0, fn) }

// ForUpTo is For on at most workers goroutines; workers ≤ 0 means one
// per core (GOMAXPROCS).
func ForUpTo(n, workers int, fn func(i int)) {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	Workers(n, workers, func() func(int) { return fn })
}

// Workers calls a function for every i in [0, n) on up to workers
// goroutines, each of which first gets its own function from newWorker
// (for state a worker reuses between iterations, such as a buffer), and
// returns when every call has. With one worker or fewer the loop runs on
// the calling goroutine. More workers than cores suit work that waits on
// system calls.
func Workers(n, workers int, newWorker func() func(i int)) {
	workers = min(workers, n)
	if workers <= 1 {
		if n > 0 {
			fn := newWorker()
			for i := range n {
				fn(i)
			}
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			fn := newWorker()
			for {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				fn(i)
			}
		})
	}
	wg.Wait()
}
