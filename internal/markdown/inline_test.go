package markdown

import "testing"

// TestInline renders each text twice: the same text gives the same HTML.
func TestInline(t *testing.T) {
	tests := []struct{ in, want string }{
		{"**General information.** Check the sources.", "<strong>General information.</strong> Check the sources."},
		{"See [our policy](https://example.org/policy).", `See <a href="https://example.org/policy">our policy</a>.`},
		{"<script>alert(1)</script> & more", "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more"},
		{"[x](javascript:alert(1))", `<a href="">x</a>`},
		{"one\n\ntwo", "<p>one</p>\n<p>two</p>"},
		{"", ""},
	}
	for pass := range 2 {
		for _, tt := range tests {
			got, err := Inline(tt.in)
			if err != nil || string(got) != tt.want {
				t.Errorf("pass %d: Inline(%q) = %q, %v; want %q", pass+1, tt.in, got, err, tt.want)
			}
		}
	}
}
