// Package guidepost holds what the guidepost binary carries inside it for
// every site: the default theme, this repository's layouts/, static/ and
// i18n/ folders. (Go's embed reaches only a package's own folder and below,
// hence a package at the module root.)
//
// Authors never need these files on disk: a site's own layouts/ and
// static/ override them file by file, and its i18n/ string files key by
// key (see packages internal/theme and internal/i18n).
package guidepost

import (
	"embed"
	"io/fs"
)

// The "all:" prefix keeps folders whose names start with "_", such as
// layouts/_default.
//
//go:embed all:layouts all:static all:i18n
var defaultTheme embed.FS

// DefaultTheme returns the built-in theme: a file system holding layouts/,
// static/ and i18n/.
func DefaultTheme() fs.FS { return defaultTheme }
