package search

import (
	"encoding/json"
	"fmt"
	"path"
	"strings"
	"testing"
)

// manifestFields are the manifest's fields search.js reads, and the JSON
// type each must have.
var manifestFields = map[string]string{
	"v": "number", "docs": "number", "minPrefix": "number", "lensUnit": "number",
	"docPacks": "array", "files": "array", "jurisdictions": "array",
	"lens": "string", "tags": "string", "stop": "string", "fold": "string",
	"shards": "object",
}

// TestManifestHasEveryField builds the index of sites that use none of
// the optional parts — no jurisdictions, no documents, names kept or
// fingerprinted — and expects every field search.js reads, empty when
// unused: a site whose pages set no jurisdictions had no "jurisdictions"
// key, and its search page failed on every query.
func TestManifestHasEveryField(t *testing.T) {
	fingerprint := func(name string, data []byte) string {
		ext := path.Ext(name)
		return strings.TrimSuffix(name, ext) + fmt.Sprintf(".%04x", len(data)) + ext
	}
	plain := []Doc{{URL: "/a/", Title: "Consent"}, {URL: "/b/", Title: "Backups"}}
	tests := []struct {
		name string
		docs []Doc
		opts Options
		// empty are the fields that must be empty
		empty []string
	}{
		{"no jurisdictions", plain, Options{}, []string{"jurisdictions", "files", "tags"}},
		{"no documents", nil, Options{}, []string{"jurisdictions", "files", "tags", "shards", "docPacks", "lens"}},
		{"fingerprinted names", plain, Options{Name: fingerprint}, []string{"jurisdictions", "files"}},
		{"a file per document", plain, Options{PackBytes: 1, Name: func(name string, _ []byte) string { return "x/" + name }}, []string{"jurisdictions", "tags"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			idx := mustBuild(t, tt.docs, tt.opts)
			files := idx.Files
			if tt.opts.Name != nil {
				files = publish(idx, tt.opts.Name)
			}
			var m map[string]any
			if err := json.Unmarshal(files[ManifestName], &m); err != nil {
				t.Fatal(err)
			}
			for key, want := range manifestFields {
				if got := jsonType(m[key]); got != want {
					t.Errorf("%q is %s, want %s: %s", key, got, want, files[ManifestName])
				}
			}
			for _, key := range tt.empty {
				if !emptyJSON(m[key]) {
					t.Errorf("%q is %v, want it empty", key, m[key])
				}
			}
			// The reader still finds every document.
			r := newPublishedReader(t, files)
			for id, d := range tt.docs {
				if got := r.meta(id).URL; got != d.URL {
					t.Errorf("document %d is %s, want %s", id, got, d.URL)
				}
			}
		})
	}
}

// jsonType names the JSON type of a decoded value; a missing key and
// null are "missing".
func jsonType(v any) string {
	switch v.(type) {
	case float64:
		return "number"
	case string:
		return "string"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	case bool:
		return "boolean"
	}
	return "missing"
}

func emptyJSON(v any) bool {
	switch v := v.(type) {
	case string:
		return v == ""
	case []any:
		return len(v) == 0
	case map[string]any:
		return len(v) == 0
	}
	return false
}
