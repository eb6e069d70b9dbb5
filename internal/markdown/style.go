package markdown

import (
	"bytes"
	"fmt"
	"strings"

	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/styles"
)

// StyleCSS returns the stylesheet for highlighted code: the chroma style
// named light for `.chroma`, and the style named dark inside
// `@media (prefers-color-scheme: dark)`. Every token class gets a rule in
// both, so no light colour survives into dark mode. An unknown style name
// is an error listing the known ones.
func StyleCSS(light, dark string) ([]byte, error) {
	f := chromahtml.New(chromahtml.WithClasses(true), chromahtml.WithAllClasses(true), chromahtml.WithCSSComments(false))
	var buf bytes.Buffer
	if err := writeStyle(&buf, f, light, ""); err != nil {
		return nil, err
	}
	buf.WriteString("@media (prefers-color-scheme: dark) {\n")
	if err := writeStyle(&buf, f, dark, "  "); err != nil {
		return nil, err
	}
	buf.WriteString("}\n")
	return buf.Bytes(), nil
}

func writeStyle(buf *bytes.Buffer, f *chromahtml.Formatter, name, indent string) error {
	style, ok := styles.Registry[strings.ToLower(name)]
	if !ok {
		return fmt.Errorf("markdown: unknown code highlighting style %q; use one of: %s",
			name, strings.Join(styles.Names(), ", "))
	}
	var css bytes.Buffer
	if err := f.WriteCSS(&css, style); err != nil {
		return fmt.Errorf("markdown: write CSS for style %q: %w", name, err)
	}
	for _, line := range strings.SplitAfter(css.String(), "\n") {
		if line != "" {
			buf.WriteString(indent + line)
		}
	}
	return nil
}
