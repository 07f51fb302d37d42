package modules

import (
	"context"
	"fmt"
	"strings"

	"github.com/edxplay/edxplay/internal/modspec"
	"github.com/edxplay/edxplay/modules/hostfile"
)

// AptKey adds or removes OpenPGP keys apt trusts, with apt-key and gpg on the target.
type AptKey struct{}

// Spec describes apt_key's arguments.
func (AptKey) Spec() modspec.Spec {
	return modspec.Spec{
		Name:  "apt_key",
		Short: "Add or remove an apt key",
		Args: []modspec.Arg{
			{Name: "id", Type: modspec.String, Doc: "Key id (8, 16 or 40 hex digits); derived from the key when not given."},
			{Name: "url", Type: modspec.String, Doc: "URL to download the key from (on the target)."},
			{Name: "data", Type: modspec.String, Doc: "The key itself (armored or binary)."},
			{Name: "file", Type: modspec.Path, Doc: "Path of a key file on the target."},
			{Name: "keyring", Type: modspec.Path, Doc: "Keyring to add the key to instead of apt's default."},
			{Name: "keyserver", Type: modspec.String, Doc: "Keyserver to receive the key id from."},
			{Name: "state", Type: modspec.String, Default: "present", Choices: []string{"absent", "present"}, Doc: "Whether the key is present."},
			{Name: "validate_certs", Type: modspec.Bool, Default: true, Doc: "Check the TLS certificate of url."},
		},
		MutuallyExclusive: [][]string{{"data", "file", "keyserver", "url"}},
		Example:           "- apt_key:\n    url: https://example.org/key.asc\n    keyring: /etc/apt/trusted.gpg.d/example.gpg\n",
	}
}

// keyOp is one apt_key invocation.
type keyOp struct {
	call *Call
	a    args
	fs   *hostfile.FS
	file string // the key on the target (given, downloaded or written)
}

// Run adds or removes the key.
func (m AptKey) Run(ctx context.Context, call *Call) (*Result, error) {
	return runDescribed(ctx, m, call)
}

// Describe finds the key's id (staging a key given by data or url in a
// temporary file the description holds until Release), lists the keys apt
// trusts and describes adding or removing it, changing nothing.
func (AptKey) Describe(ctx context.Context, call *Call) (*Planned, error) {
	k := &keyOp{call: call, a: args(call.Args), fs: hostfile.New(call.Conn, call.Become)}
	p := k.describe(ctx)
	p.release = func() { k.cleanup(context.WithoutCancel(ctx)) }
	return p, nil
}

// describe describes the key's change.
func (k *keyOp) describe(ctx context.Context) *Planned {
	id := strings.ToUpper(strings.TrimPrefix(strings.TrimPrefix(k.a.str("id"), "0x"), "0X"))
	if id == "" {
		if k.a.has("keyserver") {
			return reported(&Result{Failed: true, Msg: "Missing key_id, required with keyserver."})
		}
		var err error
		if id, err = k.keyIDFromSource(ctx); err != nil {
			return reported(&Result{Failed: true, Msg: err.Error()})
		}
	}
	if !isHex(id) || len(id) < 8 {
		return reported(&Result{Failed: true, Msg: "Invalid key_id", Data: map[string]any{"id": id}})
	}
	data := map[string]any{"id": id, "short_id": id[len(id)-8:], "fp": id, "key_id": id}
	if len(id) >= 16 {
		data["fp"] = id[len(id)-16:]
	}
	keys, err := k.listKeys(ctx)
	if err != nil {
		return reported(&Result{Failed: true, Msg: err.Error(), Data: data})
	}
	data["before"] = keys
	present := hasKey(keys, id)
	want := k.a.str("state") == "present"
	if present == want {
		return reported(&Result{Data: data})
	}
	out := &Result{Changed: true, Data: data}
	if k.call.Diff {
		out.Diffs = []modspec.Diff{{Before: keyState(id, present), After: keyState(id, want)}}
	}
	return planned(out, func(ctx context.Context, call *Call) (*Result, error) {
		return k.applyAndVerify(ctx, call, reportedTo(out, call), id, want)
	})
}

// applyAndVerify adds or deletes the key and checks apt's keys afterwards.
func (k *keyOp) applyAndVerify(ctx context.Context, call *Call, out *Result, id string, want bool) (*Result, error) {
	k.call = call
	data := out.Data
	if err := k.apply(ctx, id, want); err != nil {
		return &Result{Failed: true, Msg: err.Error(), Data: data}, nil
	}
	if after, err := k.listKeys(ctx); err == nil {
		data["after"] = after
		if hasKey(after, id) != want {
			verb := map[bool]string{true: "failed to add the key", false: "the key was not removed"}[want]
			return &Result{Failed: true, Msg: "apt-key did not return an error, but " + verb + " (check that the id is correct and *not* a subkey)", Data: data}, nil
		}
	}
	return out, nil
}

