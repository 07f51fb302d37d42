package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/edxplay/edxplay/internal/plan"
	"github.com/edxplay/edxplay/internal/vault"
)

// planInputs records everything the plan is made from: paths absolute,
// file inputs by digest, secrets by reference, inline -e values
// vault-encrypted when a vault secret is loaded.
func (s *session) planInputs(o *planOpts, sel selection, rec *plan.Recorder) (plan.Inputs, error) {
	wd, err := os.Getwd()
	if err != nil {
		return plan.Inputs{}, fmt.Errorf("plan inputs: %w", err)
	}
	in := plan.Inputs{Playbook: s.pbPath, WorkDir: wd, Selection: recordedSelection(sel),
		Transport: recordedTransport(o.transportFlags), Vault: recordedVault(o.vaultFlags)}
	for _, i := range s.invSources {
		if !strings.Contains(i, ",") {
			i = absPath(i)
		}
		in.Inventory = append(in.Inventory, i)
	}
	for _, e := range o.ExtraVars.Value() {
		ev, err := sealExtraVar(e, s.vault.secrets)
		if err != nil {
			return plan.Inputs{}, err
		}
		in.ExtraVars = append(in.ExtraVars, ev)
	}
	in.Files, err = rec.Digester(planSkips(o.Out)...).Digests(fileInputs(in))
	return in, err
}

// fileInputs are the files and directories whose content a plan holds
// by digest: the playbook's directory (roles, templates, files), the
// inventory, -e files, ssh_config, the private key and the ansible.cfg
// of the plan's directory.
func fileInputs(in plan.Inputs) []string {
	roots := []string{filepath.Dir(in.Playbook), filepath.Join(in.WorkDir, "ansible.cfg")}
	for _, i := range in.Inventory {
		if !strings.Contains(i, ",") {
			roots = append(roots, i)
		}
	}
	for _, e := range in.ExtraVars {
		if strings.HasPrefix(e.Value, "@") {
			roots = append(roots, e.Value[1:])
		}
	}
	if t := in.Transport.SSHConfig; t != "" && t != "none" {
		roots = append(roots, t)
	}
	if in.Transport.PrivateKey != "" {
		roots = append(roots, in.Transport.PrivateKey)
	}
	return roots
}

// planSkips are the files of the plan itself, never its inputs.
func planSkips(planPath string) []string {
	return []string{planPath, planPath + ".tmp", plan.AppliedPath(planPath)}
}

// sealExtraVar records one -e argument: files by absolute path; inline
// values encrypted with the first vault secret when there is one.
func sealExtraVar(e string, secrets vault.Secrets) (plan.ExtraVar, error) {
	if strings.HasPrefix(e, "@") {
		return plan.ExtraVar{Value: "@" + absPath(e[1:])}, nil
	}
	if secrets.Len() == 0 {
		return plan.ExtraVar{Value: e}, nil
	}
	sec := secrets.List()[0]
	data, err := vault.Encrypt([]byte(e), sec.Password, sec.ID)
	if err != nil {
		return plan.ExtraVar{}, fmt.Errorf("seal -e value: %w", err)
	}
	return plan.ExtraVar{Vault: string(data)}, nil
}

// openExtraVars rebuilds the plan's -e arguments.
func openExtraVars(evs []plan.ExtraVar, secrets vault.Secrets) ([]string, error) {
	var out []string
	for _, e := range evs {
		if e.Vault == "" {
			out = append(out, e.Value)
			continue
		}
		plain, err := vault.Decrypt([]byte(e.Vault), secrets)
		if err != nil {
			return nil, fmt.Errorf("the plan's -e values are vault-encrypted; give apply the plan's vault password source: %w", err)
		}
		out = append(out, string(plain))
	}
	return out, nil
}

func absPath(p string) string {
	if abs, err := filepath.Abs(p); err == nil {
		return abs
	}
	return p
}

// recordedSelection is a selection as a plan stores it.
func recordedSelection(sel selection) plan.Selection {
	return plan.Selection{Limit: sel.Limit, Tags: sel.Tags, SkipTags: sel.SkipTags, StartAtTask: sel.StartAtTask,
		Strategy: sel.Strategy, ForceHandlers: sel.ForceHandlers, RemoteUser: sel.RemoteUser, Connection: sel.Connection,
		Become: sel.Become, BecomeUser: sel.BecomeUser, BecomeMethod: sel.BecomeMethod}
}

// plannedSelection is the selection a plan was made with, limited to hosts.
func plannedSelection(in plan.Selection, hosts string) selection {
	return selection{Limit: hosts, Tags: in.Tags, SkipTags: in.SkipTags, StartAtTask: in.StartAtTask,
		Strategy: in.Strategy, ForceHandlers: in.ForceHandlers, RemoteUser: in.RemoteUser, Connection: in.Connection,
		Become: in.Become, BecomeUser: in.BecomeUser, BecomeMethod: in.BecomeMethod}
}

// recordedTransport is the SSH settings as a plan stores them (paths absolute).
func recordedTransport(t transportFlags) plan.Transport {
	out := plan.Transport{PrivateKey: t.PrivateKey, SSHConfig: t.SSHConfig, HostKeyChecking: t.HostKeyChecking,
		Timeout: t.Timeout, ConnectRetries: t.ConnectRetries, SSHCommonArgs: t.SSHCommonArgs,
		AskPass: t.AskPass, AskBecomePass: t.AskBecomePass}
	if out.PrivateKey != "" {
		out.PrivateKey = absPath(out.PrivateKey)
	}
	if out.SSHConfig != "" && out.SSHConfig != "none" {
		out.SSHConfig = absPath(out.SSHConfig)
	}
	return out
}

// plannedTransport is the plan's SSH settings as flags.
func plannedTransport(t plan.Transport) transportFlags {
	return transportFlags{PrivateKey: t.PrivateKey, SSHConfig: t.SSHConfig, HostKeyChecking: t.HostKeyChecking,
		Timeout: t.Timeout, ConnectRetries: t.ConnectRetries, SSHCommonArgs: t.SSHCommonArgs,
		AskPass: t.AskPass, AskBecomePass: t.AskBecomePass}
}

// recordedVault names the vault secrets by reference (sources absolute).
func recordedVault(f vaultFlags) plan.Vault {
	v := plan.Vault{AskVaultPass: f.AskVaultPass}
	for _, p := range f.PasswordFiles.Value() {
		v.PasswordFiles = append(v.PasswordFiles, absPath(p))
	}
	for _, id := range f.VaultIDs.Value() {
		label, source, ok := strings.Cut(id, "@")
		if ok && source != "prompt" {
			id = label + "@" + absPath(source)
		} else if !ok && id != "prompt" {
			id = absPath(id)
		}
		v.IDs = append(v.IDs, id)
	}
	return v
}

// plannedVault is the plan's vault references as flags, unless the
// apply names its own vault password source.
func plannedVault(v plan.Vault, given vaultFlags) vaultFlags {
	if len(given.PasswordFiles.Value()) > 0 || len(given.VaultIDs.Value()) > 0 || given.AskVaultPass {
		return given
	}
	return vaultFlags{PasswordFiles: *cli.NewStringSlice(v.PasswordFiles...), VaultIDs: *cli.NewStringSlice(v.IDs...),
		AskVaultPass: v.AskVaultPass}
}
