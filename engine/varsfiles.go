package engine

import (
	"fmt"
	"path/filepath"
)

// loadVarsFiles reads the play's vars_files (a nested list means: the first that exists).
func (pr *playRun) loadVarsFiles() error {
	pr.varsFiles = map[string]any{}
	for _, set := range pr.play.VarsFileSets {
		path, err := pr.firstVarsFile(set)
		if err != nil {
			return err
		}
		vars, err := pr.run.Loader.ReadVars(path)
		if err != nil {
			return fmt.Errorf("vars_files: %w", err)
		}
		for k, v := range vars {
			pr.varsFiles[k] = v
		}
	}
	return nil
}

// firstVarsFile templates the candidates of one vars_files entry (with
// extra vars and inventory vars of the first host) and returns the first
// that exists.
func (pr *playRun) firstVarsFile(candidates []string) (string, error) {
	h := pr.run.host(pr.hosts[0])
	hc := pr.newHostCtx(h, nil, nil, nil)
	for _, c := range candidates {
		v, err := hc.Template(c)
		if err != nil {
			return "", fmt.Errorf("vars_files %s: %w", c, err)
		}
		p := fmt.Sprint(v)
		if !filepath.IsAbs(p) {
			p = filepath.Join(pr.play.Dir, p)
		}
		if fileExists(p) {
			return p, nil
		}
	}
	return "", fmt.Errorf("vars_files: none of %v found", candidates)
}
