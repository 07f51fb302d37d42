package lookups

import (
	"context"
	"path/filepath"

	"github.com/edxplay/edxplay/internal/jinja2"
)

var templateOptions = []option{
	{name: "convert_data", typ: optBool, def: jinja2.Bool(true)},
	{name: "template_vars", typ: optDict, def: jinja2.DictValue(jinja2.NewDict())},
	{name: "jinja2_native", typ: optBool, def: jinja2.Bool(false)},
	{name: "variable_start_string", typ: optStr, def: jinja2.Str("{{")},
	{name: "variable_end_string", typ: optStr, def: jinja2.Str("}}")},
	{name: "comment_start_string", typ: optStr},
	{name: "comment_end_string", typ: optStr},
}

// lookupTemplate renders each template file found in the templates
// search path with the controller's templar.
func lookupTemplate(ctx context.Context, r *runner, terms jinja2.Value, kw *jinja2.Dict) ([]jinja2.Value, error) {
	opts, err := options("template", templateOptions, kw)
	if err != nil {
		return nil, err
	}
	notFound := func(term string) error {
		return errorf("the template file %s could not be found for the lookup", term)
	}
	return eachFile(ctx, r, terms, "templates", notFound, nil, func(f foundFile) (jinja2.Value, error) {
		req := TemplateRequest{
			Term: f.term, Path: f.path, Source: string(f.data),
			TemplateVars:  opts["template_vars"].DictOf(),
			VariableStart: strOpt(opts, "variable_start_string"), VariableEnd: strOpt(opts, "variable_end_string"),
			CommentStart: strOpt(opts, "comment_start_string"), CommentEnd: strOpt(opts, "comment_end_string"),
			ConvertData: opts["convert_data"].BoolValue(), Native: opts["jinja2_native"].BoolValue(),
		}
		var err error
		if req.SearchPath, err = templateSearchPath(ctx, r.ctrl, f.path); err != nil {
			return jinja2.Value{}, err
		}
		res, err := r.ctrl.RenderTemplate(ctx, req)
		if err != nil {
			return jinja2.Value{}, err
		}
		if !req.ConvertData && res.Kind() == jinja2.StrKind {
			res = jinja2.AsNativeText(res)
		}
		if f.secret {
			res = res.WithMark(jinja2.Secret)
		}
		return res, nil
	})
}

// templateSearchPath is where the template's includes are found: its own
// directory, then each ansible_search_path entry's templates/ and itself.
func templateSearchPath(ctx context.Context, ctrl Controller, path string) ([]string, error) {
	out := []string{filepath.Dir(path)}
	v, ok, err := ctrl.Var(ctx, "ansible_search_path")
	if err != nil || !ok {
		return out, err
	}
	items, err := jinja2.Iterate(v)
	if err != nil {
		return nil, err
	}
	for _, p := range items {
		out = append(out, filepath.Join(pyStr(p), "templates"), pyStr(p))
	}
	return out, nil
}

func lookupURL(_ context.Context, _ *runner, terms jinja2.Value, _ *jinja2.Dict) ([]jinja2.Value, error) {
	list, err := items(terms)
	if err != nil {
		return nil, err
	}
	for _, t := range list {
		return nil, errorf("Failed lookup url for %s : the url lookup is not available: edxplay makes no network requests from templates", pyStr(t))
	}
	return nil, nil
}
