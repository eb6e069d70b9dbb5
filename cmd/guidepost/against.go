package main

import (
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/guidepost/guidepost/decision"
	"github.com/guidepost/guidepost/internal/review"
)

// errPermissive marks a check --against whose change makes a verdict more
// permissive: it exits 2, so that CI can ask for a reviewer's sign-off.
var errPermissive = errors.New("a verdict became more permissive")

// reviewAgainst writes what changed in the site's decision trees since
// the git revision rev, for a reviewer.
func reviewAgainst(source, rev, format string, now time.Time, trees []*decision.Tree, stdout, stderr io.Writer) error {
	f := review.Format(format)
	if f != review.Text && f != review.Markdown {
		return fmt.Errorf("--format %q: use text or markdown", format)
	}
	old, err := review.TreesAt(source, rev, now)
	if err != nil {
		return err
	}
	reports, err := review.CompareAll(old, trees)
	if err != nil {
		return err
	}
	if err := review.Write(stdout, reports, rev, f); err != nil {
		return err
	}
	for _, r := range reports {
		if r.Permissive() {
			fmt.Fprintf(stderr, "check: in tree %s a verdict became more permissive since %s: a clinical safety reviewer must sign off the change\n", r.Tree, rev)
			return errPermissive
		}
	}
	return nil
}
