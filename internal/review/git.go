package review

import (
	"archive/tar"
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/guidepost/guidepost/decision"
	"github.com/guidepost/guidepost/internal/gitinfo"
	"github.com/guidepost/guidepost/internal/site"
)

// ErrNoGit is wrapped by the error of TreesAt when the site is not in a
// git work tree or git is not installed.
var ErrNoGit = gitinfo.ErrNoRepo

// TreesAt returns the decision trees of the site in root as they were at
// the git revision rev, reading history with the git command. The site's
// files at rev are written to a temporary folder, removed before it
// returns; the work tree is not touched. The trees of a commit are kept:
// the dev server's dashboard asks for HEAD's on every visit.
func TreesAt(root, rev string, now time.Time) ([]*decision.Tree, error) {
	top, rel, err := gitinfo.Locate(root)
	if err != nil {
		return nil, fmt.Errorf("%w (--against compares with a commit of its history)", err)
	}
	commit, err := gitinfo.Run(top, "rev-parse", "--verify", "--quiet", rev+"^{commit}")
	if err != nil {
		return nil, fmt.Errorf("--against %s: no such commit in %s", rev, top)
	}
	key := top + "\x00" + rel + "\x00" + strings.TrimSpace(string(commit))
	treesAt.Lock()
	defer treesAt.Unlock()
	if treesAt.key == key {
		return treesAt.trees, nil
	}
	archive, err := gitinfo.Run(top, "archive", "--format=tar", rev, "--", rel)
	if err != nil {
		return nil, fmt.Errorf("--against %s: the site folder %s is not in that commit", rev, rel)
	}
	tmp, err := os.MkdirTemp("", "guidepost-against-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	if err := untar(archive, tmp); err != nil {
		return nil, fmt.Errorf("--against %s: %w", rev, err)
	}
	s, _ := site.Load(site.Options{Root: filepath.Join(tmp, rel), Now: now})
	if s == nil {
		return nil, nil
	}
	treesAt.key, treesAt.trees = key, s.Trees
	return s.Trees, nil
}

// treesAt keeps the trees TreesAt read last, by folder and commit. A
// decision.Tree is read-only once made, so callers may share them.
var treesAt struct {
	sync.Mutex
	key   string
	trees []*decision.Tree
}

// untar writes the regular files and folders of a tar archive below dir.
func untar(data []byte, dir string) error {
	tr := tar.NewReader(bytes.NewReader(data))
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("read git archive: %w", err)
		}
		name := filepath.FromSlash(h.Name)
		if !filepath.IsLocal(name) {
			return fmt.Errorf("git archive holds %q, outside the site", h.Name)
		}
		p := filepath.Join(dir, name)
		switch h.Typeflag {
		case tar.TypeDir:
			if err := os.MkdirAll(p, 0o755); err != nil {
				return err
			}
		case tar.TypeReg:
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				return err
			}
			f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
			if err != nil {
				return err
			}
			_, err = io.Copy(f, tr)
			if cerr := f.Close(); err == nil {
				err = cerr
			}
			if err != nil {
				return err
			}
		}
	}
}
