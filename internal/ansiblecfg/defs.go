package ansiblecfg

// valueType is how a setting's text is converted, as ansible's
// config.manager.ensure_type does.
type valueType int

const (
	typeString   valueType = iota // unquoted text
	typeBool                      // boolean(strict=False)
	typeInt                       // int()
	typeList                      // comma-separated, each item stripped and unquoted
	typePath                      // one path, ~ and $VARS expanded, relative to the origin
	typePathspec                  // ':'-separated paths
	typePathlist                  // ','-separated paths
)

// iniKey is a [section] key of ansible.cfg.
type iniKey struct{ section, key string }

// def is one setting: its name in ansible-config's output, where it is
// read from (later entries of a list win, as in Ansible) and its default.
type def struct {
	name    string
	env     []string
	ini     []iniKey
	typ     valueType
	def     any
	choices []string
	// plugin marks a connection/callback plugin option: read and
	// reported with -v, but not part of `config dump` (ansible-config
	// dump lists base settings only).
	plugin bool
}

// defs are the settings edxplay reads, with ansible-core 2.14's names,
// sources, types and defaults (lib/ansible/config/base.yml and the
// ssh connection and default callback plugins' documentation).
var defs = []def{
	{name: "ANSIBLE_FORCE_COLOR", env: []string{"ANSIBLE_FORCE_COLOR"}, ini: d("force_color"), typ: typeBool, def: false},
	{name: "ANSIBLE_NOCOLOR", env: []string{"ANSIBLE_NOCOLOR", "NO_COLOR"}, ini: d("nocolor"), typ: typeBool, def: false},
	{name: "ANSIBLE_PIPELINING", env: []string{"ANSIBLE_PIPELINING"},
		ini: []iniKey{{"defaults", "pipelining"}, {"connection", "pipelining"}}, typ: typeBool, def: false},
	{name: "ANY_ERRORS_FATAL", env: []string{"ANSIBLE_ANY_ERRORS_FATAL"}, ini: d("any_errors_fatal"), typ: typeBool, def: false},
	{name: "CALLBACKS_ENABLED", env: []string{"ANSIBLE_CALLBACK_WHITELIST", "ANSIBLE_CALLBACKS_ENABLED"},
		ini: d("callback_whitelist", "callbacks_enabled"), typ: typeList, def: []string{}},
	{name: "DEFAULT_BECOME", env: []string{"ANSIBLE_BECOME"}, ini: pe("become"), typ: typeBool, def: false},
	{name: "DEFAULT_BECOME_ASK_PASS", env: []string{"ANSIBLE_BECOME_ASK_PASS"}, ini: pe("become_ask_pass"), typ: typeBool, def: false},
	{name: "DEFAULT_BECOME_METHOD", env: []string{"ANSIBLE_BECOME_METHOD"}, ini: pe("become_method"), def: "sudo"},
	{name: "DEFAULT_BECOME_USER", env: []string{"ANSIBLE_BECOME_USER"}, ini: pe("become_user"), def: "root"},
	{name: "DEFAULT_FORCE_HANDLERS", env: []string{"ANSIBLE_FORCE_HANDLERS"}, ini: d("force_handlers"), typ: typeBool, def: false},
	{name: "DEFAULT_FORKS", env: []string{"ANSIBLE_FORKS"}, ini: d("forks"), typ: typeInt, def: 5},
	{name: "DEFAULT_GATHERING", env: []string{"ANSIBLE_GATHERING"}, ini: d("gathering"), def: "implicit",
		choices: []string{"implicit", "explicit", "smart"}},
	{name: "DEFAULT_HASH_BEHAVIOUR", env: []string{"ANSIBLE_HASH_BEHAVIOUR"}, ini: d("hash_behaviour"), def: "replace",
		choices: []string{"replace", "merge"}},
	{name: "DEFAULT_HOST_LIST", env: []string{"ANSIBLE_INVENTORY"}, ini: d("inventory"), typ: typePathlist, def: "/etc/ansible/hosts"},
	{name: "DEFAULT_LOAD_CALLBACK_PLUGINS", env: []string{"ANSIBLE_LOAD_CALLBACK_PLUGINS"}, ini: d("bin_ansible_callbacks"),
		typ: typeBool, def: false},
	{name: "DEFAULT_JINJA2_EXTENSIONS", env: []string{"ANSIBLE_JINJA2_EXTENSIONS"}, ini: d("jinja2_extensions"), def: []string{}},
	{name: "COLLECTIONS_PATHS", env: []string{"ANSIBLE_COLLECTIONS_PATHS", "ANSIBLE_COLLECTIONS_PATH"},
		ini: d("collections_paths", "collections_path"), typ: typePathspec, def: "~/.ansible/collections:/usr/share/ansible/collections"},
	{name: "DEFAULT_MODULE_PATH", env: []string{"ANSIBLE_LIBRARY"}, ini: d("library"), typ: typePathspec,
		def: "~/.ansible/plugins/modules:/usr/share/ansible/plugins/modules"},
	{name: "DEFAULT_FILTER_PLUGIN_PATH", env: []string{"ANSIBLE_FILTER_PLUGINS"}, ini: d("filter_plugins"), typ: typePathspec,
		def: "~/.ansible/plugins/filter:/usr/share/ansible/plugins/filter"},
	{name: "DEFAULT_TEST_PLUGIN_PATH", env: []string{"ANSIBLE_TEST_PLUGINS"}, ini: d("test_plugins"), typ: typePathspec,
		def: "~/.ansible/plugins/test:/usr/share/ansible/plugins/test"},
	{name: "DEFAULT_MODULE_UTILS_PATH", env: []string{"ANSIBLE_MODULE_UTILS"}, ini: d("module_utils"), typ: typePathspec,
		def: "~/.ansible/plugins/module_utils:/usr/share/ansible/plugins/module_utils"},
	{name: "DEFAULT_JINJA2_NATIVE", env: []string{"ANSIBLE_JINJA2_NATIVE"}, ini: d("jinja2_native"), typ: typeBool, def: false},
	{name: "DEFAULT_MANAGED_STR", ini: d("ansible_managed"), def: "Ansible managed"},
	{name: "DEFAULT_PRIVATE_KEY_FILE", env: []string{"ANSIBLE_PRIVATE_KEY_FILE"}, ini: d("private_key_file"), typ: typePath},
	{name: "DEFAULT_REMOTE_USER", env: []string{"ANSIBLE_REMOTE_USER"}, ini: d("remote_user")},
	{name: "DEFAULT_ROLES_PATH", env: []string{"ANSIBLE_ROLES_PATH"}, ini: d("roles_path"), typ: typePathspec,
		def: "~/.ansible/roles:/usr/share/ansible/roles:/etc/ansible/roles"},
	{name: "DEFAULT_STDOUT_CALLBACK", env: []string{"ANSIBLE_STDOUT_CALLBACK"}, ini: d("stdout_callback"), def: "default"},
	{name: "DEFAULT_TIMEOUT", env: []string{"ANSIBLE_TIMEOUT"}, ini: d("timeout"), typ: typeInt, def: 10},
	{name: "DEFAULT_UNDEFINED_VAR_BEHAVIOR", env: []string{"ANSIBLE_ERROR_ON_UNDEFINED_VARS"}, ini: d("error_on_undefined_vars"),
		typ: typeBool, def: true},
	{name: "DEFAULT_VAULT_IDENTITY_LIST", env: []string{"ANSIBLE_VAULT_IDENTITY_LIST"}, ini: d("vault_identity_list"),
		typ: typeList, def: []string{}},
	{name: "DEFAULT_VAULT_PASSWORD_FILE", env: []string{"ANSIBLE_VAULT_PASSWORD_FILE"}, ini: d("vault_password_file"), typ: typePath},
	{name: "DEPRECATION_WARNINGS", env: []string{"ANSIBLE_DEPRECATION_WARNINGS"}, ini: d("deprecation_warnings"), typ: typeBool, def: true},
	{name: "DISPLAY_SKIPPED_HOSTS", env: []string{"ANSIBLE_DISPLAY_SKIPPED_HOSTS"}, ini: d("display_skipped_hosts"), typ: typeBool, def: true},
	{name: "DUPLICATE_YAML_DICT_KEY", env: []string{"ANSIBLE_DUPLICATE_YAML_DICT_KEY"}, ini: d("duplicate_dict_key"),
		def: "warn", choices: []string{"warn", "error", "ignore"}},
	{name: "ERROR_ON_MISSING_HANDLER", env: []string{"ANSIBLE_ERROR_ON_MISSING_HANDLER"}, ini: d("error_on_missing_handler"),
		typ: typeBool, def: true},
	{name: "HOST_KEY_CHECKING", env: []string{"ANSIBLE_HOST_KEY_CHECKING"}, ini: d("host_key_checking"), typ: typeBool, def: true},
	{name: "HOST_PATTERN_MISMATCH", env: []string{"ANSIBLE_HOST_PATTERN_MISMATCH"}, ini: []iniKey{{"inventory", "host_pattern_mismatch"}},
		def: "warning", choices: []string{"error", "warning", "ignore"}},
	{name: "INTERPRETER_PYTHON", env: []string{"ANSIBLE_PYTHON_INTERPRETER"}, ini: d("interpreter_python"), def: "auto"},
	{name: "INVENTORY_ANY_UNPARSED_IS_FAILED", env: []string{"ANSIBLE_INVENTORY_ANY_UNPARSED_IS_FAILED"},
		ini: []iniKey{{"inventory", "any_unparsed_is_failed"}}, typ: typeBool, def: false},
	{name: "INVENTORY_UNPARSED_IS_FAILED", env: []string{"ANSIBLE_INVENTORY_UNPARSED_FAILED"},
		ini: []iniKey{{"inventory", "unparsed_is_failed"}}, typ: typeBool, def: false},
	{name: "INVENTORY_UNPARSED_WARNING", env: []string{"ANSIBLE_INVENTORY_UNPARSED_WARNING"},
		ini: []iniKey{{"inventory", "inventory_unparsed_warning"}}, typ: typeBool, def: true},
	{name: "LOCALHOST_WARNING", env: []string{"ANSIBLE_LOCALHOST_WARNING"}, ini: d("localhost_warning"), typ: typeBool, def: true},
	{name: "RETRY_FILES_ENABLED", env: []string{"ANSIBLE_RETRY_FILES_ENABLED"}, ini: d("retry_files_enabled"), typ: typeBool, def: false},

	// Plugin options (ssh connection, default callback).
	{name: "ssh_args", env: []string{"ANSIBLE_SSH_ARGS"}, ini: sc("ssh_args"), def: "-C -o ControlMaster=auto -o ControlPersist=60s", plugin: true},
	{name: "control_path", env: []string{"ANSIBLE_SSH_CONTROL_PATH"}, ini: sc("control_path"), plugin: true},
	{name: "ssh_pipelining", env: []string{"ANSIBLE_PIPELINING", "ANSIBLE_SSH_PIPELINING"},
		ini: []iniKey{{"defaults", "pipelining"}, {"connection", "pipelining"}, {"ssh_connection", "pipelining"}},
		typ: typeBool, def: false, plugin: true},
	{name: "display_ok_hosts", env: []string{"ANSIBLE_DISPLAY_OK_HOSTS"}, ini: d("display_ok_hosts"), typ: typeBool, def: true, plugin: true},
	{name: "show_custom_stats", env: []string{"ANSIBLE_SHOW_CUSTOM_STATS"}, ini: d("show_custom_stats"), typ: typeBool, def: false, plugin: true},
}

// d names keys of [defaults].
func d(keys ...string) []iniKey { return section("defaults", keys) }

// pe names keys of [privilege_escalation].
func pe(keys ...string) []iniKey { return section("privilege_escalation", keys) }

// sc names keys of [ssh_connection].
func sc(keys ...string) []iniKey { return section("ssh_connection", keys) }

func section(name string, keys []string) []iniKey {
	out := make([]iniKey, len(keys))
	for i, k := range keys {
		out[i] = iniKey{name, k}
	}
	return out
}
