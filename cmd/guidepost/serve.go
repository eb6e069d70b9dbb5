package main

import (
	"context"
	"fmt"
	"io"
	"strings"

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
	var allowHosts []string
	fs.Func("allow-host", "a host `name` browsers may use for the server besides its addresses and localhost,\n"+
		"e.g. a name on your network with --bind 0.0.0.0; repeat it or separate names with commas.\n"+
		"Requests for any other name get 403, so that a web page cannot read the site by DNS rebinding", func(v string) error {
		for _, h := range strings.Split(v, ",") {
			h = strings.TrimSpace(h)
			if h == "" || strings.ContainsAny(h, "/ @?#") {
				return fmt.Errorf("%q is not a host name", h)
			}
			allowHosts = append(allowHosts, h)
		}
		return nil
	})
	if err := parseFlags(fs, args, stdout); err != nil {
		return err
	}
	if *port < 0 || *port > 65535 {
		fmt.Fprintf(stderr, "--port %d: want a port from 0 to 65535\n", *port)
		fs.Usage()
		return errUsage
	}
	cache := markdown.DefaultHighlightCache() // nil, i.e. none, when GUIDEPOST_CACHE=off
	srv, err := devserver.New(devserver.Options{Source: *source, Bind: *bind, Port: *port, Drafts: *drafts, AllowHosts: allowHosts, Log: stdout, HighlightCache: cache})
	if err != nil {
		return err
	}
	if err := srv.Run(ctx); err != nil {
		return err
	}
	fmt.Fprintln(stdout, "stopped")
	return nil
}
