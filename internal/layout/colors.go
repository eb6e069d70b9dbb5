package layout

import (
	"maps"
	"slices"
	"strings"

	"github.com/guidepost/guidepost/internal/config"
)

// ColorsCSS returns the stylesheet of the colours a site's config sets
// (custom properties of the theme's stylesheet, light and dark), or nil
// when it sets none. The config accepts only plain colour values, so
// nothing here can end a declaration.
func ColorsCSS(c config.Colors) []byte {
	if !c.Set() {
		return nil
	}
	var b strings.Builder
	block := func(colors map[string]string) {
		for _, name := range slices.Sorted(maps.Keys(colors)) {
			b.WriteString("  --" + name + ": " + colors[name] + ";\n")
		}
	}
	if len(c.Light) > 0 {
		b.WriteString(":root {\n")
		block(c.Light)
		b.WriteString("}\n")
	}
	if len(c.Dark) > 0 {
		b.WriteString("@media (prefers-color-scheme: dark) {\n:root {\n")
		block(c.Dark)
		b.WriteString("}\n}\n")
	}
	return []byte(b.String())
}
