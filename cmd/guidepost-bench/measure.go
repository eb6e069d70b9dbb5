package main

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// timeBin is GNU time, which reports a process's peak resident set size.
const timeBin = "/usr/bin/time"

// sample is one measured run of a command.
type sample struct {
	Wall      time.Duration
	User, Sys time.Duration // CPU time
	PeakRSSKB int64         // maximum resident set size, KiB
}

// command is a process to measure: arguments, extra environment, and a
// step to run before each measurement that is not timed (clearing the
// output folder, editing a page).
type command struct {
	name   string
	args   []string
	env    []string
	before func(run int) error
	// expect, when set, must appear in the command's output, or the
	// run measured something else than it says.
	expect string
}

// measure runs c under /usr/bin/time -v and returns what it used. A
// failing command is an error with its output.
func measure(c command, run int, scratch string) (sample, error) {
	if c.before != nil {
		if err := c.before(run); err != nil {
			return sample{}, fmt.Errorf("%s: prepare run: %w", c.name, err)
		}
	}
	report := filepath.Join(scratch, "time.txt")
	args := append([]string{"-v", "-o", report}, c.args...)
	cmd := exec.Command(timeBin, args...)
	cmd.Env = append(os.Environ(), c.env...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if err != nil {
		return sample{}, fmt.Errorf("%s: %w\n%s", c.name, err, lastLines(out.String(), 30))
	}
	if c.expect != "" && !strings.Contains(out.String(), c.expect) {
		return sample{}, fmt.Errorf("%s: output lacks %q:\n%s", c.name, c.expect, lastLines(out.String(), 30))
	}
	data, err := os.ReadFile(report)
	if err != nil {
		return sample{}, fmt.Errorf("%s: read /usr/bin/time report: %w", c.name, err)
	}
	s, err := parseTimeReport(data)
	if err != nil {
		return sample{}, fmt.Errorf("%s: %w", c.name, err)
	}
	s.Wall = wall
	return s, nil
}

// parseTimeReport reads the peak RSS and CPU times from GNU time's -v
// report.
func parseTimeReport(data []byte) (sample, error) {
	var s sample
	found := false
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		key, val, ok := strings.Cut(strings.TrimSpace(sc.Text()), ": ")
		if !ok {
			continue
		}
		switch key {
		case "Maximum resident set size (kbytes)":
			n, err := strconv.ParseInt(val, 10, 64)
			if err != nil {
				return s, fmt.Errorf("peak RSS %q in /usr/bin/time report: %w", val, err)
			}
			s.PeakRSSKB, found = n, true
		case "User time (seconds)":
			s.User = seconds(val)
		case "System time (seconds)":
			s.Sys = seconds(val)
		}
	}
	if !found {
		return s, fmt.Errorf("no peak RSS in /usr/bin/time report:\n%s", data)
	}
	return s, nil
}

func seconds(v string) time.Duration {
	f, _ := strconv.ParseFloat(v, 64)
	return time.Duration(f * float64(time.Second))
}

// lastLines returns the last n lines of s.
func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
