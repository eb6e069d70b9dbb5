package main

import (
	"context"
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
	"strings"
)

// version is set at link time with -ldflags "-X main.version=v1.2.3"; the
// module version recorded by the go command is used otherwise.
var version = ""

func runVersion(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("version", "Print guidepost's version, the commit it was built from and the Go toolchain and platform.", stderr)
	if err := parseFlags(fs, args, stdout); err != nil {
		return err
	}
	fmt.Fprintln(stdout, "guidepost", versionString())
	return nil
}

// versionString describes the running binary, e.g.
// "v1.2.0 (commit 0123456789ab, 2026-01-31T10:00:00Z) go1.26.0 linux/amd64".
func versionString() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		info = nil
	}
	return formatVersion(info, version)
}

// formatVersion describes a binary from its build information (nil when
// it has none) and the version set at link time ("" when none was):
//
//	<version> (commit <12 hex digits>[+dirty], <commit time>) <go version> <os>/<arch>
//
// The version is the link-time one, else the module version the go command
// recorded; a binary built from a checkout without either is "devel". The
// part in brackets is left out when the go command recorded no commit.
func formatVersion(info *debug.BuildInfo, linked string) string {
	v := linked
	goVersion, goos, goarch := runtime.Version(), runtime.GOOS, runtime.GOARCH
	var revision, when string
	var dirty bool
	if info != nil {
		if v == "" && info.Main.Version != "(devel)" {
			v = info.Main.Version
		}
		if info.GoVersion != "" {
			goVersion = info.GoVersion
		}
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				revision = s.Value
			case "vcs.time":
				when = s.Value
			case "vcs.modified":
				dirty = s.Value == "true"
			case "GOOS":
				goos = s.Value
			case "GOARCH":
				goarch = s.Value
			}
		}
	}
	if v == "" {
		v = "devel"
	}
	var b strings.Builder
	b.WriteString(v)
	if revision != "" {
		b.WriteString(" (commit ")
		b.WriteString(revision[:min(12, len(revision))])
		if dirty {
			b.WriteString("+dirty")
		}
		if when != "" {
			b.WriteString(", ")
			b.WriteString(when)
		}
		b.WriteString(")")
	}
	fmt.Fprintf(&b, " %s %s/%s", goVersion, goos, goarch)
	return b.String()
}
