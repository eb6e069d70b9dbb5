package site

import "testing"

func TestEscapePath(t *testing.T) {
	for in, want := range map[string]string{
		"/guidance/india/": "/guidance/india/",
		"/guidance/what?/": "/guidance/what%3F/",
		"/c#sharp/":        "/c%23sharp/",
		"/my page/":        "/my%20page/",
		"/caf\u00e9/":      "/caf%C3%A9/",
		"/100%/":           "/100%25/",
		"/a-b_c.d~e/":      "/a-b_c.d~e/",
		"/files/guide.pdf": "/files/guide.pdf",
		"/a:b/":            "/a:b/",
	} {
		if got := EscapePath(in); got != want {
			t.Errorf("EscapePath(%q) = %q, want %q", in, got, want)
		}
	}
}
