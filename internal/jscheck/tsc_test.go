package jscheck

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/guidepost/guidepost/internal/testsite"
)

const (
	tscDirEnv         = "GUIDEPOST_TYPESCRIPT_DIR"
	tscInstallCommand = ".ci/install-typescript"
)

// TestThemeScriptsTypeCheck runs tsc --noEmit --allowJs --checkJs
// --strict (as tsconfig.json sets) on the theme's scripts: a call of a
// helper or of the engine's API with the wrong arguments, a misspelt
// field of the search index, a value used where it may be null, or a
// parameter left without a type, fails here before a reader meets it.
//
// TypeScript is installed outside the repository, once per machine, by
// tscInstallCommand (which .ci/run runs); the test then needs no network.
func TestThemeScriptsTypeCheck(t *testing.T) {
	testsite.SkipShort(t, "type-checks the theme's scripts with tsc under Node: run without -short")
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatalf("node is needed to run tsc: %v", err)
	}
	tsc, err := findTSC()
	if err != nil {
		t.Fatalf("%v: run `%s` from the repository root once (it needs npm)", err, tscInstallCommand)
	}
	out, err := exec.Command(node, tsc, "-p", "tsconfig.json").CombinedOutput()
	if err != nil {
		t.Fatalf("tsc -p internal/jscheck/tsconfig.json: %v\n%s", err, out)
	}
}

// findTSC returns the path of tsc, at the version package-lock.json pins,
// in $GUIDEPOST_TYPESCRIPT_DIR or else the user cache folder.
func findTSC() (string, error) {
	data, err := os.ReadFile("package-lock.json")
	if err != nil {
		return "", err
	}
	var lock struct {
		Packages map[string]struct{ Version string } `json:"packages"`
	}
	if err := json.Unmarshal(data, &lock); err != nil {
		return "", fmt.Errorf("package-lock.json: %v", err)
	}
	want := lock.Packages["node_modules/typescript"].Version
	if want == "" {
		return "", errors.New("package-lock.json pins no version of typescript")
	}
	dir := os.Getenv(tscDirEnv)
	if dir != "" && !filepath.IsAbs(dir) {
		return "", fmt.Errorf("$%s is %q, not an absolute path", tscDirEnv, dir)
	}
	if dir == "" {
		cache, err := os.UserCacheDir()
		if err != nil {
			return "", fmt.Errorf("no user cache folder to find typescript in (%v); set $%s", err, tscDirEnv)
		}
		dir = filepath.Join(cache, "guidepost-test", "typescript-"+want)
	}
	pkg := filepath.Join(dir, "node_modules", "typescript")
	var installed struct{ Version string }
	if data, err := os.ReadFile(filepath.Join(pkg, "package.json")); err != nil || json.Unmarshal(data, &installed) != nil {
		return "", fmt.Errorf("typescript %s is not installed in %s", want, dir)
	}
	if installed.Version != want {
		return "", fmt.Errorf("%s holds typescript %q, not the %s package-lock.json pins", dir, installed.Version, want)
	}
	tsc := filepath.Join(pkg, "bin", "tsc")
	if _, err := os.Stat(tsc); err != nil {
		return "", fmt.Errorf("typescript %s in %s is incomplete (%v)", want, dir, err)
	}
	return tsc, nil
}
