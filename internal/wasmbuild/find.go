package wasmbuild

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// ModulePath is the import path of the module that holds the engine.
const ModulePath = "github.com/guidepost/guidepost"

// MainPackage is the engine's main package, relative to the module folder.
const MainPackage = "decision/wasm"

// ModuleDir returns the guidepost module folder at or above start, the
// folder Compile and Key take.
func ModuleDir(start string) (string, error) {
	if dir, ok := findUp(start); ok {
		return dir, nil
	}
	return "", errors.New("no guidepost module (go.mod of " + ModulePath + " with " + MainPackage + "/) at or above " + start)
}

// findUp returns the first guidepost module folder at or above start.
func findUp(start string) (string, bool) {
	dir, err := filepath.Abs(start)
	if err != nil {
		return "", false
	}
	for {
		if checkModule(dir) == nil {
			return dir, true
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", false
		}
		dir = parent
	}
}

// checkModule reports why dir is not the guidepost module folder with the
// engine's main package, or nil when it is.
func checkModule(dir string) error {
	data, err := os.ReadFile(filepath.Join(dir, "go.mod"))
	if err != nil {
		return errors.New("no go.mod there")
	}
	if mod := modulePath(data); mod != ModulePath {
		return fmt.Errorf("its go.mod is module %q, not %s", mod, ModulePath)
	}
	if fi, err := os.Stat(filepath.Join(dir, filepath.FromSlash(MainPackage))); err != nil || !fi.IsDir() {
		return errors.New("it has no " + MainPackage + " folder")
	}
	return nil
}

// modulePath returns the path of go.mod's module directive.
func modulePath(gomod []byte) string {
	sc := bufio.NewScanner(bytes.NewReader(gomod))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if rest, ok := strings.CutPrefix(line, "module"); ok && (rest == "" || rest[0] == ' ' || rest[0] == '\t') {
			if i := strings.Index(rest, "//"); i >= 0 {
				rest = rest[:i]
			}
			return strings.Trim(strings.TrimSpace(rest), `"`+"`")
		}
	}
	return ""
}
