// Package scaffold writes the starting files of `guidepost new`: a whole
// site, a page, or a decision tree. The files are embedded in the binary.
// Nothing is ever overwritten: every file is checked before any is
// written, and a file that exists is an error naming it.
package scaffold

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"time"
	"unicode"
)

//go:embed all:files
var files embed.FS

// ExampleTree is the name of the decision tree a new site starts with.
const ExampleTree = "example"

// vars are the placeholders the scaffold files hold.
type vars struct {
	title, name string
	date        time.Time
}

func (v vars) fill(src []byte) []byte {
	return []byte(strings.NewReplacer(
		"__TITLE__", yamlSafe(v.title),
		"__NAME_TITLE__", yamlSafe(v.title),
		"__TREE__", v.name,
		"__DATE__", v.date.Format(time.DateOnly),
	).Replace(string(src)))
}

// yamlSafe makes a title safe inside the scaffold's YAML and Markdown:
// quotes and line breaks would end the value.
func yamlSafe(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '"' || r == '\\' || unicode.IsControl(r) {
			return -1
		}
		return r
	}, s)
}

// ErrExists is wrapped by the error of a scaffold that would overwrite a
// file.
var ErrExists = errors.New("already exists")

// plan is a set of files to write, by path.
type plan struct {
	paths []string
	data  map[string][]byte
}

func (p *plan) add(name string, data []byte) {
	if p.data == nil {
		p.data = map[string][]byte{}
	}
	p.paths = append(p.paths, name)
	p.data[name] = data
}

// write checks that no file of the plan exists, then writes them all.
func (p *plan) write() error {
	for _, name := range p.paths {
		if _, err := os.Lstat(name); err == nil {
			return fmt.Errorf("%s %w: guidepost new never overwrites a file; choose another name or move it away", name, ErrExists)
		} else if !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("check %s: %w", name, err)
		}
	}
	for _, name := range p.paths {
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			return fmt.Errorf("create %s: %w", filepath.Dir(name), err)
		}
		f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err != nil {
			return fmt.Errorf("create %s: %w", name, err)
		}
		_, err = f.Write(p.data[name])
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return fmt.Errorf("write %s: %w", name, err)
		}
	}
	return nil
}

// addTree adds the example tree's files under dir, named name.
func (p *plan) addTree(dir string, v vars) error {
	return fs.WalkDir(files, "files/tree", func(rel string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := files.ReadFile(rel)
		if err != nil {
			return err
		}
		p.add(filepath.Join(dir, path.Base(rel)), v.fill(data))
		return nil
	})
}

// Site writes a new site into dir (made if needed) titled title, dated
// now, and returns the files it wrote. A site folder that holds any of
// them is refused before anything is written.
func Site(dir, title string, now time.Time) ([]string, error) {
	if title == "" {
		title = "My guidance"
	}
	v := vars{title: title, name: ExampleTree, date: now}
	p := &plan{}
	err := fs.WalkDir(files, "files/site", func(rel string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := files.ReadFile(rel)
		if err != nil {
			return err
		}
		p.add(filepath.Join(dir, filepath.FromSlash(strings.TrimPrefix(rel, "files/site/"))), v.fill(data))
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read the site scaffold: %w", err)
	}
	tv := v
	tv.title = "Is this page ready to publish?"
	if err := p.addTree(filepath.Join(dir, "content", "decide", ExampleTree), tv); err != nil {
		return nil, fmt.Errorf("read the tree scaffold: %w", err)
	}
	return p.paths, p.write()
}

// contentPath turns what an author typed for a new page or tree
// ("guidance/consent", "content/guidance/consent.md") into a clean slash
// path below content/.
func contentPath(arg string) (string, error) {
	rel := path.Clean(filepath.ToSlash(strings.TrimSpace(arg)))
	rel = strings.TrimPrefix(rel, "content/")
	if rel == "." || rel == "" || rel == "content" || !filepath.IsLocal(filepath.FromSlash(rel)) {
		return "", fmt.Errorf("%q is not a path inside content/: give one such as guidance/consent.md", arg)
	}
	for _, seg := range strings.Split(rel, "/") {
		if strings.HasPrefix(seg, ".") || strings.ContainsAny(seg, "?#%\\") || strings.IndexFunc(seg, unicode.IsControl) >= 0 {
			return "", fmt.Errorf("%q: %q cannot be part of a page's address: use letters, digits and hyphens", arg, seg)
		}
	}
	return rel, nil
}

// titleFromName makes a title from a file name: "data-breach" → "Data breach".
func titleFromName(name string) string {
	name = strings.TrimSuffix(path.Base(name), ".md")
	name = strings.Join(strings.FieldsFunc(name, func(r rune) bool { return r == '-' || r == '_' || r == ' ' }), " ")
	if name == "" {
		return "New page"
	}
	r := []rune(name)
	r[0] = unicode.ToUpper(r[0])
	return string(r)
}

// Page writes a page at the path rel below root's content/ (".md" added
// when missing) and returns the file it wrote.
func Page(root, rel string, now time.Time) (string, error) {
	clean, err := contentPath(rel)
	if err != nil {
		return "", err
	}
	if !strings.HasSuffix(clean, ".md") {
		clean += ".md"
	}
	data, err := files.ReadFile("files/page.md")
	if err != nil {
		return "", err
	}
	name := filepath.Join(root, "content", filepath.FromSlash(clean))
	p := &plan{}
	p.add(name, vars{title: titleFromName(clean), date: now}.fill(data))
	return name, p.write()
}

// treeName is what a tree's folder name may be: it becomes its URL.
var treeName = regexp.MustCompile(`^[\p{L}\p{N}][\p{L}\p{N}_-]*$`)

// Tree writes a decision tree: a start question, two outcomes and the
// scenarios that test them. name is a folder name, placed under
// content/decide/, or a path below content/ when it holds a slash. It
// returns the files it wrote.
func Tree(root, name string, now time.Time) ([]string, error) {
	clean, err := contentPath(name)
	if err != nil {
		return nil, err
	}
	clean = strings.TrimSuffix(clean, ".md")
	if !strings.Contains(clean, "/") {
		clean = "decide/" + clean
	}
	base := path.Base(clean)
	if !treeName.MatchString(base) {
		return nil, fmt.Errorf("%q: a tree's name becomes its address: use letters, digits and hyphens, such as whatsapp-use", name)
	}
	p := &plan{}
	if err := p.addTree(filepath.Join(root, "content", filepath.FromSlash(clean)), vars{title: titleFromName(base), name: base, date: now}); err != nil {
		return nil, fmt.Errorf("read the tree scaffold: %w", err)
	}
	return p.paths, p.write()
}
