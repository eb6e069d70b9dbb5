package main

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

func TestHelpListsEachCommandsFlags(t *testing.T) {
	t.Parallel()
	tests := []struct {
		args []string
		want []string // in stdout+stderr
	}{
		{[]string{"--help"}, []string{"Usage: guidepost <command>", "build", "check", "version"}},
		{[]string{"help"}, []string{"Usage: guidepost <command>"}},
		{[]string{"build", "--help"}, []string{"Usage: guidepost build", "-source", "-dest", "-base-url", "-drafts", `(default "public")`}},
		{[]string{"build", "-h"}, []string{"Usage: guidepost build", "-dest"}},
		{[]string{"check", "--help"}, []string{"Usage: guidepost check", "-source", "-strict", "-drafts"}},
		{[]string{"version", "--help"}, []string{"Usage: guidepost version"}},
	}
	dir := t.TempDir()
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			res := runCLI(t, dir, tt.args...)
			if res.code != 0 {
				t.Errorf("exit code %d, want 0\n%s", res.code, res.stderr)
			}
			out := res.stdout + res.stderr
			for _, w := range tt.want {
				if !strings.Contains(out, w) {
					t.Errorf("help does not mention %q:\n%s", w, out)
				}
			}
		})
	}
}

// TestEveryCommandHasHelp runs --help on every command the CLI dispatches,
// so a new subcommand cannot ship without it.
func TestEveryCommandHasHelp(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	usage := runCLI(t, dir, "--help").stdout
	for _, c := range commands {
		t.Run(c.name, func(t *testing.T) {
			if !strings.Contains(usage, "  "+c.name+" ") {
				t.Errorf("the usage does not list %s:\n%s", c.name, usage)
			}
			res := runCLI(t, dir, c.name, "--help")
			if res.code != 0 || !strings.Contains(res.stdout, "Usage: guidepost "+c.name+" ") || res.stderr != "" {
				t.Errorf("%s --help: exit code %d, output:\n%s%s", c.name, res.code, res.stdout, res.stderr)
			}
			if entries, _ := os.ReadDir(dir); len(entries) > 0 {
				t.Errorf("%s --help wrote files", c.name)
			}
		})
	}
}

func TestVersionPrintsAVersion(t *testing.T) {
	t.Parallel()
	res := runCLI(t, t.TempDir(), "version")
	if res.code != 0 || res.stderr != "" {
		t.Fatalf("exit code %d, stderr %q", res.code, res.stderr)
	}
	// The commit is there when the go command found one (see
	// TestReleaseBuildsAreReproducible).
	if !regexp.MustCompile(`^guidepost \S+ (\(commit [0-9a-f]{12}(\+dirty)?, [0-9T:Z-]+\) )?go1\.\d+\S* \w+/\w+\n$`).MatchString(res.stdout) || strings.Contains(res.stdout, "(devel)") {
		t.Errorf("version printed %q, want one line `guidepost <version> (commit <hash>, <time>) go1.x os/arch`", res.stdout)
	}
}

func TestBadCommandLinesExitTwoWithUsage(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		args []string
		want []string // in stderr
	}{
		{"unknown command", []string{"frobnicate"}, []string{`unknown command "frobnicate"`, "Usage: guidepost <command>"}},
		{"stray argument to build", []string{"build", "extra"}, []string{`unexpected argument "extra"`, "Usage: guidepost build"}},
		{"stray argument to check", []string{"check", "--strict", "content"}, []string{`unexpected argument "content"`, "Usage: guidepost check"}},
		{"stray argument to version", []string{"version", "now"}, []string{`unexpected argument "now"`}},
		{"unknown flag", []string{"build", "--nope"}, []string{"flag provided but not defined: -nope", "Usage: guidepost build"}},
		{"flag without value", []string{"build", "--dest"}, []string{"flag needs an argument: -dest"}},
	}
	dir := t.TempDir()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := runCLI(t, dir, tt.args...)
			if res.code != 2 {
				t.Errorf("exit code %d, want 2", res.code)
			}
			for _, w := range tt.want {
				if !strings.Contains(res.stderr, w) {
					t.Errorf("stderr does not contain %q:\n%s", w, res.stderr)
				}
			}
		})
	}
	t.Run("no command", func(t *testing.T) {
		res := runCLI(t, dir)
		if res.code != 2 || !strings.Contains(res.stdout+res.stderr, "Usage: guidepost <command>") {
			t.Errorf("exit code %d, output %q; want 2 and the usage", res.code, res.stdout+res.stderr)
		}
	})
}
