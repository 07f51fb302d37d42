#!/usr/bin/env python3
"""Encrypt testdata/fixedsalt/*.plain with ansible-core's own VaultLib and a
fixed salt, so the Go encoder can be compared byte for byte."""
import binascii
import pathlib
import sys

from ansible.parsing.vault import VaultLib, VaultSecret

here = pathlib.Path(sys.argv[1])
salt = binascii.unhexlify((here / "salt.hex").read_text().strip())
secret = VaultSecret((here.parent / "password").read_bytes().strip())
for plain in sorted(here.glob("*.plain")):
    id_file = plain.with_suffix(".id")
    vault_id = id_file.read_text() if id_file.exists() else None
    out = VaultLib().encrypt(plain.read_bytes(), secret, vault_id=vault_id, salt=salt)
    plain.with_suffix(".vault").write_bytes(out)
