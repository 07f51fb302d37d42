package ansiblefilters

import (
	"strings"

	j "github.com/edxplay/edxplay/internal/jinja2"
	"github.com/edxplay/edxplay/internal/vault"
)

// vaultText is a vault filter's str argument (an undefined one fails).
func vaultText(v j.Value, what string) (string, error) {
	if v.IsUndefined() {
		return text(v)
	}
	if !isStr(v) {
		return "", filterTypeError(what, pyClass(v))
	}
	return v.StrValue(), nil
}

// vaultFilter is Ansible's vault: data encrypted with secret, as a vault
// envelope (format 1.2 with the vault id); the result is secret.
func vaultFilter(_ *j.CallContext, a []j.Value) (j.Value, error) {
	secret, err := vaultText(a[1], "Secret passed is required to be a string, instead we got: %s")
	if err != nil {
		return j.None, err
	}
	data, err := vaultText(a[0], "Can only vault strings, instead we got: %s")
	if err != nil {
		return j.None, err
	}
	id, err := text(a[3])
	if err != nil {
		return j.None, err
	}
	var out []byte
	if t, _ := truth(a[2]); t {
		salt, _ := text(a[2])
		out, err = vault.EncryptWithSalt([]byte(data), []byte(secret), id, []byte(salt))
	} else {
		out, err = vault.Encrypt([]byte(data), []byte(secret), id)
	}
	if err != nil {
		return j.None, wrappedIn2("Unable to encrypt: ", err)
	}
	return j.Str(string(out)), nil
}

// unvault is Ansible's unvault: the plain text of a vault envelope (other
// strings come back as they are); the result is secret.
func unvault(_ *j.CallContext, a []j.Value) (j.Value, error) {
	secret, err := vaultText(a[1], "Secret passed is required to be as string, instead we got: %s")
	if err != nil {
		return j.None, err
	}
	data, err := vaultText(a[0], "Vault should be in the form of a string, instead we got: %s")
	if err != nil {
		return j.None, err
	}
	if !vault.IsEncrypted([]byte(data)) {
		return j.Str(data), nil
	}
	id, _ := text(a[2])
	plain, err := vault.Decrypt([]byte(data), vault.NewSecrets(vault.Secret{ID: id, Password: []byte(secret)}))
	if err != nil {
		return j.None, wrappedIn2("Unable to decrypt: ", err)
	}
	return j.Str(string(plain)).WithMark(j.Secret), nil
}

// wrappedIn2 is Ansible's AnsibleFilterError(prefix + e, orig_exc=e) for a
// vault error, whose message Ansible capitalizes.
func wrappedIn2(prefix string, err error) error {
	msg := err.Error()
	if msg != "" {
		msg = strings.ToUpper(msg[:1]) + msg[1:]
	}
	return j.NewError("AnsibleFilterError", "%s%s. %s", prefix, msg, msg)
}
