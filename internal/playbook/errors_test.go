package playbook

import (
	"errors"
	"path/filepath"
	"testing"
)

func TestLoadErrors(t *testing.T) {
	const dir = "testdata/errors/"
	tests := []struct{ file, want, prefix string }{
		{"role_cycle.yml", "1:16: role dependency cycle: testdata/errors/roles/loopa -> testdata/errors/roles/loopb -> testdata/errors/roles/loopa",
			dir + "roles/loopb/meta/main.yml:"},
		{"alias_merge_bad.yml", "6:7: unknown module or keyword 'unknwn'", ""},
		{"bad_bool.yml", "3:13: module copy: argument 'force' is of type string and we were unable to convert to bool", ""},
		{"bad_choice.yml", "5:9: module file: value of state must be one of: absent, directory, file, hard, link, touch, got: dir", ""},
		{"bad_meta.yml", "3:13: invalid meta action requested: flush_handler", ""},
		{"bad_retries.yml", "6:16: retries: invalid literal for int() with base 10: 'notanumber'", ""},
		{"control_char.yml", "3:18: yaml syntax error: yaml: control characters are not allowed", ""},
		{"deep_blocks.yml", "103:407: blocks nest more than 100 levels deep (nesting limit)", ""},
		{"bad_vars.yml", "2:9: vars must be a mapping or a list of mappings", ""},
		{"block_module.yml", "5:7: 'debug' is not a valid attribute for a block", ""},
		{"conflicting.yml", "4:7: conflicting action statements: debug, command", ""},
		{"extra_params.yml", "3:7: this task 'debug' has extra params, which is only allowed in free-form modules and " +
			"add_host, group_by, import_role, import_tasks, include, include_role, include_tasks, include_vars, meta, set_fact", ""},
		{"import_nested.yml", "3:7: import_tasks tasks/broken.yml: testdata/errors/tasks/broken.yml:5:3: unknown module or keyword 'registr'", ""},
		{"include_bad_opt.yml", "5:9: invalid options for include_role: task_from", ""},
		{"loop_control.yml", "6:9: 'loop_vr' is not a valid attribute for loop_control", ""},
		{"loop_import.yml", "4:7: you cannot use loops on 'import_tasks' statements, use 'include_tasks' instead", ""},
		{"missing_required.yml", "3:7: module copy: missing required argument 'dest'", ""},
		{"missing_role.yml", "3:7: the role 'nosuchrole' was not found in testdata/errors/roles:testdata/errors", ""},
		{"mutually_exclusive.yml", "3:7: module copy: parameters are mutually exclusive: src|content", ""},
		{"no_action.yml", "3:7: no module/action detected in task", ""},
		{"no_hosts.yml", "1:3: the field 'hosts' is required but was not set", ""},
		{"syntax.yml", "3:1: yaml syntax error: did not find expected '-' indicator", ""},
		{"unknown_action.yml", "3:15: couldn't resolve module/action 'nosuch'", ""},
		{"unknown_arg_kv.yml", "3:13: module copy: unsupported parameter 'bogus' (supported: backup, content, dest, force, mode, owner, src)", ""},
		{"unknown_arg_map.yml", "6:9: module copy: unsupported parameter 'bogus' (supported: backup, content, dest, force, mode, owner, src)", ""},
		{"unknown_module.yml", "4:7: unknown module or keyword 'debgu'", ""},
		{"unknown_play_key.yml", "4:3: 'hostz' is not a valid attribute for a Play", ""},
		{"vars_prompt.yml", "3:7: invalid vars_prompt data structure, missing 'name' key", ""},
		{"bad_register.yml", "4:17: Invalid variable name in 'register' specified: 'my-result'", ""},
		{"templated_import_role.yml", "3:7: templated role names are supported in a play's roles only: {{ role }}", ""},
		{"with_unsupported.yml", "4:7: 'with_nosuchlookup' is not a valid attribute for a Task", ""},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			_, err := Load(filepath.Join(dir, tc.file), testOpts)
			if err == nil {
				t.Fatal("want an error")
			}
			want := dir + tc.file + ":" + tc.want
			if tc.prefix != "" {
				want = tc.prefix + tc.want
			}
			if err.Error() != want {
				t.Errorf("got  %s\nwant %s", err, want)
			}
			var le *Error
			if !errors.As(err, &le) {
				t.Errorf("error is not a *Error: %T", err)
			}
		})
	}
}
