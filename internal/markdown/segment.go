package markdown

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// A segment file holds highlight cache entries:
//
//	"GPHLSEG1"
//	records:  sha256(payload) [32] | payload            (one per entry)
//	index:    key [32] | record offset [8] | payload length [4]   (one per entry)
//	footer:   index offset [8] | entry count [4] | sha256(index) [32] | "GPHLEND1"
//
// Integers are little-endian. A reader checks the footer and the index
// checksum when it opens a segment, and each record's checksum when it
// reads the record.
var (
	segMagic = []byte("GPHLSEG1")
	segEnd   = []byte("GPHLEND1")
)

const (
	segExt        = ".ghc"
	tmpPrefix     = ".tmp-"
	indexEntry    = sha256.Size + 8 + 4
	footerSize    = 8 + 4 + sha256.Size + 8
	recordHeader  = sha256.Size
	staleTemp     = time.Hour // age after which Flush removes a temporary file left by a crash
	maxSegments   = 16        // more segments than this are merged
	smallSegments = 8         // ... keeping at most this many small ones
)

// recordSize is the bytes an entry with a payload of n bytes takes in a
// segment.
func recordSize(n int) int64 { return int64(recordHeader + n + indexEntry) }

// segment is an open segment file.
type segment struct {
	path string
	f    *os.File
}

// entryLoc is where an entry's record lies.
type entryLoc struct {
	seg *segment
	off int64
	n   uint32
}

type indexed struct {
	key diskKey
	loc entryLoc
}

// read returns the record's payload when its checksum matches.
func (l entryLoc) read() (string, bool) {
	buf := make([]byte, recordHeader+int(l.n))
	if _, err := l.seg.f.ReadAt(buf, l.off); err != nil {
		return "", false
	}
	sum := sha256.Sum256(buf[recordHeader:])
	if !bytes.Equal(sum[:], buf[:recordHeader]) {
		return "", false
	}
	return string(buf[recordHeader:]), true
}

// openSegment opens the segment at path and reads its index.
func openSegment(path string) (*segment, []indexed, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	entries, err := readIndex(f)
	if err != nil {
		f.Close()
		return nil, nil, fmt.Errorf("highlight cache segment %s: %w", filepath.Base(path), err)
	}
	seg := &segment{path: path, f: f}
	for i := range entries {
		entries[i].loc.seg = seg
	}
	return seg, entries, nil
}

var errBadSegment = errors.New("not a valid segment")

func readIndex(f *os.File) ([]indexed, error) {
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	size := info.Size()
	if size < int64(len(segMagic)+footerSize) {
		return nil, errBadSegment
	}
	foot := make([]byte, footerSize)
	if _, err := f.ReadAt(foot, size-footerSize); err != nil {
		return nil, err
	}
	if !bytes.Equal(foot[footerSize-len(segEnd):], segEnd) {
		return nil, errBadSegment
	}
	idxOff := int64(binary.LittleEndian.Uint64(foot[0:8]))
	count := int64(binary.LittleEndian.Uint32(foot[8:12]))
	if idxOff < int64(len(segMagic)) || idxOff+count*indexEntry+footerSize != size {
		return nil, errBadSegment
	}
	idx := make([]byte, count*indexEntry)
	if _, err := f.ReadAt(idx, idxOff); err != nil {
		return nil, err
	}
	if sum := sha256.Sum256(idx); !bytes.Equal(sum[:], foot[12:12+sha256.Size]) {
		return nil, errBadSegment
	}
	head := make([]byte, len(segMagic))
	if _, err := f.ReadAt(head, 0); err != nil || !bytes.Equal(head, segMagic) {
		return nil, errBadSegment
	}
	out := make([]indexed, 0, count)
	for b := idx; len(b) >= indexEntry; b = b[indexEntry:] {
		var e indexed
		copy(e.key[:], b)
		e.loc.off = int64(binary.LittleEndian.Uint64(b[sha256.Size:]))
		e.loc.n = binary.LittleEndian.Uint32(b[sha256.Size+8:])
		if e.loc.off < int64(len(segMagic)) || e.loc.off+recordHeader+int64(e.loc.n) > idxOff {
			return nil, errBadSegment
		}
		out = append(out, e)
	}
	return out, nil
}

// writeSegment writes entries as a new segment in dir: to a temporary
// file, renamed into place once complete.
func writeSegment(dir string, entries []cacheEntry) (string, error) {
	f, err := os.CreateTemp(dir, tmpPrefix+"*")
	if err != nil {
		return "", err
	}
	fail := func(err error) (string, error) {
		f.Close()
		os.Remove(f.Name())
		return "", err
	}
	w := bufio.NewWriterSize(f, 256<<10)
	off := int64(0)
	write := func(b []byte) {
		n, _ := w.Write(b) // the error is sticky: Flush reports it
		off += int64(n)
	}
	write(segMagic)
	idx := make([]byte, 0, len(entries)*indexEntry)
	for _, e := range entries {
		sum := sha256.Sum256([]byte(e.html))
		idx = append(idx, e.key[:]...)
		idx = binary.LittleEndian.AppendUint64(idx, uint64(off))
		idx = binary.LittleEndian.AppendUint32(idx, uint32(len(e.html)))
		write(sum[:])
		n, _ := io.WriteString(w, e.html)
		off += int64(n)
	}
	idxOff := off
	write(idx)
	foot := binary.LittleEndian.AppendUint64(nil, uint64(idxOff))
	foot = binary.LittleEndian.AppendUint32(foot, uint32(len(entries)))
	sum := sha256.Sum256(idx)
	foot = append(append(foot, sum[:]...), segEnd...)
	write(foot)
	if err := w.Flush(); err != nil {
		return fail(err)
	}
	if err := f.Close(); err != nil {
		os.Remove(f.Name())
		return "", err
	}
	final := filepath.Join(dir, fmt.Sprintf("seg-%d-%s%s", time.Now().UnixNano(), strings.TrimPrefix(filepath.Base(f.Name()), tmpPrefix), segExt))
	if err := os.Rename(f.Name(), final); err != nil {
		os.Remove(f.Name())
		return "", err
	}
	return final, nil
}

// segInfo describes a segment file in the folder.
type segInfo struct {
	path string
	size int64
	mod  time.Time
}

// listSegments returns the segments in dir, oldest first, and removes
// temporary files left behind by crashed builds.
func listSegments(dir string) []segInfo {
	des, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	var out []segInfo
	for _, d := range des {
		info, err := d.Info()
		if err != nil || !info.Mode().IsRegular() {
			continue
		}
		p := filepath.Join(dir, d.Name())
		switch {
		case strings.HasPrefix(d.Name(), tmpPrefix):
			if time.Since(info.ModTime()) > staleTemp {
				os.Remove(p)
			}
		case strings.HasSuffix(d.Name(), segExt):
			out = append(out, segInfo{p, info.Size(), info.ModTime()})
		}
	}
	sortSegments(out)
	return out
}

func sortSegments(s []segInfo) {
	slices.SortFunc(s, func(a, b segInfo) int {
		if older(a, b) {
			return -1
		}
		if older(b, a) {
			return 1
		}
		return 0
	})
}

func older(a, b segInfo) bool {
	if !a.mod.Equal(b.mod) {
		return a.mod.Before(b.mod)
	}
	return a.path < b.path
}
