package build

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"math/bits"
	"path"
	"sort"
	"strings"

	"github.com/andybalholm/brotli"

	"github.com/guidepost/guidepost/internal/engine"
	"github.com/guidepost/guidepost/internal/layout"
)

// compressible are the kinds of file a precompressing build writes .br
// and .gz copies of: text, and the decision engine.
var compressible = map[string]bool{
	".html": true, ".css": true, ".js": true, ".json": true, ".xml": true,
	".svg": true, ".txt": true, ".wasm": true, ".webmanifest": true,
}

// minCompress is the smallest file worth compressing: below it, the
// headers of the compressed copy cost about what it saves.
const minCompress = 512

// precompress is a layout.Sink that writes, beside each text file it is
// given, name.br and name.gz for hosts that serve precompressed files
// (nginx gzip_static and brotli_static, Caddy precompressed, most CDNs).
// A copy that is not smaller than the file is not written.
type precompress struct{ layout.Sink }

func (p precompress) WriteFile(name string, data []byte) error {
	if err := p.Sink.WriteFile(name, data); err != nil {
		return err
	}
	if !compressible[path.Ext(name)] || len(data) < minCompress {
		return nil
	}
	br, err := brotliOf(name, data)
	if err != nil {
		return fmt.Errorf("compress %s: %w", name, err)
	}
	gz, err := gzipOf(data)
	if err != nil {
		return fmt.Errorf("compress %s: %w", name, err)
	}
	for _, c := range []struct {
		ext  string
		data []byte
	}{{".br", br}, {".gz", gz}} {
		if len(c.data) < len(data) {
			if err := p.Sink.WriteFile(name+c.ext, c.data); err != nil {
				return err
			}
		}
	}
	return nil
}

// brotliOf compresses a file with brotli: the decision engine comes
// compressed at the best quality with the binary; fingerprinted assets,
// cached by readers for a year, at quality 9; pages at 5, which is fast.
func brotliOf(name string, data []byte) ([]byte, error) {
	if path.Ext(name) == ".wasm" && bytes.Equal(data, engine.Wasm()) {
		return engine.WasmBrotli(), nil
	}
	quality := 5
	if isFingerprinted(name) {
		quality = 9
	}
	var buf bytes.Buffer
	w := brotli.NewWriterOptions(&buf, brotli.WriterOptions{Quality: quality, LGWin: brotliWindow(len(data))})
	if _, err := w.Write(data); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// brotliWindow is the base-2 logarithm of the smallest brotli window
// (from 2^10 to the default 2^22 bytes) that holds n bytes: a window
// larger than the file finds no more matches, and the encoder's tables
// grow with it. With the default window, the writers compressing a
// 12-page site at once peaked at 228 MB against 29 MB without
// --precompress.
func brotliWindow(n int) int {
	return min(max(bits.Len(uint(n)), 10), 22)
}

func gzipOf(data []byte) ([]byte, error) {
	var buf bytes.Buffer
	w, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	if _, err := w.Write(data); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// isFingerprinted reports whether an output file's name holds a content
// hash (css/site.1a2b3c4d5e.css), so it never changes under its name.
func isFingerprinted(name string) bool {
	base := strings.TrimSuffix(path.Base(name), path.Ext(name))
	i := strings.LastIndexByte(base, '.')
	if i < 0 || len(base)-i-1 != 10 {
		return false
	}
	for _, r := range base[i+1:] {
		if !strings.ContainsRune("0123456789abcdef", r) {
			return false
		}
	}
	return true
}

// HeadersName is the file a precompressing build writes for hosts that
// read response headers from the site (Netlify, Cloudflare Pages).
const HeadersName = "_headers"

// headersFile returns the _headers file: every fingerprinted asset may be
// cached for a year, as its name changes with its content; and every page
// is sent with the headers the site's pages assume.
func headersFile(basePath string, assetURLs []string) []byte {
	var b strings.Builder
	b.WriteString("# Written by guidepost build --precompress. Fingerprinted files change name\n")
	b.WriteString("# when they change, so readers may keep them for a year.\n")
	urls := append([]string(nil), assetURLs...)
	sort.Strings(urls)
	for _, u := range urls {
		if isFingerprinted(u) {
			fmt.Fprintf(&b, "%s%s\n  Cache-Control: public, max-age=31536000, immutable\n", strings.TrimSuffix(basePath, "/"), u)
		}
	}
	fmt.Fprintf(&b, "%s*\n  X-Content-Type-Options: nosniff\n  Referrer-Policy: no-referrer\n", basePath)
	return []byte(b.String())
}
