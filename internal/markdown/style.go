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
	lightCSS := buf.String()
	buf.WriteString("@media (prefers-color-scheme: dark) {\n")
	var darkBuf bytes.Buffer
	if err := writeStyle(&darkBuf, f, dark, "  "); err != nil {
		return nil, err
	}
	buf.Write(darkBuf.Bytes())
	buf.WriteString(resetMissing(lightCSS, darkBuf.String()))
	buf.WriteString("}\n")
	return buf.Bytes(), nil
}

// resetMissing returns rules that undo, in the dark block, the colours the
// light style gives a token class that the dark style leaves alone, so no
// light colour shows on a dark background.
func resetMissing(light, dark string) string {
	darkDecls := map[string]string{}
	for _, r := range cssRules(dark) {
		darkDecls[r[0]] = r[1]
	}
	var out strings.Builder
	for _, r := range cssRules(light) {
		sel, decls := r[0], r[1]
		if !strings.HasPrefix(sel, ".chroma .") {
			continue
		}
		d := darkDecls[sel]
		var reset []string
		if hasProp(decls, "color") && !hasProp(d, "color") {
			reset = append(reset, "color: inherit")
		}
		if hasProp(decls, "background-color") && !hasProp(d, "background-color") {
			reset = append(reset, "background-color: transparent")
		}
		if len(reset) > 0 {
			out.WriteString("  " + sel + " { " + strings.Join(reset, "; ") + " }\n")
		}
	}
	return out.String()
}

// cssRules splits one-rule-per-line CSS into [selector, declarations] pairs.
func cssRules(css string) [][2]string {
	var out [][2]string
	for _, line := range strings.Split(css, "\n") {
		sel, rest, ok := strings.Cut(strings.TrimSpace(line), " { ")
		if !ok {
			continue
		}
		out = append(out, [2]string{sel, strings.TrimSuffix(strings.TrimSpace(rest), "}")})
	}
	return out
}

// hasProp reports whether decls sets the CSS property prop itself (so
// "color" does not match "background-color").
func hasProp(decls, prop string) bool {
	for _, d := range strings.Split(decls, ";") {
		if name, _, ok := strings.Cut(strings.TrimSpace(d), ":"); ok && strings.TrimSpace(name) == prop {
			return true
		}
	}
	return false
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
