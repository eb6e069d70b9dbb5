package devserver

import (
	"fmt"
	"net"
	"net/http"
	"strings"
)

// hostAllowed reports whether a request's Host header names this server.
// A page on another site can make a browser send requests here by
// pointing its own name at 127.0.0.1 (DNS rebinding); those carry that
// name as Host, and must not read drafts or the error overlay. Accepted:
//
//   - an IP address (a rebinding page's requests carry a name, never an
//     address, so any address is safe and "http://192.168.1.5:1313/"
//     works on a --bind 0.0.0.0 server);
//   - localhost and names under .localhost, which browsers resolve to
//     loopback themselves;
//   - the name the server was bound to (--bind NAME);
//   - the names the user listed with --allow-host.
func (s *Server) hostAllowed(hostport string) bool {
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.ToLower(strings.Trim(host, "[]")), ".")
	if host == "" {
		return false
	}
	if net.ParseIP(host) != nil {
		return true
	}
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return true
	}
	if host == normalHost(s.opts.Bind) {
		return true
	}
	for _, h := range s.opts.AllowHosts {
		if host == normalHost(h) {
			return true
		}
	}
	return false
}

// normalHost is a host name as hostAllowed compares it.
func normalHost(h string) string {
	return strings.TrimSuffix(strings.ToLower(strings.Trim(h, "[]")), ".")
}

// forbidHost answers a request for a Host the server does not serve.
func (s *Server) forbidHost(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusForbidden)
	if r.Method != http.MethodHead {
		fmt.Fprintf(w, "guidepost serve does not answer for the host %q: open %s, or restart it with --allow-host NAME to use this name\n", r.Host, s.url)
	}
}
