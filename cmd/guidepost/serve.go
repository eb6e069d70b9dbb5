package main

import (
	"context"
	"fmt"
	"io"

	"github.com/guidepost/guidepost/internal/devserver"
	"github.com/guidepost/guidepost/internal/markdown"
)

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("serve", "Build the site in memory and serve it with live reload: pages reload when content/, layouts/,\n"+
		"static/, guidepost.yaml or the decision engine's sources change, stylesheets are swapped in place,\n"+
		"and build errors show in the browser as file:line: message while the last good build, if there is one, stays served.", stderr)
	source := fs.String("source", ".", "site `folder` holding guidepost.yaml, content/, layouts/ and static/")
	bind := fs.String("bind", devserver.DefaultBind, "`address` to listen on; the default keeps the site to this computer")
	port := fs.Int("port", 1313, "TCP `port` to listen on; 0 picks a free one")
	drafts := fs.Bool("drafts", false, "include pages marked draft: true")
	if err := parseFlags(fs, args, stdout); err != nil {
		return err
	}
	if *port < 0 || *port > 65535 {
		fmt.Fprintf(stderr, "--port %d: want a port from 0 to 65535\n", *port)
		fs.Usage()
		return errUsage
	}
	cache := markdown.DefaultHighlightCache() // nil, i.e. none, when GUIDEPOST_CACHE=off
	markdown.UseHighlightCache(cache)
	defer markdown.UseHighlightCache(nil)
	srv, err := devserver.New(devserver.Options{Source: *source, Bind: *bind, Port: *port, Drafts: *drafts, Log: stdout, HighlightCache: cache})
	if err != nil {
		return err
	}
	if err := srv.Run(ctx); err != nil {
		return err
	}
	fmt.Fprintln(stdout, "stopped")
	return nil
}
