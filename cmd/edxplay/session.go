package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/edxplay/edxplay/engine"
	"github.com/edxplay/edxplay/internal/ansiblecfg"
	"github.com/edxplay/edxplay/internal/jinja"
	"github.com/edxplay/edxplay/internal/playbook"
	"github.com/edxplay/edxplay/internal/pyplugins"
	"github.com/edxplay/edxplay/internal/pyvalue"
	"github.com/edxplay/edxplay/internal/vault"
	"github.com/edxplay/edxplay/inventory"
)

// session is everything loaded before a run: inventory, playbook,
// variables and the template engine. Loading touches no host.
type session struct {
	pbPath string
	// pbShown is the playbook as the command line named it (or the
	// built-in playbook's path), as ansible-playbook's listings show it.
	pbShown string
	pb      *playbook.Playbook
	// more are the playbooks named after the first (run runs them all, in order).
	more       []*playbook.Playbook
	inv        *inventory.Inventory
	invSources []string
	extraVars  []map[string]any
	jinja      *jinja.Engine
	// plugins runs the playbook's Python filter and test plugins.
	plugins *pyplugins.Bridge
	loader  *taskLoader
	vault   vaultDecrypter
	// cfg is ansible.cfg and the ANSIBLE_* environment.
	cfg *ansiblecfg.Config
	// flushCache is --flush-cache (cacheable inventory plugins refresh).
	flushCache bool
}

// sessionInputs name what a session loads.
type sessionInputs struct {
	playbook  string
	inventory []string
	extraVars []string
	vault     *vaultFlags
	// flushCache is --flush-cache.
	flushCache bool
	// openExtraVars, when set, gives the -e arguments from the vault
	// secrets (apply opens a plan's sealed values with them).
	openExtraVars func(vault.Secrets) ([]string, error)
	// playbookData, when not nil, is the playbook's text, held in memory
	// as though it were the file playbook (adhoc's one-task play).
	playbookData []byte
	// quietEmptyInventory drops the warning about an inventory without
	// hosts (adhoc gives it itself, unless its pattern is localhost).
	quietEmptyInventory bool
}

// loadSession loads the playbook and the inputs named on the command line.
// Parse errors map to exit code 4, bad options to 5.
func loadSession(ctx context.Context, in *inputFlags, pbArg string) (*session, error) {
	return loadSessionFrom(ctx, sessionInputs{playbook: pbArg, inventory: in.Inventory.Value(),
		extraVars: in.ExtraVars.Value(), vault: &in.vaultFlags, flushCache: in.FlushCache})
}

// loadSessionFrom loads a session from explicit inputs (apply uses the plan's).
func loadSessionFrom(ctx context.Context, in sessionInputs) (*session, error) {
	path := in.playbook
	if in.playbookData == nil {
		resolved, err := resolvePlaybook(path)
		if err != nil {
			return nil, withCode(exitUsage, err)
		}
		path = resolved
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, withCode(exitUsage, err)
	}
	s := &session{pbPath: abs, pbShown: path, flushCache: in.flushCache}
	if s.cfg, err = loadAnsibleConfig(os.Stderr); err != nil {
		return nil, err
	}
	secrets, err := loadSecrets(ctx, in.vault, s.cfg)
	if err != nil {
		return nil, withCode(exitUsage, err)
	}
	setRedactor(secrets.Redactor())
	s.vault = vaultDecrypter{secrets}
	if in.openExtraVars != nil {
		if in.extraVars, err = in.openExtraVars(secrets); err != nil {
			return nil, withCode(exitUsage, err)
		}
	}
	if s.extraVars, err = parseExtraVars(in.extraVars, s.vault); err != nil {
		return nil, withCode(exitUsage, err)
	}
	if err := s.loadInventory(in.inventory, filepath.Dir(abs), !in.quietEmptyInventory); err != nil {
		return nil, err
	}
	s.plugins = newPluginBridge(ctx, filepath.Dir(abs), s.cfg.Settings())
	s.jinja = jinja.New(jinja.Options{BaseDir: filepath.Dir(abs), Secrets: secrets.Redactor(),
		AnsibleManaged: s.cfg.Settings().AnsibleManaged, Decrypt: s.vault.DecryptFile,
		Native: s.cfg.Settings().Jinja2Native, Plugins: s.plugins})
	s.loader = newTaskLoader(s.cfg.Settings().RolesPath, s.vault)
	s.loader.opts.Templater, s.loader.opts.ExtraVars = loadTemplater{s.jinja}, mergedExtraVars(s.extraVars)
	s.loader.opts.Library, s.loader.opts.CollectionsPaths = s.cfg.Settings().Library, s.cfg.Settings().CollectionsPaths
	s.loader.opts.DuplicateDictKey = s.cfg.Settings().DuplicateDictKey
	s.loader.opts.Warn = func(msg string) { fmt.Fprintln(os.Stderr, "[WARNING]: "+redact(msg)) }
	if s.pb, err = s.loader.loadPlaybookData(abs, in.playbookData); err != nil {
		return nil, withCode(exitParse, err)
	}
	addPlayRoles(s.plugins, s.pb)
	if err := engine.Preflight(s.pb, s.jinja); err != nil {
		return nil, withCode(exitParse, err)
	}
	return s, nil
}

