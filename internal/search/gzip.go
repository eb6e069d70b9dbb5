package search

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"sync"
)

// Packs are gzip-compressed: each entry of a pack (a document's entry, a
// shard) is a gzip member of its own, and a pack is its members one after
// the other, which is itself a valid gzip file. A reader fetches one
// entry as a byte range of its pack and decompresses it alone (the
// browser's DecompressionStream("gzip")); results next to each other in a
// pack come in one range, which the reader cuts into members with the
// manifest's lens. The one document pack of a small site, which its reader
// loads whole, is one member holding the JSON array of its entries, as
// more text in one member compresses better.
//
// Packs are published as p/<n>.gpack: not .json or .gz, which hosts
// compress again or serve with a Content-Encoding (so that browsers
// decompress them before the reader sees their bytes, and byte ranges no
// longer address members), and not an extension a site's own files use,
// as the build fingerprints it (layout's fingerprinted). Hosts serve it as
// application/octet-stream, which none compresses, and a precompressing
// build writes no .gz or .br copies of it. search.js still checks for
// gzip's magic bytes and reads plain JSON too.

// packExt is the extension of pack files.
const packExt = ".gpack"

// gzipLevel is the compression level of packs' members. The index is
// built on every build, and members are small (a document's entry is
// about 1 KB), so a member's fixed cost counts: on the entries of a
// 10,000-page site, BestSpeed compressed to 38.2% of the JSON in a third
// of the time of the default level (35.8%), and levels 4 to 9 gained no
// more than that (docs/benchmarks.md, "Compressed packs").
const gzipLevel = gzip.BestSpeed

var gzipWriters = sync.Pool{New: func() any {
	w, err := gzip.NewWriterLevel(io.Discard, gzipLevel)
	if err != nil {
		panic(err) // gzipLevel is a valid level
	}
	return w
}}

// gzipMember compresses data as one gzip member. Its header carries no
// time or name, so the member depends only on data.
func gzipMember(data []byte) ([]byte, error) {
	var buf bytes.Buffer
	if err := writeMember(&buf, data); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// padMember pads a gzip member as gzipMember writes it (a header of 10
// bytes, no optional fields) to a multiple of unit bytes, with an extra
// field in its header, which gzip readers skip: its flag, its two length
// bytes and that many zeros. The padding is at least 2 bytes, so a member
// one byte short of a multiple gets a unit more.
func padMember(member []byte, unit int) []byte {
	if unit <= 1 || len(member)%unit == 0 {
		return member
	}
	pad := unit - len(member)%unit
	if pad < 2 {
		pad += unit
	}
	out := make([]byte, 0, len(member)+pad)
	out = append(out, member[:10]...)
	out[3] |= 0x04 // FEXTRA
	out = append(out, byte(pad-2), byte((pad-2)>>8))
	out = append(out, make([]byte, pad-2)...)
	return append(out, member[10:]...)
}

// writeMember writes data to w as one gzip member.
func writeMember(w io.Writer, data []byte) error {
	zw := gzipWriters.Get().(*gzip.Writer)
	defer gzipWriters.Put(zw)
	zw.Reset(w) // and its header: no name, time 0
	if _, err := zw.Write(data); err != nil {
		return fmt.Errorf("search: gzip: %w", err)
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("search: gzip: %w", err)
	}
	return nil
}

// gunzipMembers decompresses the gzip members of data, each on its own,
// as a reader of a range of a pack does; data that does not begin with
// the gzip magic bytes is returned as one plain member.
func gunzipMembers(data []byte) ([][]byte, error) {
	if !isGzip(data) {
		return [][]byte{data}, nil
	}
	br := bufio.NewReader(bytes.NewReader(data))
	zr, err := gzip.NewReader(br)
	if err != nil {
		return nil, fmt.Errorf("search: gunzip: %w", err)
	}
	var out [][]byte
	for {
		zr.Multistream(false)
		member, err := io.ReadAll(zr)
		if err != nil {
			return nil, fmt.Errorf("search: gunzip member %d: %w", len(out), err)
		}
		out = append(out, member)
		if err := zr.Reset(br); errors.Is(err, io.EOF) {
			return out, nil
		} else if err != nil {
			return nil, fmt.Errorf("search: gunzip member %d: %w", len(out), err)
		}
	}
}

// gunzip decompresses data, all its members run together; data that is
// not gzip is returned as it is.
func gunzip(data []byte) ([]byte, error) {
	members, err := gunzipMembers(data)
	if err != nil {
		return nil, err
	}
	return bytes.Join(members, nil), nil
}

// isGzip reports whether data begins with the gzip magic bytes.
func isGzip(data []byte) bool {
	return len(data) >= 2 && data[0] == 0x1f && data[1] == 0x8b
}
