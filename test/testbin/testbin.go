// Package testbin builds the edxplay binary once for the test packages that
// run it as a user would.
package testbin

import (
	"fmt"
	"os/exec"
	"path/filepath"
	"runtime"
)

// Build compiles ./cmd/edxplay of this module into dir and returns the
// binary's path.
func Build(dir string) (string, error) {
	bin := filepath.Join(dir, "edxplay")
	cmd := exec.Command("go", "build", "-o", bin, "./cmd/edxplay")
	cmd.Dir = ModuleRoot()
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build ./cmd/edxplay: %w\n%s", err, out)
	}
	return bin, nil
}

// ModuleRoot is the directory of this module's go.mod.
func ModuleRoot() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..")
}
