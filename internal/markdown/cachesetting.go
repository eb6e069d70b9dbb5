package markdown

import "sync/atomic"

// defaultHighlightCache is the cache of Renderers whose Options name none.
var defaultHighlightCache atomic.Pointer[HighlightCache]

// UseHighlightCache makes c the persistent highlight cache of every
// Renderer that New makes afterwards without Options.HighlightCache; nil
// (the initial setting) means no persistent cache. A command calls it once
// at start-up, e.g. UseHighlightCache(DefaultHighlightCache()).
func UseHighlightCache(c *HighlightCache) { defaultHighlightCache.Store(c) }
