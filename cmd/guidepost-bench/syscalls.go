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
)

// syscallCount is what `strace -c -f` counted for one build.
type syscallCount struct {
	All int // every system call of the process and its threads
	IO  int // All less the Go runtime's own (see runtimeCalls)
}

// runtimeCalls are system calls the Go runtime (and Hugo's, also Go)
// makes for scheduling, memory and signals. Their number varies with the
// machine's load, not with the files a build reads and writes, so the I/O
// count leaves them out.
var runtimeCalls = map[string]bool{
	"futex": true, "nanosleep": true, "epoll_pwait": true, "epoll_wait": true, "sched_yield": true,
	"mmap": true, "munmap": true, "madvise": true, "mprotect": true, "brk": true,
	"rt_sigaction": true, "rt_sigprocmask": true, "rt_sigreturn": true, "sigaltstack": true,
	"tgkill": true, "getpid": true, "gettid": true, "clone": true, "clone3": true,
	"set_robust_list": true, "rseq": true, "arch_prctl": true, "prlimit64": true,
	"set_tid_address": true, "execve": true, "exit_group": true, "pipe2": true, "eventfd2": true,
	"epoll_create1": true, "getrlimit": true, "sched_getaffinity": true, "uname": true,
}

// countSyscalls runs c once under `strace -c -f` (after its before step)
// and returns the calls it made.
func countSyscalls(c command, scratch string) (syscallCount, error) {
	if c.before != nil {
		if err := c.before(-1); err != nil {
			return syscallCount{}, fmt.Errorf("%s: prepare run: %w", c.name, err)
		}
	}
	report := filepath.Join(scratch, "strace.txt")
	cmd := exec.Command("strace", append([]string{"-c", "-f", "-o", report}, c.args...)...)
	cmd.Env = append(os.Environ(), c.env...)
	if out, err := cmd.CombinedOutput(); err != nil {
		return syscallCount{}, fmt.Errorf("strace %s: %w\n%s", c.name, err, lastLines(string(out), 20))
	}
	data, err := os.ReadFile(report)
	if err != nil {
		return syscallCount{}, fmt.Errorf("read strace report: %w", err)
	}
	return parseStraceSummary(data)
}

// parseStraceSummary reads the table `strace -c` writes:
//
//	% time     seconds  usecs/call     calls    errors syscall
//	------ ----------- ----------- --------- --------- ----------------
//	 40.00    0.000040          40         1           execve
//	------ ----------- ----------- --------- --------- ----------------
//	100.00    0.000100          10        10         1 total
func parseStraceSummary(data []byte) (syscallCount, error) {
	var n syscallCount
	total := -1
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 5 || strings.HasPrefix(f[0], "%") || strings.HasPrefix(f[0], "-") {
			continue
		}
		calls, err := strconv.Atoi(f[3])
		if err != nil {
			return n, fmt.Errorf("strace summary: calls %q in %q", f[3], sc.Text())
		}
		switch name := f[len(f)-1]; {
		case name == "total":
			total = calls
		case !runtimeCalls[name]:
			n.IO += calls
			fallthrough
		default:
			n.All += calls
		}
	}
	if total < 0 {
		return n, fmt.Errorf("strace summary has no total:\n%s", data)
	}
	if total != n.All {
		return n, fmt.Errorf("strace summary: rows add up to %d calls, total says %d", n.All, total)
	}
	return n, nil
}
