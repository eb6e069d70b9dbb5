package parallel

import (
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestWorkersCallsEachIndexOnce(t *testing.T) {
	for _, tt := range []struct{ n, workers int }{
		{0, 4}, {1, 4}, {5, 1}, {5, 0}, {7, 3}, {1000, 2}, {1000, 16}, {3, 8},
	} {
		calls := make([]atomic.Int32, tt.n)
		var mu sync.Mutex
		made := 0
		Workers(tt.n, tt.workers, func() func(int) {
			mu.Lock()
			made++
			mu.Unlock()
			return func(i int) { calls[i].Add(1) }
		})
		for i := range calls {
			if c := calls[i].Load(); c != 1 {
				t.Errorf("n=%d workers=%d: index %d called %d times", tt.n, tt.workers, i, c)
			}
		}
		if limit := max(1, min(tt.n, tt.workers)); made > limit || (tt.n > 0 && made == 0) {
			t.Errorf("n=%d workers=%d: %d workers made, want 1 to %d", tt.n, tt.workers, made, limit)
		}
	}
}

func TestForCallsEachIndexOnce(t *testing.T) {
	got := make([]int, 500)
	For(len(got), func(i int) { got[i] += i + 1 })
	for i, v := range got {
		if v != i+1 {
			t.Fatalf("index %d: %d, want %d", i, v, i+1)
		}
	}
}

func TestForUpToKeepsToItsWorkers(t *testing.T) {
	for _, workers := range []int{1, 2, 3} {
		var running, most atomic.Int32
		done := make([]atomic.Bool, 60)
		ForUpTo(len(done), workers, func(i int) {
			now := running.Add(1)
			for {
				m := most.Load()
				if now <= m || most.CompareAndSwap(m, now) {
					break
				}
			}
			time.Sleep(time.Millisecond)
			done[i].Store(true)
			running.Add(-1)
		})
		if m := most.Load(); m > int32(workers) {
			t.Errorf("workers=%d: %d calls ran at once", workers, m)
		}
		for i := range done {
			if !done[i].Load() {
				t.Fatalf("workers=%d: index %d not called", workers, i)
			}
		}
	}
}
