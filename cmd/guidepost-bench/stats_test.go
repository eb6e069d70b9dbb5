package main

import (
	"testing"
	"time"
)

func TestMedianAndPercentile(t *testing.T) {
	tests := []struct {
		name     string
		in       []time.Duration
		median   time.Duration
		p50, p95 time.Duration
	}{
		{"odd count, unsorted", []time.Duration{5, 1, 3}, 3, 3, 5},
		{"even count", []time.Duration{4, 1, 3, 2}, 2, 2, 4},
		{"one", []time.Duration{7}, 7, 7, 7},
		{"twenty", []time.Duration{20, 19, 18, 17, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1}, 10, 10, 19},
		{"empty", nil, 0, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := median(tt.in); got != tt.median {
				t.Errorf("median = %v, want %v", got, tt.median)
			}
			if got := percentile(tt.in, 50); got != tt.p50 {
				t.Errorf("p50 = %v, want %v", got, tt.p50)
			}
			if got := percentile(tt.in, 95); got != tt.p95 {
				t.Errorf("p95 = %v, want %v", got, tt.p95)
			}
		})
	}
}

func TestParseTimeReport(t *testing.T) {
	const report = `	Command being timed: "hugo --quiet"
	User time (seconds): 3.25
	System time (seconds): 0.50
	Percent of CPU this job got: 180%
	Elapsed (wall clock) time (h:mm:ss or m:ss): 0:02.08
	Maximum resident set size (kbytes): 412345
	Exit status: 0
`
	s, err := parseTimeReport([]byte(report))
	if err != nil {
		t.Fatal(err)
	}
	if s.PeakRSSKB != 412345 || s.User != 3250*time.Millisecond || s.Sys != 500*time.Millisecond {
		t.Errorf("parsed %+v, want RSS 412345 KiB, user 3.25 s, sys 0.5 s", s)
	}
	if _, err := parseTimeReport([]byte("Command exited with non-zero status 1\n")); err == nil {
		t.Error("a report without peak RSS parsed without error")
	}
}
