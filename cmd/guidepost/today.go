package main

import (
	"flag"
	"fmt"
	"os"
	"time"
)

// EnvToday names the environment variable that sets the date a command
// takes as today (YYYY-MM-DD): review dates fall due against it and `new`
// dates its pages with it. Tests set it so that they pass whatever the
// calendar says; content owners use it to see what falls due when.
const EnvToday = "GUIDEPOST_TODAY"

// todayFlag adds --today to fs and returns a function giving the date to
// use: the flag, else $GUIDEPOST_TODAY, else now.
func todayFlag(fs *flag.FlagSet) func() (time.Time, error) {
	v := fs.String("today", "", "take `YYYY-MM-DD` as today's date, e.g. to see which reviews fall due by then (default $"+EnvToday+", else the system date)")
	return func() (time.Time, error) { return today(*v) }
}

// today parses the date set by --today or $GUIDEPOST_TODAY, or returns the
// current time when neither is set. The date is taken at noon UTC, so it
// is the same day in every time zone.
func today(flagValue string) (time.Time, error) {
	v, from := flagValue, "--today"
	if v == "" {
		v, from = os.Getenv(EnvToday), "$"+EnvToday
	}
	if v == "" {
		return time.Now(), nil
	}
	d, err := time.Parse(time.DateOnly, v)
	if err != nil || d.Year() < 1900 || d.Year() > 2200 {
		return time.Time{}, fmt.Errorf("%s %q: want a date such as 2026-12-01", from, v)
	}
	return d.Add(12 * time.Hour), nil
}
