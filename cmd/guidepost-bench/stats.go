package main

import (
	"fmt"
	"math"
	"slices"
	"time"
)

// median returns the middle value of xs (the mean of the two middle ones
// for an even count).
func median[T int64 | time.Duration](xs []T) T {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// percentile returns the p-th percentile (0..100) of xs by the
// nearest-rank method.
func percentile(xs []time.Duration, p float64) time.Duration {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	rank := int(math.Ceil(p / 100 * float64(len(s))))
	return s[min(max(rank, 1), len(s))-1]
}

// series is every sample of one command.
type series struct {
	name    string
	samples []sample
}

func (s *series) walls() []time.Duration {
	var out []time.Duration
	for _, x := range s.samples {
		out = append(out, x.Wall)
	}
	return out
}

func (s *series) medianWall() time.Duration { return median(s.walls()) }

func (s *series) medianCPU() time.Duration {
	var out []time.Duration
	for _, x := range s.samples {
		out = append(out, x.User+x.Sys)
	}
	return median(out)
}

func (s *series) medianRSS() int64 {
	var out []int64
	for _, x := range s.samples {
		out = append(out, x.PeakRSSKB)
	}
	return median(out)
}

// ms formats a duration in milliseconds, or seconds above ten seconds.
func ms(d time.Duration) string {
	if d >= 10*time.Second {
		return fmt.Sprintf("%.2f s", d.Seconds())
	}
	if d < 10*time.Millisecond {
		return fmt.Sprintf("%.2f ms", float64(d)/float64(time.Millisecond))
	}
	return fmt.Sprintf("%d ms", d.Milliseconds())
}

func mib(kb int64) string { return fmt.Sprintf("%.0f MiB", float64(kb)/1024) }

// ratio formats a/b as "0.42×" (three decimals below 0.1).
func ratio[T int64 | time.Duration](a, b T) string {
	if b == 0 {
		return "–"
	}
	r := float64(a) / float64(b)
	if r < 0.1 {
		return fmt.Sprintf("%.3f×", r) // a dev server rebuild against a full build
	}
	return fmt.Sprintf("%.2f×", r)
}
