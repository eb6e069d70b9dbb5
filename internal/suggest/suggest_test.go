package suggest

import "testing"

func TestDistance(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"title", "title", 0}, {"titel", "title", 2}, {"tile", "title", 1},
		{"", "abc", 3}, {"kitten", "sitting", 3},
	} {
		if got := Distance(tc.a, tc.b); got != tc.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
}

func TestClosest(t *testing.T) {
	keys := []string{"reviewed", "review_every", "summary", "title"}
	for _, tc := range []struct {
		s    string
		max  int
		want string
	}{
		{"titel", 2, "title"},
		{"reviwed", 2, "reviewed"},
		{"sumary", 2, "summary"},
		{"colour", 2, ""},         // nothing near
		{"titel", 1, ""},          // too far for the limit
		{"review", 2, "reviewed"}, // the first of equally near candidates
		{"reviewd", 2, "reviewed"},
		{"review-every", 2, "review_every"},
		{"Title", 2, "title"},
		{"", 2, ""},
	} {
		if got := Closest(tc.s, keys, tc.max); got != tc.want {
			t.Errorf("Closest(%q, max %d) = %q, want %q", tc.s, tc.max, got, tc.want)
		}
	}
}
