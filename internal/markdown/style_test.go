package markdown

import (
	"strings"
	"testing"
)

func TestStyleCSS(t *testing.T) {
	tests := []struct {
		name        string
		light, dark string
		wantErr     string
	}{
		{name: "github pair", light: "github", dark: "github-dark"},
		{name: "names are case-insensitive", light: "GitHub", dark: "Monokai"},
		{name: "unknown light", light: "no-such-style", dark: "github-dark", wantErr: `unknown code highlighting style "no-such-style"`},
		{name: "unknown dark", light: "github", dark: "nope", wantErr: `unknown code highlighting style "nope"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			css, err := StyleCSS(tt.light, tt.dark)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				if !strings.Contains(err.Error(), "github-dark") {
					t.Errorf("error does not list the known styles: %v", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			s := string(css)
			before, dark, ok := strings.Cut(s, "@media (prefers-color-scheme: dark) {")
			if !ok {
				t.Fatalf("no dark-mode block:\n%s", s)
			}
			for part, text := range map[string]string{"light": before, "dark": dark} {
				for _, want := range []string{".chroma {", ".chroma .k {", ".chroma .s {", ".chroma .c {"} {
					if !strings.Contains(text, want) {
						t.Errorf("%s part lacks %q", part, want)
					}
				}
			}
			if strings.Count(s, "{") != strings.Count(s, "}") {
				t.Error("unbalanced braces")
			}
			if lightKw, darkKw := rule(before, ".chroma .k {"), rule(dark, ".chroma .k {"); lightKw == darkKw {
				t.Errorf("keyword colour is the same in light and dark: %q", lightKw)
			}
		})
	}
}

// rule returns the declaration block following selector in css.
func rule(css, selector string) string {
	_, after, _ := strings.Cut(css, selector)
	body, _, _ := strings.Cut(after, "}")
	return body
}

// A token class coloured by the light style but not by the dark one must
// not keep its light colour in dark mode (github-dark leaves punctuation
// alone; github colours it near-black, invisible on a dark background).
func TestStyleCSSDarkResetsLightOnlyColours(t *testing.T) {
	css, err := StyleCSS("github", "github-dark")
	if err != nil {
		t.Fatal(err)
	}
	_, dark, ok := strings.Cut(string(css), "@media (prefers-color-scheme: dark)")
	if !ok {
		t.Fatal("no dark block")
	}
	for _, want := range []string{".chroma .p { color: inherit }", ".chroma .nx { color: inherit }"} {
		if !strings.Contains(dark, want) {
			t.Errorf("dark block lacks %q", want)
		}
	}
}