func keyState(id string, present bool) string {
	return fmt.Sprintf("key %s: %s\n", id, map[bool]string{true: "present", false: "absent"}[present])
}

// hasKey reports whether a listed fingerprint ends with id.
func hasKey(keys []any, id string) bool {
	for _, k := range keys {
		if strings.HasSuffix(fmt.Sprint(k), id) {
			return true
		}
	}
	return false
}

func isHex(s string) bool {
	for _, c := range s {
		if !strings.ContainsRune("0123456789ABCDEF", c) {
			return false
		}
	}
	return s != ""
}

// aptKeyCmd is apt-key with the keyring option.
func (k *keyOp) aptKeyCmd() string {
	if kr := k.a.str("keyring"); kr != "" {
		return "apt-key --keyring " + hostfile.Quote(kr)
	}
	return "apt-key"
}

// listKeys returns the fingerprints apt trusts (in the keyring).
func (k *keyOp) listKeys(ctx context.Context) ([]any, error) {
	res, err := k.fs.Run(ctx, "LC_ALL=C APT_KEY_DONT_WARN_ON_DANGEROUS_USAGE=1 "+k.aptKeyCmd()+" adv --list-public-keys --with-colons --fingerprint 2>/dev/null")
	if err != nil {
		return nil, err
	}
	keys := []any{}
	for _, line := range strings.Split(res.Stdout, "\n") {
		if f := strings.Split(line, ":"); len(f) > 9 && f[0] == "fpr" {
			keys = append(keys, f[9])
		}
	}
	return keys, nil
}

// keyIDFromSource finds the first key's long id in the key given by
// data, file or url, using gpg on the target.
func (k *keyOp) keyIDFromSource(ctx context.Context) (string, error) {
	if err := k.materialize(ctx); err != nil {
		return "", err
	}
	if k.file == "" {
		return "", fmt.Errorf("one of id, data, file or url is required")
	}
	out, err := k.fs.Exec(ctx, "LC_ALL=C gpg --batch --with-colons --show-keys "+hostfile.Quote(k.file))
	if err != nil {
		return "", fmt.Errorf("Unable to extract key from '%s': %w", k.a.str("file")+k.a.str("url"), err)
	}
	for _, line := range strings.Split(out, "\n") {
		if f := strings.Split(line, ":"); len(f) > 4 && f[0] == "pub" {
			return strings.ToUpper(f[4]), nil
		}
	}
	return "", fmt.Errorf("Unable to continue as we could not extract a valid fingerprint to compare against existing keys.")
}

// materialize puts the key into a file on the target: given, downloaded or written from data.
func (k *keyOp) materialize(ctx context.Context) error {
	switch {
	case k.file != "":
		return nil
	case k.a.has("file"):
		k.file = k.a.str("file")
	case k.a.has("url"):
		tmp, err := downloadOnTarget(ctx, k.fs, k.a.str("url"), downloadOptions{insecure: !k.a.boolean("validate_certs")})
		if err != nil {
			return err
		}
		k.file = tmp
	case k.a.has("data"):
		out, err := k.fs.Exec(ctx, "mktemp")
		if err != nil {
			return fmt.Errorf("create temporary key file: %w", err)
		}
		k.file = strings.TrimSpace(out)
		if err := k.call.Conn.WriteFile(ctx, k.file, []byte(k.a.str("data")), fileAttrsFor(k.call)); err != nil {
			return err
		}
	}
	return nil
}

// cleanup removes a downloaded or written key file.
func (k *keyOp) cleanup(ctx context.Context) {
	if k.file != "" && k.file != k.a.str("file") {
		_, _ = k.fs.Run(ctx, "rm -f "+hostfile.Quote(k.file))
	}
}

// apply adds or deletes the key with apt-key.
func (k *keyOp) apply(ctx context.Context, id string, add bool) error {
	env := "APT_KEY_DONT_WARN_ON_DANGEROUS_USAGE=1 "
	if !add {
		_, err := k.fs.Exec(ctx, env+k.aptKeyCmd()+" del "+hostfile.Quote(id[len(id)-8:]))
		return err
	}
	if k.a.has("keyserver") {
		_, err := k.fs.Exec(ctx, env+k.aptKeyCmd()+" adv --no-tty --keyserver "+hostfile.Quote(k.a.str("keyserver"))+" --recv "+hostfile.Quote(id))
		return err
	}
	if err := k.materialize(ctx); err != nil {
		return err
	}
	_, err := k.fs.Exec(ctx, env+k.aptKeyCmd()+" add "+hostfile.Quote(k.file))
	return err
}
