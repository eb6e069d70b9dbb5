package devserver

import (
	"bytes"
	_ "embed"
	"hash/fnv"
	"html/template"
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/guidepost/guidepost/internal/build"
	"github.com/guidepost/guidepost/internal/diag"
)

// Paths of the client script and stylesheet injected into pages.
const (
	ClientScriptPath = "/_guidepost/client.js"
	clientStylePath  = "/_guidepost/client.css"
)

var (
	//go:embed client.js
	clientJS []byte
	//go:embed client.css
	clientCSS []byte
)

// ServeHTTP serves the site's last good build, the client script and the
// event stream. Nothing else is served: no file is read from a path the
// request names, and paths that try to leave the site get 404.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Security-Policy", ContentSecurityPolicy)
	if !s.hostAllowed(r.Host) {
		s.forbidHost(w, r)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	switch r.URL.Path {
	case EventsPath:
		s.serveEvents(w, r)
		return
	case ClientScriptPath:
		serveBytes(w, r, "client.js", clientJS)
		return
	case clientStylePath:
		serveBytes(w, r, "client.css", clientCSS)
		return
	case DashboardPath:
		s.serveDashboard(w, r)
		return
	case dashboardCSSPath:
		serveBytes(w, r, "dashboard.css", dashboardCSS)
		return
	case strings.TrimSuffix(DashboardPath, "/"):
		http.Redirect(w, r, DashboardPath, http.StatusFound)
		return
	}
	if encodedSeparator(r.URL.RawPath) {
		s.notFound(w, r)
		return
	}
	p := r.URL.Path
	if s.basePath != "/" && p+"/" == s.basePath || p == "/" && s.basePath != "/" {
		http.Redirect(w, r, s.basePath, http.StatusFound)
		return
	}
	name, ok := s.outputName(p)
	if !ok {
		s.notFound(w, r)
		return
	}
	s.mu.Lock()
	out, errs := s.out, s.errs
	s.mu.Unlock()
	if out == nil {
		s.serveErrorPage(w, r, errs)
		return
	}
	data, ok := s.page(out, name)
	if !ok {
		if path.Ext(name) == "" {
			if _, ok := s.page(out, name+"/index.html"); ok {
				target := p + "/"
				if r.URL.RawQuery != "" {
					target += "?" + r.URL.RawQuery
				}
				http.Redirect(w, r, target, http.StatusMovedPermanently)
				return
			}
		}
		s.notFound(w, r)
		return
	}
	ctype := contentType(name)
	if strings.HasPrefix(ctype, "text/html") {
		data = inject(data)
	}
	w.Header().Set("Content-Type", ctype)
	serveBytes(w, r, name, data)
}

// serveBytes answers with data, never cached without asking again.
func serveBytes(w http.ResponseWriter, r *http.Request, name string, data []byte) {
	h := w.Header()
	if h.Get("Content-Type") == "" {
		h.Set("Content-Type", contentType(name))
	}
	h.Set("Cache-Control", "no-cache")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("ETag", `"`+pageHash(data)+`"`)
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(data))
}

// encodedSeparator reports whether an escaped path hides a slash, a
// backslash or a NUL byte (%2F, %5C, %00): a file name never holds one.
func encodedSeparator(raw string) bool {
	raw = strings.ToLower(raw)
	return strings.Contains(raw, "%2f") || strings.Contains(raw, "%5c") || strings.Contains(raw, "%00")
}

// outputName maps a URL path to the name of an output file, e.g.
// "/guidance/india/" → "guidance/india/index.html". ok is false for a path
// outside the site's base path or one that climbs out of it.
func (s *Server) outputName(p string) (string, bool) {
	if p == "" || p[0] != '/' || strings.ContainsAny(p, "\\\x00") {
		return "", false
	}
	for _, seg := range strings.Split(p, "/") {
		if seg == "." || seg == ".." {
			return "", false
		}
	}
	if !strings.HasPrefix(p, s.basePath) {
		return "", false
	}
	rel := p[len(s.basePath):]
	if strings.HasPrefix(rel, "/") || strings.Contains(rel, "//") {
		return "", false
	}
	if rel == "" || strings.HasSuffix(rel, "/") {
		rel += "index.html"
	}
	return rel, true
}

