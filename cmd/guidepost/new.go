package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"

	"github.com/guidepost/guidepost/internal/scaffold"
)

const newSynopsis = `Create a site, a page or a decision tree from a starting point that builds
and passes "guidepost check --strict" as it is. Nothing is ever overwritten.

  guidepost new site DIR [--title TITLE]   a site: config, home page, a section
                                           with a page, and an example decision tree
  guidepost new page PATH                  a page under content/, e.g. guidance/consent.md
  guidepost new tree NAME                  a decision tree in content/decide/NAME/:
                                           a question, two outcomes and scenarios`

func runNew(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("new", newSynopsis, stderr)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: guidepost new site|page|tree ARG [flags]\n\n%s\n\nFlags:\n", newSynopsis)
		fs.PrintDefaults()
	}
	source := fs.String("source", ".", "site `folder` to add a page or tree to")
	title := fs.String("title", "", "the new site's `title` (default \"My guidance\")")
	todayOf := todayFlag(fs)
	what, arg, rest, err := newArgs(args)
	if err != nil {
		fmt.Fprintln(stderr, err)
		fs.Usage()
		return errUsage
	}
	if err := parseFlags(fs, rest, stdout); err != nil {
		return err
	}
	now, err := todayOf()
	if err != nil {
		fmt.Fprintln(stderr, err)
		return errUsage
	}
	switch what {
	case "site":
		written, err := scaffold.Site(arg, *title, now)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "created a site in %s (%d files). Next:\n\n  cd %s\n  guidepost serve      # preview at http://127.0.0.1:1313/ while you write\n  guidepost build      # the site to publish, in public/\n", arg, len(written), quoteArg(arg))
	case "page":
		written, err := scaffold.Page(*source, arg, now)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "created %s\n", written)
	case "tree":
		written, err := scaffold.Tree(*source, arg, now)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "created a decision tree in %s (%d files); `guidepost check` runs its scenarios\n", filepath.Dir(written[0]), len(written))
	}
	return nil
}

// newArgs splits `new`'s arguments into what to create, its argument and
// the flags, which may come before or after them.
func newArgs(args []string) (what, arg string, flags []string, err error) {
	var words []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "-h" || a == "-help" || a == "--help":
			return "", "", []string{a}, nil
		case len(a) > 1 && a[0] == '-':
			flags = append(flags, a)
			if (a == "--source" || a == "-source" || a == "--title" || a == "-title" || a == "--today" || a == "-today") && i+1 < len(args) {
				flags = append(flags, args[i+1])
				i++
			}
		default:
			words = append(words, a)
		}
	}
	if len(words) != 2 {
		return "", "", nil, fmt.Errorf("guidepost new takes what to create and its name, e.g. `guidepost new site my-site`")
	}
	switch words[0] {
	case "site", "page", "tree":
		return words[0], words[1], flags, nil
	}
	return "", "", nil, fmt.Errorf("guidepost new %s: create a site, a page or a tree", words[0])
}

// quoteArg quotes a folder name for the shell when it needs it.
func quoteArg(s string) string {
	for _, r := range s {
		if !(r == '/' || r == '.' || r == '-' || r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			return "'" + s + "'"
		}
	}
	return s
}
