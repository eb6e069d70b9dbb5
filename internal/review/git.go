package review

import (
	"archive/tar"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/guidepost/guidepost/decision"
	"github.com/guidepost/guidepost/internal/site"
)

// ErrNoGit is wrapped by the error of TreesAt when the site is not in a
// git work tree or git is not installed.
var ErrNoGit = errors.New("not in a git work tree")

// TreesAt returns the decision trees of the site in root as they were at
// the git revision rev, reading history with the git command. The site's
// files at rev are written to a temporary folder, removed before it
// returns; the work tree is not touched.
func TreesAt(root, rev string, now time.Time) ([]*decision.Tree, error) {
	if _, err := exec.LookPath("git"); err != nil {
		return nil, fmt.Errorf("%w: --against reads the site's history with git, which is not installed", ErrNoGit)
	}
	abs, err := filepath.Abs(root)
	if err != nil {
		return nil, err
	}
	top, err := git(abs, "rev-parse", "--show-toplevel")
	if err != nil {
		return nil, fmt.Errorf("%w: %s is not in a git repository (--against compares with a commit of its history)", ErrNoGit, root)
	}
	top = strings.TrimSpace(top)
	if resolved, err := filepath.EvalSymlinks(abs); err == nil {
		abs = resolved
	}
	rel, err := filepath.Rel(top, abs)
	if err != nil || !filepath.IsLocal(rel) && rel != "." {
		return nil, fmt.Errorf("%w: %s is outside its repository %s", ErrNoGit, root, top)
	}
	if _, err := git(top, "rev-parse", "--verify", "--quiet", rev+"^{commit}"); err != nil {
		return nil, fmt.Errorf("--against %s: no such commit in %s", rev, top)
	}
	archive, err := gitBytes(top, "archive", "--format=tar", rev, "--", filepath.ToSlash(rel))
	if err != nil {
		return nil, fmt.Errorf("--against %s: the site folder %s is not in that commit", rev, filepath.ToSlash(rel))
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
	return s.Trees, nil
}

func git(dir string, args ...string) (string, error) {
	out, err := gitBytes(dir, args...)
	return string(out), err
}

func gitBytes(dir string, args ...string) ([]byte, error) {
	cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("git %s: %w: %s", strings.Join(args, " "), err, strings.TrimSpace(stderr.String()))
	}
	return out, nil
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
