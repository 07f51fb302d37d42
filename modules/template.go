package modules

import (
	"context"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"strings"

	"github.com/edxplay/edxplay/internal/modspec"
	"github.com/edxplay/edxplay/modules/hostfile"
)

// Template renders a Jinja2 template from templates/ onto the target.
type Template struct{}

// Spec describes template's arguments.
func (Template) Spec() modspec.Spec {
	return modspec.Spec{
		Name:  "template",
		Short: "Template a file out to a target host",
		Args: append([]modspec.Arg{
			{Name: "src", Type: modspec.Path, Required: true, Doc: "Template file; relative paths are looked up in templates/."},
			{Name: "dest", Type: modspec.Path, Required: true, Doc: "Destination path; an existing directory receives src's basename."},
			{Name: "backup", Type: modspec.Bool, Default: false, Doc: "Keep a timestamped backup of a replaced file."},
			{Name: "force", Type: modspec.Bool, Default: true, Doc: "Replace files whose content differs; false only creates missing files."},
			{Name: "follow", Type: modspec.Bool, Default: false, Doc: "Follow a symlink at dest."},
			{Name: "validate", Type: modspec.String, Doc: "Command validating the new file (%s is its path) before it is put in place."},
			{Name: "trim_blocks", Type: modspec.Bool, Default: true, Doc: "Remove the first newline after a block tag."},
			{Name: "lstrip_blocks", Type: modspec.Bool, Default: false, Doc: "Strip spaces and tabs before a block tag."},
			{Name: "output_encoding", Type: modspec.String, Default: "utf-8", Doc: "Encoding of the written file: utf-8, ascii, latin-1 or windows-1252 (and their aliases)."},
			{Name: "newline_sequence", Type: modspec.String, Default: "\n", Choices: []string{"\n", "\r", "\r\n", `\n`, `\r`, `\r\n`}, Doc: "Line ending of the template's lines (Jinja2's newline_sequence); the escaped forms are accepted as Ansible does."},
			{Name: "block_start_string", Type: modspec.String, Default: "{%", Doc: "Jinja2 block start delimiter."},
			{Name: "block_end_string", Type: modspec.String, Default: "%}", Doc: "Jinja2 block end delimiter."},
			{Name: "variable_start_string", Type: modspec.String, Default: "{{", Doc: "Jinja2 variable start delimiter."},
			{Name: "variable_end_string", Type: modspec.String, Default: "}}", Doc: "Jinja2 variable end delimiter."},
			{Name: "comment_start_string", Type: modspec.String, Default: "{#", Doc: "Jinja2 comment start delimiter."},
			{Name: "comment_end_string", Type: modspec.String, Default: "#}", Doc: "Jinja2 comment end delimiter."},
		}, fileAttrArgs()...),
		Example: "- template:\n    src: nginx.conf.j2\n    dest: /etc/nginx/nginx.conf\n    validate: nginx -t -c %s\n",
	}
}

// Run renders src and places the result at dest like copy does.
func (t Template) Run(ctx context.Context, call *Call) (*Result, error) {
	return runDescribed(ctx, t, call)
}

// Describe renders src, reads dest and describes the change, changing nothing.
func (Template) Describe(ctx context.Context, call *Call) (*Planned, error) {
	a := args(call.Args)
	src := a.str("src")
	local, err := findLocal(call.Host, "templates", src)
	if err != nil {
		// An error (not a failed result) so that the task's file:line is named.
		return nil, fmt.Errorf("Could not find or access '%s'", src)
	}
	data, err := call.Host.RenderFile(local, templateOptions(a))
	if err != nil {
		return nil, fmt.Errorf("render %s: %w", src, err)
	}
	if enc := a.str("output_encoding"); enc != "" {
		if data, err = encodeText(string(data), enc); err != nil {
			return nil, fmt.Errorf("output_encoding: %w", err)
		}
	}
	if a.str("mode") == "preserve" {
		if call, err = preserveMode(call, local); err != nil {
			return nil, err
		}
	}
	fs := hostfile.New(call.Conn, call.Become)
	p, err := describeOne(ctx, call, fs, src, a.str("dest"), local, func() ([]byte, error) { return data, nil })
	if err != nil || p.apply == nil {
		return p, err
	}
	apply := p.apply
	p.apply = func(ctx context.Context, c *Call) (*Result, error) {
		res, err := apply(ctx, c)
		if err == nil && res.Changed && !res.Failed {
			// Ansible's src is the rendered file it uploaded (a remote temp
			// file); edxplay sends the rendering straight from the
			// controller, so src names the template it rendered.
			res.Data["src"] = local
		}
		return res, err
	}
	return p, nil
}

// preserveMode returns call with mode=preserve replaced by the template
// file's own permission bits, as Ansible's template action does.
func preserveMode(call *Call, local string) (*Call, error) {
	st, err := os.Stat(local)
	if err != nil {
		return nil, fmt.Errorf("mode=preserve: %w", err)
	}
	c := *call
	c.Args = maps.Clone(call.Args)
	mode := uint32(st.Mode().Perm())
	for bit, octal := range map[fs.FileMode]uint32{fs.ModeSetuid: 0o4000, fs.ModeSetgid: 0o2000, fs.ModeSticky: 0o1000} {
		if st.Mode()&bit != 0 {
			mode |= octal
		}
	}
	c.Args["mode"] = fmt.Sprintf("0%03o", mode)
	return &c, nil
}

// templateDelimiters are the template module's Jinja2 delimiter options.
var templateDelimiters = []string{"block_start_string", "block_end_string", "variable_start_string",
	"variable_end_string", "comment_start_string", "comment_end_string"}

// templateOptions are a template task's Jinja2 settings; newline_sequence
// written escaped ('\r\n') means the character, as in Ansible's action.
func templateOptions(a args) TemplateOptions {
	opts := TemplateOptions{TrimBlocks: a.boolean("trim_blocks"), LstripBlocks: a.boolean("lstrip_blocks"),
		Dest: a.str("dest"), Overrides: map[string]string{}}
	opts.NewlineSequence = strings.NewReplacer(`\r`, "\r", `\n`, "\n").Replace(a.str("newline_sequence"))
	for _, k := range templateDelimiters {
		if a.has(k) {
			opts.Overrides[k] = a.str(k)
		}
	}
	return opts
}
