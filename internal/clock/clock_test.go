package clock

import (
	"testing"
	"time"
)

func TestToday(t *testing.T) {
	noon := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 12, 0, 0, 0, time.UTC) }
	tests := []struct {
		value, env string
		want       time.Time // zero: the current time
		err        string
	}{
		{"2027-06-02", "", noon(2027, 6, 2), ""},
		{"2027-06-02", "2030-01-01", noon(2027, 6, 2), ""},
		{"", "2030-01-01", noon(2030, 1, 1), ""},
		{"", "", time.Time{}, ""},
		{"2027-02-30", "", time.Time{}, `--today "2027-02-30": want a date such as 2026-12-01`},
		{"", "tomorrow", time.Time{}, `$GUIDEPOST_TODAY "tomorrow": want a date such as 2026-12-01`},
		{"0001-01-01", "", time.Time{}, `--today "0001-01-01": want a date such as 2026-12-01`},
	}
	for _, tt := range tests {
		t.Run(tt.value+"/"+tt.env, func(t *testing.T) {
			t.Setenv(EnvToday, tt.env)
			before := time.Now()
			got, err := Today(tt.value, "--today")
			switch {
			case tt.err != "":
				if err == nil || err.Error() != tt.err {
					t.Errorf("error %v, want %s", err, tt.err)
				}
			case err != nil:
				t.Errorf("error %v", err)
			case tt.want.IsZero():
				if got.Before(before) || got.After(time.Now()) {
					t.Errorf("Today = %v, want the current time", got)
				}
			case !got.Equal(tt.want):
				t.Errorf("Today = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestNowFollowsTheEnvironment(t *testing.T) {
	t.Setenv(EnvToday, "2031-03-04")
	if got, want := Now(), time.Date(2031, 3, 4, 12, 0, 0, 0, time.UTC); !got.Equal(want) {
		t.Errorf("Now = %v, want %v", got, want)
	}
	t.Setenv(EnvToday, "not a date")
	before := time.Now()
	if got := Now(); got.Before(before) || got.After(time.Now()) {
		t.Errorf("Now with a bad $%s = %v, want the current time", EnvToday, got)
	}
}