// addPlaybook loads one more playbook into the session (ansible-playbook
// a.yml b.yml runs both, with the first one's inventory and variables).
func (s *session) addPlaybook(arg string) error {
	path, err := resolvePlaybook(arg)
	if err != nil {
		return withCode(exitUsage, err)
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return withCode(exitUsage, err)
	}
	pb, err := s.loader.loadPlaybook(abs)
	if err != nil {
		return withCode(exitParse, err)
	}
	addPlayRoles(s.plugins, pb)
	if err := engine.Preflight(pb, s.jinja); err != nil {
		return withCode(exitParse, err)
	}
	s.more = append(s.more, pb)
	return nil
}

// playbooks are the session's playbooks in the order they run.
func (s *session) playbooks() []*playbook.Playbook {
	return append([]*playbook.Playbook{s.pb}, s.more...)
}

// loadInventory reads the -i sources, else inventory from ansible.cfg or
// ANSIBLE_INVENTORY (default /etc/ansible/hosts). As with Ansible, a
// source that does not exist is skipped with a warning, and with none
// left only the implicit localhost is available.
func (s *session) loadInventory(sources []string, playbookDir string, warnEmpty bool) error {
	set := s.cfg.Settings()
	if len(sources) == 0 {
		sources = set.Inventory
	}
	s.invSources = nil
	for _, src := range sources {
		if src != "" && !strings.Contains(src, ",") {
			abs, err := filepath.Abs(pyvalue.ExpandUser(src))
			if err != nil {
				return withCode(exitParse, fmt.Errorf("resolve inventory source %s: %w", src, err))
			}
			if _, err := os.Stat(abs); errors.Is(err, os.ErrNotExist) {
				if err := unparsedSource(abs, set); err != nil {
					return err
				}
				continue
			}
		}
		s.invSources = append(s.invSources, src)
	}
	if len(s.invSources) == 0 && len(sources) > 0 {
		if set.UnparsedIsFailed {
			return withCode(exitError, errors.New("no inventory was parsed, please check your configuration and options"))
		}
		if set.UnparsedWarning {
			fmt.Fprintln(os.Stderr, "[WARNING]: No inventory was parsed, only implicit localhost is available")
		}
	}
	inv, err := inventory.Load(s.invSources, inventory.Options{PlaybookDir: playbookDir, Vault: s.vault,
		Plugins: inventoryPlugins(playbookDir, mergedExtraVars(s.extraVars), s.flushCache)})
	if err != nil {
		return withCode(exitParse, err)
	}
	for _, w := range inv.Warnings() {
		fmt.Fprintln(os.Stderr, "[WARNING]:", w)
	}
	s.inv = inv
	if len(inv.Hosts()) == 0 && set.LocalhostWarning && warnEmpty {
		fmt.Fprintln(os.Stderr, "[WARNING]: provided hosts list is empty, only localhost is available. "+
			"Note that the implicit localhost does not match 'all'")
	}
	return nil
}

// unparsedSource reports an inventory source that does not exist, as
// Ansible does: an error with any_unparsed_is_failed, else a warning.
func unparsedSource(path string, set ansiblecfg.Settings) error {
	if path == "/etc/ansible/hosts" {
		return nil // Ansible is silent about its default when it is missing
	}
	if set.AnyUnparsedIsFailed {
		return withCode(exitError, fmt.Errorf("completely failed to parse inventory source %s", path))
	}
	fmt.Fprintf(os.Stderr, "[WARNING]: Unable to parse %s as an inventory source\n", path)
	return nil
}

// errNoHosts is the CLIs' error for an inventory with hosts of which the
// host pattern and --limit select none.
var errNoHosts = errors.New("Specified inventory, host pattern and/or --limit leaves us with no hosts to target.")

// selectHosts are the hosts that pattern and limit select; none of an
// inventory that has hosts is errNoHosts (exit 1), as the CLIs'
// get_host_list (the implicit localhost does not count as one).
func (s *session) selectHosts(pattern, limit string) ([]string, error) {
	hosts, err := s.inv.MatchLimit(pattern, limit)
	if err != nil {
		return nil, withCode(exitError, err)
	}
	if len(hosts) == 0 && len(s.inv.Hosts()) > 0 {
		return nil, withCode(exitError, errNoHosts)
	}
	return hosts, nil
}

// listHosts prints each play's hosts, further limited by limit, as
// ansible-playbook --list-hosts does.
func (s *session) listHosts(w io.Writer, limit string, slice engine.Slice) error {
	fmt.Fprintf(w, "\nplaybook: %s\n", s.pbShown)
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
