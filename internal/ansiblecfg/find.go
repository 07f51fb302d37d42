package ansiblecfg

import (
	"fmt"
	"os"
	"path/filepath"
)

// findFile is ansible-core's find_ini_config_file: the first readable of
// $ANSIBLE_CONFIG (a file, or a directory holding ansible.cfg),
// ./ansible.cfg (skipped, with a warning, when the working directory is
// world-writable), ~/.ansible.cfg and /etc/ansible/ansible.cfg; "" if none.
func findFile(env Env) (path string, warnings []string) {
	cwd, home := env.Cwd, env.Home
	var candidates []string
	fromEnv, envSet := env.Lookup("ANSIBLE_CONFIG")
	if envSet {
		fromEnv = resolvePath(fromEnv, cwd, env)
		if fi, err := os.Stat(fromEnv); err == nil && fi.IsDir() {
			fromEnv = filepath.Join(fromEnv, "ansible.cfg")
		}
		candidates = append(candidates, fromEnv)
	}
	skippedCwd := false
	if cwd != "" {
		cwdCfg := filepath.Join(cwd, "ansible.cfg")
		if fi, err := os.Stat(cwd); err == nil {
			if fi.Mode().Perm()&0o002 != 0 {
				_, err := os.Stat(cwdCfg)
				skippedCwd = err == nil
			} else {
				candidates = append(candidates, cwdCfg)
			}
		}
	}
	if home != "" {
		candidates = append(candidates, filepath.Join(home, ".ansible.cfg"))
	}
	candidates = append(candidates, "/etc/ansible/ansible.cfg")
	for _, c := range candidates {
		if readable(c) {
			path = c
			break
		}
	}
	if skippedCwd && (!envSet || path != fromEnv) {
		warnings = append(warnings, fmt.Sprintf("Ansible is being run in a world writable directory (%s), ignoring it as an "+
			"ansible.cfg source. For more information see "+
			"https://docs.ansible.com/ansible/devel/reference_appendices/config.html#cfg-in-world-writable-dir", cwd))
	}
	return path, warnings
}

// readable reports whether path exists and can be opened for reading.
func readable(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	return f.Close() == nil
}
