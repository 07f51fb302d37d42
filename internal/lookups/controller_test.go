package lookups

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/edxplay/edxplay/internal/jinja2"
	"github.com/edxplay/edxplay/internal/vault"
)

// testController is a small real templar for the tests: variables from a
// dict, templating with internal/jinja2, vault files decrypted with the
// test password, a fixed environment and a few settings.
type testController struct {
	t        *testing.T
	vars     *jinja2.Dict
	play     string
	secrets  vault.Secrets
	warnings []string
}

func newTestController(t *testing.T, vars *jinja2.Dict) *testController {
	play, err := filepath.Abs("testdata/play")
	if err != nil {
		t.Fatal(err)
	}
	return &testController{t: t, vars: vars, play: play,
		secrets: vault.NewSecrets(vault.Secret{ID: "default", Password: []byte("testpass")})}
}

var testEnviron = map[string]string{"EDX_LT_A": "alpha", "EDX_LT_B": "beta  gamma", "HOME": "/root"}

var testSettings = map[string]jinja2.Value{
	"DEFAULT_FORKS": jinja2.Int(5), "HOST_KEY_CHECKING": jinja2.Bool(true), "DEFAULT_GATHERING": jinja2.Str("implicit"),
}

// env returns an environment whose globals include this controller's
// lookups.
func (c *testController) env(ctx context.Context, cfg jinja2.Config, loader jinja2.Loader) *jinja2.Environment {
	env := jinja2.NewEnvironment(cfg, loader)
	for name, fn := range Globals(ctx, c) {
		env.AddGlobal(name, fn)
	}
	return env
}

func (c *testController) Template(ctx context.Context, v jinja2.Value, failOnUndefined bool) (jinja2.Value, error) {
	switch v.Kind() {
	case jinja2.StrKind:
		s := v.StrValue()
		if v.IsUnsafe() || !strings.Contains(s, "{{") && !strings.Contains(s, "{%") {
			return v, nil
		}
		tpl, err := c.env(ctx, jinja2.AnsibleConfig(), nil).Parse("term", s)
		if err != nil {
			return jinja2.None, err
		}
		r, err := tpl.Eval(jinja2.DictVars{D: c.vars})
		if err != nil && jinja2.ErrorClass(err) == "UndefinedError" {
			if !failOnUndefined {
				return v, nil
			}
			// Templar.template: AnsibleUndefinedVariable(e, orig_exc=e).
			msg := messageOf(err)
			return jinja2.None, jinja2.NewError("AnsibleUndefinedVariable", "%s. %s", msg, msg)
		}
		return r, err
	case jinja2.ListKind, jinja2.TupleKind:
		out := make([]jinja2.Value, len(v.Items()))
		for i, it := range v.Items() {
			r, err := c.Template(ctx, it, failOnUndefined)
			if err != nil {
				return jinja2.None, err
			}
			out[i] = r
		}
		return jinja2.WithMarksOf(jinja2.NewList(out...), v), nil
	case jinja2.DictKind:
		d := jinja2.NewDict()
		for i, k := range v.DictOf().Keys() {
			r, err := c.Template(ctx, v.DictOf().Values()[i], failOnUndefined)
			if err != nil {
				return jinja2.None, err
			}
			if err := d.Set(k, r); err != nil {
				return jinja2.None, err
			}
		}
		return jinja2.DictValue(d), nil
	}
	return v, nil
}

func (c *testController) Var(_ context.Context, name string) (jinja2.Value, bool, error) {
	if v, ok := c.vars.GetStr(name); ok {
		return v, true, nil
	}
	hv, _ := c.vars.GetStr("hostvars")
	host, _ := c.vars.GetStr("inventory_hostname")
	if h, err := jinja2.GetItem(hv, host); err == nil && h.DictOf() != nil {
		v, ok := h.DictOf().GetStr(name)
		return v, ok, nil
	}
	return jinja2.None, false, nil
}

func (c *testController) VarNames(context.Context) []string {
	var out []string
	for _, k := range c.vars.Keys() {
		out = append(out, k.StrValue())
	}
	return out
}

func (c *testController) BaseDir() string { return c.play }

func (c *testController) Getenv(name string) (string, bool) {
	v, ok := testEnviron[name]
	return v, ok
}

// dirLoader loads includes from the template lookup's search path.
type dirLoader []string

func (d dirLoader) Load(name string) (string, error) {
	for _, dir := range d {
		if data, err := os.ReadFile(filepath.Join(dir, name)); err == nil {
			return string(data), nil
		}
	}
	return "", jinja2.NewError("TemplateNotFound", "%s", name)
}

func (c *testController) RenderTemplate(ctx context.Context, req TemplateRequest) (jinja2.Value, error) {
	cfg := jinja2.AnsibleConfig()
	for dst, src := range map[*string]string{&cfg.VariableStart: req.VariableStart, &cfg.VariableEnd: req.VariableEnd,
		&cfg.CommentStart: req.CommentStart, &cfg.CommentEnd: req.CommentEnd} {
		if src != "" {
			*dst = src
		}
	}
	vars := c.vars.Copy()
	vars.SetStr("template_path", jinja2.Str(req.Path))
	if req.TemplateVars != nil {
		for i, k := range req.TemplateVars.Keys() {
			_ = vars.Set(k, req.TemplateVars.Values()[i])
		}
	}
	tpl, err := c.env(ctx, cfg, dirLoader(req.SearchPath)).Parse(req.Path, req.Source)
	if err != nil {
		return jinja2.None, err
	}
	run := tpl.Render
	if req.ConvertData {
		run = tpl.Eval
	}
	v, err := run(jinja2.DictVars{D: vars})
	if err != nil || v.Kind() != jinja2.StrKind {
		return v, err
	}
	// preserve_trailing_newlines: the newlines Jinja2 dropped are added back.
	s := v.StrValue()
	want := len(req.Source) - len(strings.TrimRight(req.Source, "\n"))
	have := len(s) - len(strings.TrimRight(s, "\n"))
	if want > have {
		s += strings.Repeat("\n", want-have)
	}
	return jinja2.WithMarksOf(jinja2.Str(s), v), nil
}

func (c *testController) Decrypt(_ context.Context, data []byte, _ string) ([]byte, bool, error) {
	if !vault.IsEncrypted(data) {
		return data, false, nil
	}
	plain, err := vault.Decrypt(data, c.secrets)
	return plain, true, err
}

func (c *testController) Config(_ context.Context, ptype, pname, name string) (jinja2.Value, bool, error) {
	if ptype != "" {
		return jinja2.None, false, nil
	}
	v, ok := testSettings[name]
	return v, ok, nil
}

func (c *testController) Warn(msg string) { c.warnings = append(c.warnings, msg) }
