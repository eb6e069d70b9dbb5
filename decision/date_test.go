package decision

import "testing"

func TestValidDate(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"2026-11-24", true},
		{"2024-02-29", true},  // leap year
		{"2000-02-29", true},  // divisible by 400
		{"2025-02-29", false}, // not a leap year
		{"1900-02-29", false}, // divisible by 100
		{"2026-11-31", false},
		{"2026-12-31", true},
		{"2026-13-01", false},
		{"2026-00-10", false},
		{"2026-01-00", false},
		{"2026-1-01", false},
		{"24/11/2026", false},
		{"2026-11-24T10:00", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := validDate(tt.in); got != tt.want {
			t.Errorf("validDate(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}
