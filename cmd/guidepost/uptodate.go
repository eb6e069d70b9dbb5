package main

import (
	"context"
	"os"
	"path/filepath"
	"time"

	"github.com/guidepost/guidepost/internal/build"
	"github.com/guidepost/guidepost/internal/config"
	"github.com/guidepost/guidepost/internal/diag"
	"github.com/guidepost/guidepost/internal/markdown"
	"github.com/guidepost/guidepost/internal/stamp"
)

// upToDate decides whether `guidepost build` can skip its work because
// nothing it reads changed since its last successful build into the same
// folder, and records each successful build for the next. It is off (every
// build runs) when the persistent caches are (GUIDEPOST_CACHE=off) or
// there is no user cache folder.
type upToDate struct {
	store  *stamp.Store // nil: off
	source string
	dest   string
	in     stamp.Inputs
	digest string // of in, taken before the build read anything; "" when unknown
	// prev is the stamp of the last build into dest, read by begin before
	// it is dropped; nil when there is none.
	prev *stamp.Stamp
}

func newUpToDate(source, dest string, now time.Time, options []string) *upToDate {
	u := &upToDate{source: source, dest: dest}
	base, err := os.UserCacheDir()
	if markdown.CacheDisabled() || err != nil {
		return u
	}
	u.store = stamp.NewStore(filepath.Join(base, "guidepost", "builds"))
	abs, _ := filepath.Abs(dest)
	u.in = stamp.Inputs{Source: source, Folders: themeFolder(source), Options: append([]string{
		"dest " + abs,
		"version " + versionString(),
		// Review warnings depend on the day.
		"date " + now.Format(time.DateOnly),
	}, options...)}
	return u
}

// themeFolder returns the theme folder the site's config names, as a
// list for stamp.Inputs.Folders; none when the config names none or
// cannot be read (the build reports that).
func themeFolder(source string) []string {
	var ignored diag.List
	cfg := config.Load(source, &ignored)
	if cfg.Theme == "" {
		return nil
	}
	dir := cfg.Theme
	if !filepath.IsAbs(dir) {
		dir = filepath.Join(source, filepath.FromSlash(dir))
	}
	return []string{dir}
}

// same returns the last build's stamp when the site, the options and the
// output folder are exactly as that build left them.
func (u *upToDate) same(ctx context.Context) (*stamp.Stamp, bool) {
	if u.store == nil {
		return nil, false
	}
	prev, ok := u.store.Load(u.dest)
	if !ok {
		return nil, false
	}
	u.digest, _ = u.inputs()
	if u.digest == "" || prev.Inputs != u.digest {
		return nil, false
	}
	out, err := stamp.OutputDigest(u.dest)
	return prev, err == nil && out == prev.Output
}

// inputs digests the inputs, once.
func (u *upToDate) inputs() (string, bool) {
	if u.digest != "" {
		return u.digest, true
	}
	d, err := u.in.Digest()
	return d, err == nil
}

// begin is called before a build: the inputs are digested as they are
// before it reads them (an edit during the build makes the next one run),
// and the old stamp is dropped, as the build replaces the output.
func (u *upToDate) begin() {
	if u.store == nil {
		return
	}
	u.digest, _ = u.inputs()
	u.prev, _ = u.store.Load(u.dest)
	u.store.Forget(u.dest)
}

// wrote reports whether the output folder is exactly as the last recorded
// build left it, which vouches that guidepost wrote it even without the
// marker a build leaves (see publish.Marker): guidepost before the marker
// recorded its builds too. A folder changed since, or one whose record is
// gone (caches off, cleared or pruned), is not vouched for: the build then
// refuses it and the user deletes it once.
func (u *upToDate) wrote() bool {
	if u.prev == nil {
		return false
	}
	out, err := stamp.OutputDigest(u.dest)
	return err == nil && out == u.prev.Output
}

// failed is called after a build that failed. The build left the output
// folder as it was, so the stamp begin dropped is true again: restoring
// it keeps an unmarked output of an older guidepost recognised by wrote
// until a build succeeds.
func (u *upToDate) failed() {
	if u.store == nil || u.prev == nil {
		return
	}
	_ = u.store.Save(u.dest, u.prev)
}

// record saves the stamp of a successful build. Failing to only costs the
// next build its shortcut.
func (u *upToDate) record(ctx context.Context, res *build.Result) {
	if u.store == nil {
		return
	}
	if u.digest == "" {
		return
	}
	s := &stamp.Stamp{Inputs: u.digest, Pages: res.Pages, Files: res.Files}
	out, err := stamp.OutputDigest(u.dest)
	if err != nil {
		return
	}
	s.Output = out
	for _, d := range res.Diags.Warnings() {
		s.Warnings = append(s.Warnings, d.String())
	}
	_ = u.store.Save(u.dest, s)
}
