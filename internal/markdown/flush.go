package markdown

import (
	"maps"
	"os"
	"slices"
)

// Flush writes the blocks highlighted since the last Flush as a new
// segment and keeps the folder under its size limit: it deletes the
// oldest segments, after copying into the new one the entries this
// process read from them, and merges small segments when there are more
// than 16. Call it once a build is done (a build that highlighted nothing
// new and is under the limit writes nothing). Blocks highlighted but not
// flushed are only lost to later builds.
func (c *HighlightCache) Flush() error {
	if c == nil {
		return nil
	}
	c.flushMu.Lock()
	defer c.flushMu.Unlock()
	return c.flushLocked()
}

// flushLocked is Flush with c.flushMu held.
func (c *HighlightCache) flushLocked() error {
	pending, hits := c.takePending()
	remove, merge := c.planEviction(listSegments(c.dir), pending)
	entries := carryOver(pending, hits, remove, merge)
	entries = capEntries(entries, c.max)

	if len(entries) == 0 && len(remove) == 0 {
		return nil // nothing new, nothing to evict: the loaded index stays valid
	}
	var written string
	if len(entries) > 0 {
		var err error
		if written, err = writeSegment(c.dir, entries); err != nil {
			return err // nothing removed: the old segments still serve
		}
	}
	for p := range remove {
		os.Remove(p) // may be gone already, removed by a concurrent build
	}
	c.repoint(entries, written)
	return nil
}

// takePending takes the entries waiting to be written, and a copy of
// which segment each block this process read came from.
func (c *HighlightCache) takePending() ([]cacheEntry, map[diskKey]string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	pending := c.pending
	c.pending, c.inPend, c.pendSize = nil, nil, 0
	return pending, maps.Clone(c.hits)
}

// planEviction decides, for segs (oldest first) and the pending entries,
// which segments to remove so that all fits in the size bound, and which
// of those kept to merge into the new segment.
func (c *HighlightCache) planEviction(segs []segInfo, pending []cacheEntry) (remove map[string]bool, merge []segInfo) {
	total := int64(len(segMagic) + footerSize)
	for _, e := range pending {
		total += recordSize(len(e.html))
	}
	for _, s := range segs {
		total += s.size
	}
	remove = map[string]bool{}
	var keep []segInfo
	for _, s := range segs {
		if total > c.max {
			remove[s.path] = true
			total -= s.size
			continue
		}
		keep = append(keep, s)
	}
	return remove, mergeCandidates(keep, c.max)
}

// carryOver returns the entries of the new segment: the pending ones,
// then those of segments about to go that this process read (still in
// use: they survive their segment, read again from it, which is deleted
// only after the new one is written), then every entry of the segments
// to merge, which join remove.
func carryOver(pending []cacheEntry, hits map[diskKey]string, remove map[string]bool, merge []segInfo) []cacheEntry {
	entries := pending
	seen := make(map[diskKey]bool, len(pending))
	for _, e := range pending {
		seen[e.key] = true
	}
	add := func(k diskKey, html string) {
		if !seen[k] {
			seen[k] = true
			entries = append(entries, cacheEntry{k, html})
		}
	}
	for path := range remove {
		copySegment(path, func(k diskKey) bool { return hits[k] == path }, add)
	}
	for _, s := range merge {
		copySegment(s.path, func(diskKey) bool { return true }, add)
		remove[s.path] = true
	}
	return entries
}

// repoint forgets the loaded index, and records that the blocks this
// process read that are among entries are now in the segment written.
func (c *HighlightCache) repoint(entries []cacheEntry, written string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.unloadLocked()
	for _, e := range entries {
		if _, ok := c.hits[e.key]; ok {
			c.hits[e.key] = written
		}
	}
}

// copySegment passes to add the valid entries of the segment at path
// that want accepts. A segment that cannot be read adds nothing: its
// blocks are only highlighted again.
func copySegment(path string, want func(diskKey) bool, add func(diskKey, string)) {
	seg, idx, err := openSegment(path)
	if err != nil {
		return
	}
	defer seg.f.Close()
	for _, e := range idx {
		if !want(e.key) {
			continue
		}
		if html, ok := e.loc.read(); ok {
			add(e.key, html)
		}
	}
}

// mergeCandidates returns the small segments to merge when there are more
// than maxSegments: the smallest, until smallSegments remain.
func mergeCandidates(segs []segInfo, max int64) []segInfo {
	if len(segs) <= maxSegments {
		return nil
	}
	bySize := slices.Clone(segs)
	slices.SortFunc(bySize, func(a, b segInfo) int {
		switch {
		case a.size < b.size:
			return -1
		case a.size > b.size:
			return 1
		}
		return 0
	})
	var out []segInfo
	for _, s := range bySize[:len(bySize)-smallSegments] {
		if s.size < max/maxSegments {
			out = append(out, s)
		}
	}
	return out
}

// capEntries drops the last entries beyond what fits in a segment of max
// bytes.
func capEntries(entries []cacheEntry, max int64) []cacheEntry {
	size := int64(len(segMagic) + footerSize)
	for i, e := range entries {
		size += recordSize(len(e.html))
		if size > max {
			return entries[:i]
		}
	}
	return entries
}
