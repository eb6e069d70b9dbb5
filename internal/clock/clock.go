// Package clock is where guidepost learns today's date: review dates fall
// due against it, `publishDate` and `expiryDate` are weighed against it,
// and `guidepost new` dates pages with it. $GUIDEPOST_TODAY sets it, so
// that content owners can see what falls due when, and so that a test run
// can move every part of guidepost to another day at once (CI runs the
// whole suite two years ahead: .ci/run).
package clock

import (
	"fmt"
	"os"
	"time"
)

// EnvToday names the environment variable that sets the date guidepost
// takes as today (YYYY-MM-DD).
const EnvToday = "GUIDEPOST_TODAY"

// Today returns the date that value (YYYY-MM-DD) names, or $GUIDEPOST_TODAY's
// when value is "", or the current time when neither is set. A date is
// taken at noon UTC, so it is the same day in every time zone. The error
// names where the date came from: from is how the caller calls value
// ("--today").
func Today(value, from string) (time.Time, error) {
	if value == "" {
		value, from = os.Getenv(EnvToday), "$"+EnvToday
	}
	if value == "" {
		return time.Now(), nil
	}
	d, err := time.Parse(time.DateOnly, value)
	if err != nil || d.Year() < 1900 || d.Year() > 2200 {
		return time.Time{}, fmt.Errorf("%s %q: want a date such as 2026-12-01", from, value)
	}
	return d.Add(12 * time.Hour), nil
}

// Now returns $GUIDEPOST_TODAY's date when it is set and valid, else the
// current time: the default of code that is given no date. Commands
// check the variable first (Today) and report a bad one.
func Now() time.Time {
	t, err := Today("", "")
	if err != nil {
		return time.Now()
	}
	return t
}
