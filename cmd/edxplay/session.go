package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/edxplay/edxplay/engine"
	"github.com/edxplay/edxplay/internal/jinja"
	"github.com/edxplay/edxplay/internal/playbook"
	"github.com/edxplay/edxplay/inventory"
)

// session is everything loaded before a run: inventory, playbook,
// variables and the template engine. Loading touches no host.
type session struct {
	pbPath     string
	pb         *playbook.Playbook
	inv        *inventory.Inventory
	invSources []string
	extraVars  []map[string]any
	jinja      *jinja.Engine
	loader     *taskLoader
	vault      vaultDecrypter
}

// sessionInputs name what a session loads.
type sessionInputs struct {
	playbook  string
	inventory []string
	extraVars []string
	vault     *vaultFlags
}

// loadSession loads the playbook and the inputs named on the command line.
// Parse errors map to exit code 4, bad options to 5.
func loadSession(ctx context.Context, in *inputFlags, pbArg string) (*session, error) {
	return loadSessionFrom(ctx, sessionInputs{playbook: pbArg, inventory: in.Inventory.Value(),
		extraVars: in.ExtraVars.Value(), vault: &in.vaultFlags})
}

// loadSessionFrom loads a session from explicit inputs (apply uses the plan's).
func loadSessionFrom(ctx context.Context, in sessionInputs) (*session, error) {
	pbArg := in.playbook
	path, err := resolvePlaybook(pbArg)
	if err != nil {
		return nil, withCode(exitUsage, err)
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, withCode(exitUsage, err)
	}
	s := &session{pbPath: abs}
	secrets, err := loadSecrets(ctx, in.vault)
	if err != nil {
		return nil, withCode(exitUsage, err)
	}
	setRedactor(secrets.Redactor())
	s.vault = vaultDecrypter{secrets}
	if s.extraVars, err = parseExtraVars(in.extraVars, s.vault); err != nil {
		return nil, withCode(exitUsage, err)
	}
	if err := s.loadInventory(in.inventory, filepath.Dir(abs)); err != nil {
		return nil, err
	}
	s.jinja = jinja.New(jinja.Options{BaseDir: filepath.Dir(abs), Secrets: secrets.Redactor()})
	s.loader = newTaskLoader(filepath.Dir(abs), s.vault)
	if s.pb, err = s.loader.loadPlaybook(abs); err != nil {
		return nil, withCode(exitParse, err)
	}
	if err := engine.Preflight(s.pb, s.jinja); err != nil {
		return nil, withCode(exitParse, err)
	}
	return s, nil
}

// loadInventory reads -i sources (default /etc/ansible/hosts, else an
// implicit localhost only).
func (s *session) loadInventory(sources []string, playbookDir string) error {
	s.invSources = sources
	if len(s.invSources) == 0 {
		if env := os.Getenv("ANSIBLE_INVENTORY"); env != "" {
			s.invSources = []string{env}
		} else if _, err := os.Stat("/etc/ansible/hosts"); err == nil {
			s.invSources = []string{"/etc/ansible/hosts"}
		}
	}
	inv, err := inventory.Load(s.invSources, inventory.Options{PlaybookDir: playbookDir, Vault: s.vault})
	if err != nil {
		return withCode(exitParse, err)
	}
	s.inv = inv
	return nil
}

// listHosts prints each play's hosts, further limited by limit, as
// ansible-playbook --list-hosts does.
func (s *session) listHosts(w io.Writer, limit string, slice engine.Slice) error {
	fmt.Fprintf(w, "\nplaybook: %s\n", s.pbPath)
	for i, p := range s.pb.Plays {
		hosts, err := s.inv.MatchLimit(p.Hosts, limit)
		if err != nil {
			return withCode(exitError, err)
		}
		hosts = slice.Select(s.inv.Hosts(), hosts)
		fmt.Fprintf(w, "\n  play #%d (%s): %s\tTAGS: []\n", i+1, p.Hosts, p.Name)
		fmt.Fprintf(w, "    pattern: ['%s']\n    hosts (%d):\n", p.Hosts, len(hosts))
		for _, h := range hosts {
			fmt.Fprintf(w, "      %s\n", h)
		}
	}
	return nil
}

func envOr(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

func splitPathList(s string) []string {
	var out []string
	for _, p := range filepath.SplitList(s) {
		if p != "" {
			out = append(out, p)
		}
	}
	return out
}
