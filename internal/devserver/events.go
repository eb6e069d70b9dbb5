package devserver

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/guidepost/guidepost/internal/diag"
)

// EventsPath is where browsers listen for Server-Sent Events.
const EventsPath = "/_guidepost/events"

// Events sent to browsers. Each carries a JSON object.
const (
	// EventReload: {"paths": [...]} — pages whose HTML changed; a browser
	// showing one of them reloads it. {"all": true}: every page reloads.
	EventReload = "reload"
	// EventCSS: {"changes": [{"old": "/css/site.1a.css", "new": "/css/site.2b.css"}]}
	// — stylesheets to swap without reloading.
	EventCSS = "css"
	// EventError: {"diagnostics": [{"file", "line", "col", "message", "text"}]}
	// — the build failed; the last good build, if any, is still served.
	EventError = "error"
	// EventOK: {} — the site builds; clear any error overlay.
	EventOK = "ok"
)

// event is one Server-Sent Event.
type event struct {
	name string
	data []byte
}

func newEvent(name string, v any) event {
	data, err := json.Marshal(v)
	if err != nil {
		panic("devserver: encode event: " + err.Error()) // only fixed types are encoded
	}
	return event{name: name, data: data}
}

type reloadData struct {
	Paths []string `json:"paths,omitempty"`
	All   bool     `json:"all,omitempty"`
}

type cssChange struct {
	Old string `json:"old"`
	New string `json:"new"`
}

type cssData struct {
	Changes []cssChange `json:"changes"`
}

type diagJSON struct {
	File    string `json:"file"`
	Line    int    `json:"line,omitempty"`
	Col     int    `json:"col,omitempty"`
	Message string `json:"message"`
	Text    string `json:"text"` // file:line: message
}

type errorData struct {
	Diagnostics []diagJSON `json:"diagnostics"`
}

func errorEvent(diags diag.List) event {
	d := errorData{Diagnostics: []diagJSON{}}
	for _, x := range diags {
		d.Diagnostics = append(d.Diagnostics, diagJSON{File: x.File, Line: x.Line, Col: x.Col, Message: x.Message, Text: x.String()})
	}
	return newEvent(EventError, d)
}

// hub holds the browsers listening for events.
type hub struct {
	mu      sync.Mutex
	clients map[*client]bool
}

// client is one browser tab's event stream.
type client struct {
	page string // output path of the page it shows, "" when unknown
	ch   chan event
}

func newHub() *hub { return &hub{clients: map[*client]bool{}} }

func (h *hub) add(c *client) {
	h.mu.Lock()
	h.clients[c] = true
	h.mu.Unlock()
}

func (h *hub) drop(c *client) {
	h.mu.Lock()
	delete(h.clients, c)
	h.mu.Unlock()
}

// send queues an event for every client. A client too slow to keep up
// loses its stream; its browser reconnects and catches up.
func (h *hub) send(ev event) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for c := range h.clients {
		select {
		case c.ch <- ev:
		default:
			delete(h.clients, c)
			close(c.ch)
		}
	}
}

// pages returns the output paths of the pages browsers show.
func (h *hub) pages() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	seen := map[string]bool{}
	var out []string
	for c := range h.clients {
		if c.page != "" && !seen[c.page] {
			seen[c.page] = true
			out = append(out, c.page)
		}
	}
	return out
}

// count returns how many browsers listen.
func (h *hub) count() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.clients)
}

// writeEvent writes one event in the text/event-stream format.
func writeEvent(w http.ResponseWriter, ev event) error {
	_, err := fmt.Fprintf(w, "event: %s\ndata: %s\n\n", ev.name, ev.data)
	return err
}

// serveEvents streams events to a browser. The query names the page it
// shows (path) and a hash of the HTML it got (v); when that page changed
// while the browser was away, a reload event comes first, so a browser
// that reconnects after a restart or a lost connection catches up.
func (s *Server) serveEvents(w http.ResponseWriter, r *http.Request) {
	rc := http.NewResponseController(w)
	h := w.Header()
	h.Set("Content-Type", "text/event-stream; charset=utf-8")
	h.Set("Cache-Control", "no-cache")
	h.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	c := &client{ch: make(chan event, 32)}
	if name, ok := s.outputName(r.URL.Query().Get("path")); ok {
		c.page = name
	}
	fmt.Fprintf(w, "retry: %d\n\n", reconnectMillis)
	s.mu.Lock()
	s.hub.add(c) // under s.mu, so no build's events slip between the state below and the stream
	first := s.stateEvents(c.page, r.URL.Query().Get("v"))
	s.mu.Unlock()
	defer s.hub.drop(c)
	for _, ev := range first {
		if writeEvent(w, ev) != nil {
			return
		}
	}
	if rc.Flush() != nil {
		return
	}
	beat := time.NewTicker(s.heartbeat)
	defer beat.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-s.closing:
			return
		case ev, ok := <-c.ch:
			if !ok {
				return
			}
			if writeEvent(w, ev) != nil {
				return
			}
		case <-beat.C:
			// A comment keeps proxies and idle timeouts from closing the stream.
			if _, err := fmt.Fprint(w, ": ping\n\n"); err != nil {
				return
			}
		}
		if rc.Flush() != nil {
			return
		}
	}
}

// reconnectMillis is how soon a browser reconnects after losing the stream.
const reconnectMillis = 1000

// stateEvents are the events a browser gets when it connects: the build's
// errors or ok, and a reload when the page it shows changed since it was
// served (hash v). s.mu must be held.
func (s *Server) stateEvents(page, v string) []event {
	var out []event
	if s.errs != nil {
		out = append(out, errorEvent(s.errs))
	} else {
		out = append(out, newEvent(EventOK, struct{}{}))
	}
	if page != "" && v != "" && s.out != nil {
		data, _ := s.page(s.out, page)
		if pageHash(data) != v {
			out = append(out, newEvent(EventReload, reloadData{Paths: []string{s.urlOf(page)}}))
		}
	}
	return out
}
