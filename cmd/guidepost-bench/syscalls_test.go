package main

import (
	"os"
	"testing"
)

func TestParseStraceSummary(t *testing.T) {
	data, err := os.ReadFile("testdata/strace-c.txt")
	if err != nil {
		t.Fatal(err)
	}
	got, err := parseStraceSummary(data)
	if err != nil {
		t.Fatal(err)
	}
	// openat 5397 + mkdirat 2127 + write 3214 + close 5394 + read 2132
	// + newfstatat 224 + getdents64 152; futex and mmap are the runtime's.
	want := syscallCount{All: 18640 + 900 + 120, IO: 18640}
	if got != want {
		t.Errorf("parseStraceSummary = %+v, want %+v", got, want)
	}
	if _, err := parseStraceSummary([]byte("strace: exec: No such file or directory\n")); err == nil {
		t.Error("a report without a total parsed without an error")
	}
}
