package layout

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io"
	"reflect"
	"strings"
	"sync"
)

// maxPartialNesting bounds how many renderings of one cached partial
// (same name and variants) may be under way at once. Pages render on a
// few workers, so more can only mean a partial that calls partialCached
// for itself: without a bound it would exhaust the stack and crash the
// build.
const maxPartialNesting = 256

// partialCache holds the output of partialCached for the language being
// rendered: AllPages empties it before each language's pages.
type partialCache struct {
	mu       sync.Mutex
	done     map[partialKey]template.HTML
	inFlight map[partialKey]int
}

// partialKey identifies one cached rendering: the partial's name and its
// variants. Holding the variants also keeps a pointer among them from
// being freed and its address given to another value while cached.
type partialKey struct {
	name     string
	variants [maxVariants]any
}

func (c *partialCache) clear() {
	c.mu.Lock()
	c.done, c.inFlight = nil, nil
	c.mu.Unlock()
}

// partialCached renders the partial name ("footer.html" or
// "partials/footer.html") with data once per language and variants, as
// Hugo's partialCached does, and returns the same HTML to every later
// call: for parts of a page that are the same on many pages (the footer,
// the site's menu, a section's breadcrumbs), which then cost a map lookup
// instead of a template execution. The variants only tell renderings
// apart; the partial sees data alone, so it must not read from data what
// the variants do not determine. Two pages may render the same partial
// at once before it is cached: both get the same HTML.
func (f *Funcs) partialCached(name string, data any, variants ...any) (template.HTML, error) {
	t := f.templates.Load()
	if t == nil {
		return "", errors.New("partialCached: no layouts loaded")
	}
	key, err := newPartialKey(name, variants)
	if err != nil {
		return "", fmt.Errorf("partialCached %q: %w", name, err)
	}
	c := &f.partials
	c.mu.Lock()
	if html, ok := c.done[key]; ok {
		c.mu.Unlock()
		return html, nil
	}
	if c.inFlight == nil {
		c.inFlight = map[partialKey]int{}
	}
	if c.inFlight[key] >= maxPartialNesting {
		c.mu.Unlock()
		return "", fmt.Errorf("partialCached %q calls itself with the same variants without end: give the inner call other variants, or use {{template}}", name)
	}
	c.inFlight[key]++
	c.mu.Unlock()

	var buf bytes.Buffer
	err = t.ExecutePartial(&limitedWriter{&buf}, key.name, data)

	c.mu.Lock()
	defer c.mu.Unlock()
	c.inFlight[key]--
	if err != nil {
		return "", err
	}
	if c.done == nil {
		c.done = map[partialKey]template.HTML{}
	}
	if html, ok := c.done[key]; ok {
		return html, nil // another page rendered it meanwhile
	}
	html := template.HTML(buf.String())
	c.done[key] = html
	return html, nil
}

// partialName is the layout name of a partial given as Hugo names them,
// relative to layouts/partials/, or with the folder.
func partialName(name string) string {
	if strings.HasPrefix(name, partialsDir) {
		return name
	}
	return partialsDir + name
}

// ExecutePartial renders the partial name (e.g. "partials/footer.html")
// with data into w.
func (t *Templates) ExecutePartial(w io.Writer, name string, data any) error {
	if t.base == nil || t.base.Lookup(name) == nil {
		return fmt.Errorf("there is no %s in %s", layoutFile(name), t.stack.Describe())
	}
	return t.base.ExecuteTemplate(w, name, data)
}

// limitedWriter stops a partial that writes without end at MaxPageSize,
// as pageWriter stops a page.
type limitedWriter struct{ buf *bytes.Buffer }

func (w *limitedWriter) Write(p []byte) (int, error) {
	if w.buf.Len()+len(p) > MaxPageSize {
		return 0, errTooLarge
	}
	return w.buf.Write(p)
}

// maxVariants is how many variants partialCached takes after the data.
const maxVariants = 4

// newPartialKey returns the key of partial name with variants: strings,
// numbers and booleans by value, a page or any other pointer by identity
// (the same page is the same pointer throughout a build).
func newPartialKey(name string, variants []any) (partialKey, error) {
	key := partialKey{name: partialName(name)}
	if len(variants) > maxVariants {
		return key, fmt.Errorf("%d variants: give at most %d (join several into one with print)", len(variants), maxVariants)
	}
	for i, v := range variants {
		// The value's own check: a struct of a comparable type may hold
		// a slice in an interface field, which a map key cannot.
		if v != nil && !reflect.ValueOf(v).Comparable() {
			return key, fmt.Errorf("a variant of type %T cannot tell renderings apart: pass a string, number, boolean or page", v)
		}
		key.variants[i] = v
	}
	return key, nil
}
