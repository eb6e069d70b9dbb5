package markdown

import "testing"

func TestSlugify(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Hello World", "hello-world"},
		{"What the law says (2024)", "what-the-law-says-2024"},
		{"HIPAA & GDPR", "hipaa--gdpr"},
		{"snake_case-kebab", "snake_case-kebab"},
		{"Données de santé", "données-de-santé"},
		{"日本語 テキスト", "日本語-テキスト"},
		{"  padded  ", "padded"},
		{"?!", "section"},
		{"", "section"},
	}
	for _, tt := range tests {
		if got := slugify(tt.in); got != tt.want {
			t.Errorf("slugify(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestIDSetUnique(t *testing.T) {
	s := idSet{}
	var got []string
	for _, base := range []string{"a", "a", "a-1", "a", "b"} {
		got = append(got, s.unique(base))
	}
	want := []string{"a", "a-1", "a-1-1", "a-2", "b"}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("unique ids = %v, want %v", got, want)
		}
	}
}
