package main

import (
	"flag"
	"time"

	"github.com/guidepost/guidepost/internal/clock"
)

// EnvToday names the environment variable that sets the date a command
// takes as today (YYYY-MM-DD): review dates fall due against it and `new`
// dates its pages with it. Tests set it so that they pass whatever the
// calendar says; content owners use it to see what falls due when.
const EnvToday = clock.EnvToday

// todayFlag adds --today to fs and returns a function giving the date to
// use: the flag, else $GUIDEPOST_TODAY, else now (see package clock).
func todayFlag(fs *flag.FlagSet) func() (time.Time, error) {
	v := fs.String("today", "", "take `YYYY-MM-DD` as today's date, e.g. to see which reviews fall due by then (default $"+EnvToday+", else the system date)")
	return func() (time.Time, error) { return clock.Today(*v, "--today") }
}
