package vault

import (
	"fmt"
	"strings"
)

// Secret is one vault password and the vault id it is known by.
type Secret struct {
	// ID is the vault id ("default" for a secret given without a label).
	ID string
	// Password is the secret itself.
	Password []byte
}

// Secrets is an ordered list of vault secrets, tried in order when
// decrypting, and the Redactor that DecryptNode reports decrypted values to.
// The zero value holds no secret and no Redactor.
type Secrets struct {
	list     []Secret
	redactor *Redactor
}

// NewSecrets returns the given secrets, in order, with a fresh Redactor.
func NewSecrets(list ...Secret) Secrets {
	return Secrets{list: append([]Secret(nil), list...), redactor: NewRedactor()}
}

// Len is the number of secrets.
func (s Secrets) Len() int { return len(s.list) }

// List returns a copy of the secrets in order.
func (s Secrets) List() []Secret { return append([]Secret(nil), s.list...) }

// IDs returns the vault ids of the secrets in order.
func (s Secrets) IDs() []string {
	ids := make([]string, len(s.list))
	for i, sec := range s.list {
		ids[i] = sec.ID
	}
	return ids
}

// With returns s with more secrets appended (tried after the present ones).
func (s Secrets) With(more ...Secret) Secrets {
	s.list = append(s.List(), more...)
	return s
}

// Redactor returns the Redactor decrypted inline values are recorded in, or
// nil when there is none.
func (s Secrets) Redactor() *Redactor { return s.redactor }

// WithRedactor returns s recording decrypted inline values in r.
func (s Secrets) WithRedactor(r *Redactor) Secrets {
	s.redactor = r
	return s
}

// ForEncrypt picks the secret to encrypt with, as ansible's
// match_encrypt_secret: the first secret with vault id id, or when id is
// empty the first secret of all.
func (s Secrets) ForEncrypt(id string) (Secret, error) {
	for _, sec := range s.list {
		if id == "" || sec.ID == id {
			return sec, nil
		}
	}
	if id == "" {
		return Secret{}, fmt.Errorf("a vault password must be specified to encrypt data")
	}
	return Secret{}, fmt.Errorf("did not find a match for --encrypt-vault-id=%s in the known vault-ids [%s]", id, quotedList(s.IDs()))
}

// quotedList renders ids as Python prints a list of strings.
func quotedList(ids []string) string {
	q := make([]string, len(ids))
	for i, id := range ids {
		q[i] = "'" + id + "'"
	}
	return strings.Join(q, ", ")
}
