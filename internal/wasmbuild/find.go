package wasmbuild

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
)

// EnvEngineDir names the environment variable that points at the guidepost
// module folder, overriding every other way of finding it.
const EnvEngineDir = "GUIDEPOST_ENGINE_DIR"

// ModulePath is the import path of the module that holds the engine.
const ModulePath = "github.com/guidepost/guidepost"

// MainPackage is the engine's main package, relative to the module folder.
const MainPackage = "decision/wasm"

// ModuleDir returns the folder of the guidepost module whose decision/wasm
// is compiled: $GUIDEPOST_ENGINE_DIR when set; else the module this program
// was compiled from, when its sources are still there; else the first
// guidepost module at or above one of hints or the working directory.
func ModuleDir(hints ...string) (string, error) {
	if dir := os.Getenv(EnvEngineDir); dir != "" {
		abs, err := filepath.Abs(dir)
		if err != nil {
			return "", fmt.Errorf("%s=%s: %w", EnvEngineDir, dir, err)
		}
		if err := checkModule(abs); err != nil {
			return "", fmt.Errorf("%s=%s: %w; point it at the folder of the guidepost sources", EnvEngineDir, dir, err)
		}
		return abs, nil
	}
	var starts []string
	// With -trimpath the file name is an import path, not a folder: skip it.
	if _, file, _, ok := runtime.Caller(0); ok && filepath.IsAbs(file) {
		starts = append(starts, filepath.Dir(file))
	}
	starts = append(starts, hints...)
	if wd, err := os.Getwd(); err == nil {
		starts = append(starts, wd)
	}
	for _, start := range starts {
		if dir, ok := findUp(start); ok {
			return dir, nil
		}
	}
	return "", errors.New("cannot find the Go sources of the decision engine (" + ModulePath + "/" + MainPackage +
		"), which the build compiles to WebAssembly: run guidepost from inside its source folder or set " +
		EnvEngineDir + " to that folder")
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
