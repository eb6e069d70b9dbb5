//go:build !unix

package publish

import (
	"os"
	"path/filepath"
)

// root is the temporary folder files and folders are created in.
type root struct{ dir string }

func openRoot(dir string) (*root, error) { return &root{dir: dir}, nil }

// mkdir creates the folder rel.
func (r *root) mkdir(rel string) error { return os.Mkdir(filepath.Join(r.dir, rel), 0o755) }

// create writes the file rel holding data.
func (r *root) create(rel string, data []byte) error {
	return os.WriteFile(filepath.Join(r.dir, rel), data, 0o644)
}

func (r *root) close() error { return nil }
