// Package gitinfo reads from a site's git history when each of its files
// last changed, as Hugo's GitInfo does: one `git log` for the whole site,
// not one per file.
package gitinfo

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// ErrNoRepo is wrapped by the error of LastChanged when the folder is not
// in a git work tree or git is not installed.
var ErrNoRepo = errors.New("no git history")

// LastChanged returns the time of the last commit that changed each file
// below dir, by slash path relative to dir. Files never committed are
// absent. Changes not yet committed do not count.
//
// The dev server loads the site on every save: the history is read once
// per commit and folder, and kept while HEAD stays the same.
func LastChanged(dir string) (map[string]time.Time, error) {
	topDir, prefix, err := Locate(dir)
	if err != nil {
		return nil, err
	}
	head, _ := run(topDir, "rev-parse", "--verify", "--quiet", "HEAD")
	key := topDir + "\x00" + prefix + "\x00" + strings.TrimSpace(string(head))
	lastChanged.Lock()
	defer lastChanged.Unlock()
	if lastChanged.key == key && lastChanged.times != nil {
		return lastChanged.times, nil
	}
	times, err := readLastChanged(topDir, prefix)
	if err == nil {
		lastChanged.key, lastChanged.times = key, times
	}
	return times, err
}

// lastChanged keeps the last answer of LastChanged, by folder and HEAD.
// Callers must not modify the map.
var lastChanged struct {
	sync.Mutex
	key   string
	times map[string]time.Time
}

// readLastChanged runs git log for the files below prefix of topDir.
func readLastChanged(topDir, prefix string) (map[string]time.Time, error) {
	// Newest commit first: the first time a file appears is its last change.
	out, err := run(topDir, "-c", "core.quotepath=off", "log", "--format=%x00%cI", "--name-only", "--no-renames", "--", prefix)
	if err != nil {
		// A repository without commits has no history yet.
		if _, headErr := run(topDir, "rev-parse", "--verify", "--quiet", "HEAD"); headErr != nil {
			return map[string]time.Time{}, nil
		}
		return nil, err
	}
	changed := map[string]time.Time{}
	var when time.Time
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if stamp, ok := strings.CutPrefix(line, "\x00"); ok {
			if when, err = time.Parse(time.RFC3339, stamp); err != nil {
				return nil, fmt.Errorf("git log: bad date %q: %w", stamp, err)
			}
			continue
		}
		if line == "" {
			continue
		}
		rel := line
		if prefix != "." {
			var ok bool
			if rel, ok = strings.CutPrefix(line, prefix+"/"); !ok {
				continue
			}
		}
		if _, seen := changed[rel]; !seen {
			changed[rel] = when
		}
	}
	return changed, sc.Err()
}

// Locate returns the top folder of the git work tree holding dir and
// dir's slash path relative to it ("." for the top itself). The error
// wraps ErrNoRepo when git is not installed or dir is in no work tree.
func Locate(dir string) (top, rel string, err error) {
	if _, err := exec.LookPath("git"); err != nil {
		return "", "", fmt.Errorf("%w: git is not installed", ErrNoRepo)
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", "", err
	}
	out, err := run(abs, "rev-parse", "--show-toplevel")
	if err != nil {
		return "", "", fmt.Errorf("%w: %s is not in a git repository", ErrNoRepo, abs)
	}
	top = strings.TrimSpace(string(out))
	if resolved, err := filepath.EvalSymlinks(abs); err == nil {
		abs = resolved
	}
	if rel, err = filepath.Rel(top, abs); err != nil || !filepath.IsLocal(rel) && rel != "." {
		return "", "", fmt.Errorf("%w: %s is outside its repository %s", ErrNoRepo, dir, top)
	}
	return top, filepath.ToSlash(rel), nil
}

// Run runs git with args in dir and returns what it printed; the error
// holds what git said on stderr.
func Run(dir string, args ...string) ([]byte, error) { return run(dir, args...) }

func run(dir string, args ...string) ([]byte, error) {
	cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("git %s: %w: %s", strings.Join(args, " "), err, strings.TrimSpace(stderr.String()))
	}
	return out, nil
}
