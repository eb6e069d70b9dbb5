package main

import (
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
)

func TestFormatVersion(t *testing.T) {
	t.Parallel()
	settings := func(kv ...string) []debug.BuildSetting {
		var out []debug.BuildSetting
		for i := 0; i+1 < len(kv); i += 2 {
			out = append(out, debug.BuildSetting{Key: kv[i], Value: kv[i+1]})
		}
		return out
	}
	const rev = "0123456789abcdef0123456789abcdef01234567"
	platform := settings("GOOS", "linux", "GOARCH", "arm64")
	tests := []struct {
		name   string
		info   *debug.BuildInfo
		linked string
		want   string
	}{
		{"release", &debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Version: "v1.2.0"},
			Settings: append(settings("vcs.revision", rev, "vcs.time", "2026-01-31T10:00:00Z", "vcs.modified", "false"), platform...)},
			"", "v1.2.0 (commit 0123456789ab, 2026-01-31T10:00:00Z) go1.26.0 linux/arm64"},
		{"go install of a tag, no VCS", &debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Version: "v1.2.0"}, Settings: platform},
			"", "v1.2.0 go1.26.0 linux/arm64"},
		{"checkout with changes", &debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Version: "v0.0.0-20260131100000-0123456789ab+dirty"},
			Settings: append(settings("vcs.revision", rev, "vcs.time", "2026-01-31T10:00:00Z", "vcs.modified", "true"), platform...)},
			"", "v0.0.0-20260131100000-0123456789ab+dirty (commit 0123456789ab+dirty, 2026-01-31T10:00:00Z) go1.26.0 linux/arm64"},
		{"devel with a commit", &debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Version: "(devel)"},
			Settings: append(settings("vcs.revision", rev, "vcs.modified", "false"), platform...)},
			"", "devel (commit 0123456789ab) go1.26.0 linux/arm64"},
		{"devel without a commit", &debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Version: "(devel)"}, Settings: platform},
			"", "devel go1.26.0 linux/arm64"},
		{"empty version", &debug.BuildInfo{GoVersion: "go1.26.0", Settings: platform},
			"", "devel go1.26.0 linux/arm64"},
		{"short revision", &debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Version: "(devel)"}, Settings: append(settings("vcs.revision", "abc"), platform...)},
			"", "devel (commit abc) go1.26.0 linux/arm64"},
		{"link-time version wins", &debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Version: "(devel)"},
			Settings: append(settings("vcs.revision", rev), platform...)},
			"v9.9.9", "v9.9.9 (commit 0123456789ab) go1.26.0 linux/arm64"},
		{"no build information", nil, "",
			"devel " + runtime.Version() + " " + runtime.GOOS + "/" + runtime.GOARCH},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := formatVersion(tt.info, tt.linked)
			if got != tt.want {
				t.Errorf("formatVersion = %q\nwant            %q", got, tt.want)
			}
			if strings.Contains(got, "(devel)") {
				t.Errorf("formatVersion = %q says (devel)", got)
			}
		})
	}
}
