package plan

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Inputs are everything a planned run was made from. Secrets are kept by
// reference only (a vault password file's path, never its content).
type Inputs struct {
	Playbook  string   `json:"playbook"`
	Inventory []string `json:"inventory"`
	// ExtraVars are the -e arguments in order: "@/abs/file" for files,
	// inline values as given, or vault-encrypted (Vault) when the plan was
	// made with a vault secret.
	ExtraVars []ExtraVar `json:"extra_vars,omitempty"`
	// Files are the digests of every file input (playbook directory,
	// inventory, -e files, ssh_config, private key), by absolute path.
	Files map[string]string `json:"files"`
	// Selection is what the run did: hosts, tags, user, become.
	Selection Selection `json:"selection"`
	// Transport is how hosts were reached.
	Transport Transport `json:"transport"`
	// Vault names the vault secrets by reference.
	Vault Vault `json:"vault"`
	// WorkDir is the directory the plan was made in (apply runs there).
	WorkDir string `json:"work_dir"`
}

// ExtraVar is one -e argument.
type ExtraVar struct {
	Value string `json:"value,omitempty"`
	// Vault is Value encrypted with the plan's vault secret.
	Vault string `json:"vault,omitempty"`
}

// Selection are the plan's --limit, --tags, --skip-tags, --start-at-task,
// --strategy, --force-handlers, -u, -c and become options.
type Selection struct {
	Limit         string   `json:"limit,omitempty"`
	Tags          []string `json:"tags,omitempty"`
	SkipTags      []string `json:"skip_tags,omitempty"`
	StartAtTask   string   `json:"start_at_task,omitempty"`
	Strategy      string   `json:"strategy,omitempty"`
	ForceHandlers bool     `json:"force_handlers,omitempty"`
	RemoteUser    string   `json:"remote_user,omitempty"`
	Connection    string   `json:"connection,omitempty"`
	Become        bool     `json:"become,omitempty"`
	BecomeUser    string   `json:"become_user,omitempty"`
	BecomeMethod  string   `json:"become_method,omitempty"`
}

// Transport are the plan's SSH settings; passwords asked for on the
// terminal are asked again.
type Transport struct {
	PrivateKey      string `json:"private_key,omitempty"`
	SSHConfig       string `json:"ssh_config,omitempty"`
	HostKeyChecking string `json:"host_key_checking,omitempty"`
	Timeout         int    `json:"timeout,omitempty"`
	ConnectRetries  int    `json:"connect_retries,omitempty"`
	SSHCommonArgs   string `json:"ssh_common_args,omitempty"`
	AskPass         bool   `json:"ask_pass,omitempty"`
	AskBecomePass   bool   `json:"ask_become_pass,omitempty"`
}

// Vault are the vault ids and password files the plan was made with.
type Vault struct {
	IDs           []string `json:"ids,omitempty"`
	PasswordFiles []string `json:"password_files,omitempty"`
	AskVaultPass  bool     `json:"ask_vault_pass,omitempty"`
}

// Limits on the files digested from a directory input.
const (
	maxInputFiles = 20000
	maxInputBytes = 1 << 30
)

// Digester computes a plan's HMAC digests of its file inputs.
type Digester struct {
	key []byte
	// skip are files never digested (the plan and its state file).
	skip map[string]bool
}

// NewDigester digests with key, leaving out the files in skip.
func NewDigester(key []byte, skip ...string) *Digester {
	d := &Digester{key: key, skip: map[string]bool{}}
	for _, s := range skip {
		if abs, err := filepath.Abs(s); err == nil {
			d.skip[abs] = true
		}
	}
	return d
}

// Digests returns the digest of every regular file under paths (files or
// directories, walked without hidden entries), by absolute path.
func (d *Digester) Digests(paths []string) (map[string]string, error) {
	out := map[string]string{}
	var total int64
	for _, p := range paths {
		abs, err := filepath.Abs(p)
		if err != nil {
			return nil, fmt.Errorf("input %s: %w", p, err)
		}
		err = filepath.WalkDir(abs, func(path string, e fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if path != abs && strings.HasPrefix(e.Name(), ".") {
				if e.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if !e.Type().IsRegular() || d.skip[path] || out[path] != "" {
				return nil
			}
			if len(out) >= maxInputFiles {
				return fmt.Errorf("more than %d files", maxInputFiles)
			}
			sum, n, err := d.file(path)
			total += n
			if total > maxInputBytes {
				return fmt.Errorf("more than %d bytes", maxInputBytes)
			}
			out[path] = sum
			return err
		})
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("digest input %s: %w", p, err)
		}
	}
	return out, nil
}

func (d *Digester) file(path string) (string, int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", 0, err
	}
	defer f.Close()
	mac := hmac.New(sha256.New, d.key)
	n, err := io.Copy(mac, f)
	return hex.EncodeToString(mac.Sum(nil)), n, err
}

// Digester returns a file digester with the plan's key.
func (p *Plan) Digester(skip ...string) (*Digester, error) {
	key, err := hex.DecodeString(p.Key)
	if err != nil {
		return nil, fmt.Errorf("plan key: %w", err)
	}
	return NewDigester(key, skip...), nil
}

// StaleInputs lists the plan's file inputs that changed or disappeared
// since the plan, and files that appeared in its directories.
func (p *Plan) StaleInputs(d *Digester, dirs []string) ([]string, error) {
	now, err := d.Digests(dirs)
	if err != nil {
		return nil, err
	}
	var stale []string
	for path, want := range p.Inputs.Files {
		got, ok := now[path]
		if !ok {
			if sum, _, err := d.file(path); err == nil {
				got, ok = sum, true
			}
		}
		switch {
		case !ok:
			stale = append(stale, path+" (removed)")
		case got != want:
			stale = append(stale, path+" (changed)")
		}
	}
	for path := range now {
		if _, ok := p.Inputs.Files[path]; !ok {
			stale = append(stale, path+" (added)")
		}
	}
	sort.Strings(stale)
	return stale, nil
}