// urlOf is the URL path of an output file: the reverse of outputName.
func (s *Server) urlOf(name string) string {
	return s.basePath + strings.TrimSuffix(name, "index.html")
}

// page returns an output file's content.
func (s *Server) page(out *build.Output, name string) ([]byte, bool) {
	if out == nil {
		return nil, false
	}
	return out.Get(name)
}

// pageHash identifies a version of a file.
func pageHash(data []byte) string {
	h := fnv.New64a()
	h.Write(data)
	return strconv.FormatUint(h.Sum64(), 36)
}

// notFound answers 404 with the site's 404 page, which also carries the
// client script: the page reloads when the missing page is written.
func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	out := s.out
	s.mu.Unlock()
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(http.StatusNotFound)
	if r.Method == http.MethodHead {
		return
	}
	// The version of a missing page is that of an empty one: a browser
	// that reconnects after the page was written reloads.
	if data, ok := s.page(out, "404.html"); ok {
		w.Write(injectFor(data, []byte{}))
		return
	}
	w.Write(injectFor([]byte("<!doctype html><title>Not found</title><h1>Not found</h1></html>"), []byte{}))
}

var errorPage = template.Must(template.New("").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>The site does not build yet</title></head>
<body><main><h1>The site does not build yet</h1>
<p>Fix these problems; the page reloads by itself once the site builds.</p>
<ul>{{range .}}<li><code>{{.String}}</code></li>{{end}}</ul></main></body></html>
`))

// serveErrorPage answers while no build has succeeded yet.
func (s *Server) serveErrorPage(w http.ResponseWriter, r *http.Request, errs diag.List) {
	var buf bytes.Buffer
	errorPage.Execute(&buf, errs)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	w.WriteHeader(http.StatusInternalServerError)
	if r.Method != http.MethodHead {
		w.Write(injectFor(buf.Bytes(), nil))
	}
}

// inject adds the client script to a page, before </body>. Its data-v
// attribute identifies the version of the page, so a browser that
// reconnects learns whether it missed a change.
func inject(page []byte) []byte { return injectFor(page, page) }

// injectFor injects the script with the version of another page; a nil
// version marks the page shown while the site does not build, which
// reloads as soon as it does.
func injectFor(page, version []byte) []byte {
	attr := ` data-error="1"`
	if version != nil {
		attr = ` data-v="` + pageHash(version) + `"`
	}
	tag := `<script src="` + ClientScriptPath + `"` + attr + ` defer></script>`
	i := bytes.LastIndex(bytes.ToLower(page), []byte("</body>"))
	if i < 0 {
		i = len(page)
	}
	out := make([]byte, 0, len(page)+len(tag)+1)
	out = append(out, page[:i]...)
	out = append(out, tag...)
	out = append(out, '\n')
	return append(out, page[i:]...)
}

// contentTypes are the types of the files a site publishes, fixed here so
// they do not depend on the system's MIME tables.
var contentTypes = map[string]string{
	".html":        "text/html; charset=utf-8",
	".css":         "text/css; charset=utf-8",
	".js":          "text/javascript; charset=utf-8",
	".mjs":         "text/javascript; charset=utf-8",
	".json":        "application/json",
	".wasm":        "application/wasm",
	".svg":         "image/svg+xml",
	".xml":         "application/xml; charset=utf-8",
	".txt":         "text/plain; charset=utf-8",
	".png":         "image/png",
	".jpg":         "image/jpeg",
	".jpeg":        "image/jpeg",
	".gif":         "image/gif",
	".webp":        "image/webp",
	".avif":        "image/avif",
	".ico":         "image/x-icon",
	".pdf":         "application/pdf",
	".woff":        "font/woff",
	".woff2":       "font/woff2",
	".webmanifest": "application/manifest+json",
}

func contentType(name string) string {
	ext := strings.ToLower(path.Ext(name))
	if t, ok := contentTypes[ext]; ok {
		return t
	}
	if t := mime.TypeByExtension(ext); t != "" {
		return t
	}
	return "application/octet-stream"
}
