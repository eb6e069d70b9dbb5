package markdown

import (
	"bytes"
	"crypto/sha256"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// codeRenderer writes fenced code in a known language highlighted by
// chroma with CSS classes (never inline styles):
//
//	<div class="highlight"><pre class="chroma" tabindex="0"><code class="language-go" data-lang="go">…</code></pre></div>
//
// Fences with an unknown or no language, and indented code, become a plain
// escaped <pre tabindex="0"><code>. tabindex lets keyboard users scroll
// wide code. A block met a second time (shared by pages, or re-rendered by
// the dev server) is kept in memory by (language, code), so it is lexed at
// most twice; with a HighlightCache, also across builds. A block met once,
// as most are in a build, is not kept: a copy of every block would add a
// tenth to a build's peak memory.
type codeRenderer struct {
	formatter *chromahtml.Formatter
	seen      sync.Map        // codeKey -> struct{}: blocks highlighted once
	cache     sync.Map        // codeKey -> highlighted
	cached    atomic.Int64    // bytes of HTML in cache
	memLimit  int64           // bound on cached, memCacheBytes but in tests
	disk      *HighlightCache // nil: none
}

// memCacheBytes bounds the HTML the in-memory cache keeps. Past it, new
// blocks are not kept: most blocks appear on one page, so keeping them all
// would hold a copy of every block for the Renderer's life (85 MB for a
// 10,000-page site), and the disk cache serves repeats almost as fast.
const memCacheBytes = 8 << 20

type codeKey [sha256.Size]byte

// langName matches what can be a language name in a fence's info string.
var langName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_+#.-]*$`)

// highlighted is a cached result; ok is false when the language has no
// lexer or lexing failed, so the plain form is written.
type highlighted struct {
	html string
	ok   bool
}

// noPre makes chroma write only the highlighted lines; the renderer writes
// the surrounding elements itself.
type noPre struct{}

func (noPre) Start(bool, string) string { return "" }
func (noPre) End(bool) string           { return "" }

// newCodeRenderer returns a codeRenderer backed by disk, which may be nil.
// Changing the formatter's options or lex requires a new highlightFormat.
func newCodeRenderer(disk *HighlightCache) *codeRenderer {
	return &codeRenderer{disk: disk, memLimit: memCacheBytes, formatter: chromahtml.New(
		chromahtml.WithClasses(true),
		chromahtml.WithPreWrapper(noPre{}),
	)}
}

// RegisterFuncs implements renderer.NodeRenderer.
func (r *codeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindFencedCodeBlock, r.renderFenced)
	reg.Register(ast.KindCodeBlock, r.renderIndented)
}

func (r *codeRenderer) renderFenced(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.FencedCodeBlock)
	lang := string(unescapeText(n.Language(src)))
	if !langName.MatchString(lang) {
		lang = "" // e.g. "{.class}": an attribute, not a language
	}
	code := codeText(n, src)
	if _, plain := n.AttributeString(plainAttr); lang != "" && !plain {
		if h := r.highlight(lang, code); h.ok {
			_, _ = w.WriteString(`<div class="highlight"><pre class="chroma" tabindex="0"><code`)
			writeAttr(w, "class", "language-"+lang)
			writeAttr(w, "data-lang", lang)
			_ = w.WriteByte('>')
			_, _ = w.WriteString(h.html)
			_, _ = w.WriteString("</code></pre></div>\n")
			return ast.WalkSkipChildren, nil
		}
	}
	writePlainCode(w, lang, code)
	return ast.WalkSkipChildren, nil
}

// maxHighlighted bounds the code one page has highlighted, in bytes of
// fenced code with a language. chroma allocates about 2 MB and takes 3 to
// 5 ms per KB of code: 2 MB of code took 7 s and 3 GB. Blocks past the
// bound are written plain, as code in an unknown language is.
const maxHighlighted = 128 << 10

// plainAttr marks a fenced code block written without highlighting. It is
// never written to the page: renderFenced writes its own attributes.
const plainAttr = "guidepost-plain"

// limitHighlighting marks the fenced code blocks of a page past the first
// maxHighlighted bytes of code to be written plain.
func limitHighlighting(root ast.Node) {
	total := 0
	_ = ast.Walk(root, func(node ast.Node, entering bool) (ast.WalkStatus, error) {
		n, ok := node.(*ast.FencedCodeBlock)
		if !entering || !ok {
			return ast.WalkContinue, nil
		}
		lines := n.Lines()
		for i := 0; i < lines.Len(); i++ {
			seg := lines.At(i)
			total += seg.Len()
		}
		if total > maxHighlighted {
			n.SetAttributeString(plainAttr, true)
		}
		return ast.WalkSkipChildren, nil
	})
}

func (r *codeRenderer) renderIndented(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		writePlainCode(w, "", codeText(node, src))
	}
	return ast.WalkSkipChildren, nil
}

// codeText joins the lines of a code block.
func codeText(n ast.Node, src []byte) string {
	var b strings.Builder
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		b.Write(seg.Value(src))
	}
	return b.String()
}

func writePlainCode(w util.BufWriter, lang, code string) {
	_, _ = w.WriteString(`<pre tabindex="0"><code`)
	if lang != "" {
		writeAttr(w, "class", "language-"+lang)
	}
	_ = w.WriteByte('>')
	_, _ = w.Write(util.EscapeHTML([]byte(code)))
	_, _ = w.WriteString("</code></pre>\n")
}

// highlight returns code highlighted as lang, from the cache when this
// pair was kept (see codeRenderer).
func (r *codeRenderer) highlight(lang, code string) highlighted {
	h := sha256.New()
	h.Write([]byte(lang))
	h.Write([]byte{0})
	h.Write([]byte(code))
	var key codeKey
	h.Sum(key[:0])
	if v, ok := r.cache.Load(key); ok {
		return v.(highlighted)
	}
	out := r.lexCached(lang, code)
	if _, again := r.seen.LoadOrStore(key, struct{}{}); !again || r.cached.Load() >= r.memLimit {
		return out
	}
	v, loaded := r.cache.LoadOrStore(key, out)
	if !loaded {
		r.cached.Add(int64(len(out.html)))
	}
	return v.(highlighted)
}

// lexCached returns the highlighted code from the disk cache, or lexes it
// and stores the result there.
func (r *codeRenderer) lexCached(lang, code string) highlighted {
	if r.disk == nil {
		return r.lex(lang, code)
	}
	k := newDiskKey(lang, code)
	if html, ok := r.disk.get(k); ok {
		return highlighted{html: html, ok: true}
	}
	h := r.lex(lang, code)
	if h.ok {
		r.disk.put(k, h.html)
	}
	return h
}

func (r *codeRenderer) lex(lang, code string) highlighted {
	lexer := lexers.Get(lang)
	if lexer == nil {
		return highlighted{}
	}
	tokens, err := chroma.Coalesce(lexer).Tokenise(nil, code)
	if err != nil {
		return highlighted{}
	}
	var buf bytes.Buffer
	// With classes the style only feeds the stylesheet, which StyleCSS
	// writes; any style will do here.
	if err := r.formatter.Format(&buf, styles.Fallback, tokens); err != nil {
		return highlighted{}
	}
	return highlighted{html: buf.String(), ok: true}
}
