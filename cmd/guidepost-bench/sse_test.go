package main

import (
	"strings"
	"testing"
	"time"
)

func TestReadEvents(t *testing.T) {
	tests := []struct {
		name   string
		stream string
		want   []sseEvent
	}{
		{"retry, comment and two events",
			"retry: 1000\n\n: ping\n\nevent: ok\ndata: {}\n\nevent: reload\ndata: {\"paths\":[\"/s05/p00500/\"]}\n\n",
			[]sseEvent{{name: "ok", data: "{}"}, {name: "reload", data: `{"paths":["/s05/p00500/"]}`}}},
		{"event without a final blank line is not complete",
			"event: ok\ndata: {}\n\nevent: reload\ndata: {}\n",
			[]sseEvent{{name: "ok", data: "{}"}}},
		{"data split over lines",
			"event: error\ndata: {\"a\":\ndata: 1}\n\n",
			[]sseEvent{{name: "error", data: `{"a":1}`}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ch := make(chan sseEvent, 10)
			readEvents(strings.NewReader(tt.stream), ch)
			close(ch)
			var got []sseEvent
			for e := range ch {
				if e.at.IsZero() {
					t.Errorf("event %q has no arrival time", e.name)
				}
				e.at = time.Time{}
				got = append(got, e)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %d events %+v, want %+v", len(got), got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("event %d = %+v, want %+v", i, got[i], tt.want[i])
				}
			}
		})
	}
}

func TestWaitServing(t *testing.T) {
	log := "23:01:02 built 1043 pages in 812 ms\nserving /tmp/site at http://127.0.0.1:40123/ (Ctrl-C to stop)\n"
	got, err := waitServing(strings.NewReader(log), time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if got != "http://127.0.0.1:40123/" {
		t.Errorf("base URL = %q", got)
	}
	if _, err := waitServing(strings.NewReader("guidepost serve: listen: address in use\n"), time.Second); err == nil {
		t.Error("a server that stopped before serving gave no error")
	}
}
