package layout

import (
	"bytes"
	"path"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/js"

	"github.com/guidepost/guidepost/internal/diag"
)

// minifier minifies stylesheets and scripts with tdewolff/minify, a
// maintained minifier that parses what it shrinks.
var minifier = func() *minify.M {
	m := minify.New()
	m.AddFunc("text/css", css.Minify)
	m.AddFunc("application/javascript", js.Minify)
	return m
}()

// mediaTypes are the minified kinds of asset, by extension.
var mediaTypes = map[string]string{".css": "text/css", ".js": "application/javascript"}

// Minify returns data, a stylesheet or script named name, minified: the
// same behaviour in fewer bytes. Other files, and a file the minifier
// cannot parse (which is reported as a warning), are returned as they are.
func Minify(name string, data []byte, diags *diag.List) []byte {
	mt, ok := mediaTypes[path.Ext(name)]
	if !ok {
		return data
	}
	var out bytes.Buffer
	out.Grow(len(data))
	if err := minifier.Minify(mt, &out, bytes.NewReader(data)); err != nil {
		if diags != nil {
			diags.Warn(name, 0, "published as written, not minified: "+err.Error())
		}
		return data
	}
	return out.Bytes()
}
