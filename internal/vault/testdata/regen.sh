#!/bin/sh
# Regenerates the vault golden files with real ansible-core (2.14):
#   ansible-1.1.vault      ansible-vault encrypt with --vault-password-file
#   ansible-1.2-dev.vault  ansible-vault encrypt with --vault-id dev@password-dev
#   ansible-strings.yml    ansible-vault encrypt_string outputs in a vars file
#   fixedsalt/*.vault      ansible's VaultLib with a fixed salt (byte-exact)
# Passwords: password (vault id "default"), password-dev (vault id "dev").
set -eu
cd "$(dirname "$0")"

rm -f ansible-1.1.vault ansible-1.2-dev.vault
ansible-vault encrypt --vault-password-file password --output ansible-1.1.vault plain.yml
ansible-vault encrypt --vault-id dev@password-dev --output ansible-1.2-dev.vault plain.yml

{
	echo "---"
	echo "plain_var: not secret"
	ansible-vault encrypt_string --vault-password-file password --name db_password 's3cr3t-Pa$$word'
	echo
	ansible-vault encrypt_string --vault-id dev@password-dev --name dev_token 'dev-token-42'
	echo
	printf 'line one\nline two\n' |
		ansible-vault encrypt_string --vault-password-file password --stdin-name multi_line
	echo
} >ansible-strings.yml

# Use the interpreter ansible-vault runs with: it is the one with ansible.
python=$(head -n 1 "$(command -v ansible-vault)" | sed 's/^#! *//; s/ .*//')
"$python" fixedsalt.py fixedsalt
