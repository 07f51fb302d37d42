package ansiblecfg

import "strings"

// Settings are the typed values of a Config that edxplay acts on; each
// field is named for its ansible.cfg key (docs/ansible-cfg.md says what
// edxplay does with it). Paths are absolute.
type Settings struct {
	RolesPath []string
	// Library (DEFAULT_MODULE_PATH), ModuleUtils and CollectionsPaths are
	// where a playbook's own modules, their module_utils and collections
	// are looked for.
	Library          []string
	ModuleUtils      []string
	CollectionsPaths []string
	// FilterPlugins and TestPlugins (DEFAULT_FILTER_PLUGIN_PATH,
	// DEFAULT_TEST_PLUGIN_PATH) hold Python filter and test plugins.
	FilterPlugins    []string
	TestPlugins      []string
	Inventory        []string
	Forks            int
	RemoteUser       string
	PrivateKeyFile   string
	HostKeyChecking  bool
	Become           bool
	BecomeUser       string
	BecomeMethod     string
	BecomeAskPass    bool
	Jinja2Extensions []string
	// Jinja2Native is jinja2_native (DEFAULT_JINJA2_NATIVE).
	Jinja2Native      bool
	VaultPasswordFile string
	VaultIdentityList []string
	Timeout           int
	// SSHArgs, ControlPath and Pipelining ([ssh_connection]) are accepted:
	// edxplay's SSH transport keeps one connection per host on its own.
	SSHArgs           string
	ControlPath       string
	Pipelining        bool
	RetryFilesEnabled bool
	StdoutCallback    string
	// LoadCallbackPlugins (bin_ansible_callbacks) lets stdout_callback
	// choose the ansible command's output.
	LoadCallbackPlugins bool
	Gathering           string
	AnyErrorsFatal      bool
	NoColor             bool
	ForceColor          bool
	AnsibleManaged      string
	HashBehaviour       string
	CallbacksEnabled    []string
	DeprecationWarnings bool
	LocalhostWarning    bool
	HostPatternMismatch string
	// DuplicateDictKey is duplicate_dict_key (DUPLICATE_YAML_DICT_KEY): what a
	// duplicate mapping key in a YAML file does, "warn", "error" or "ignore".
	DuplicateDictKey string
	// ErrorOnMissingHandler is error_on_missing_handler: a notify of no
	// handler ends the run (else it is a warning).
	ErrorOnMissingHandler bool
	InterpreterPython     string
	ForceHandlers         bool
	ErrorOnUndefined      bool
	DisplaySkippedHosts   bool
	DisplayOkHosts        bool
	// ShowCustomStats shows set_stats' data after the recap.
	ShowCustomStats bool
	// UnparsedWarning, UnparsedIsFailed and AnyUnparsedIsFailed say what
	// an inventory source that cannot be parsed does.
	UnparsedWarning     bool
	UnparsedIsFailed    bool
	AnyUnparsedIsFailed bool
}

// Settings returns the typed settings.
func (c *Config) Settings() Settings {
	return Settings{
		RolesPath: c.list("DEFAULT_ROLES_PATH"), Library: c.list("DEFAULT_MODULE_PATH"),
		ModuleUtils: c.list("DEFAULT_MODULE_UTILS_PATH"), CollectionsPaths: c.list("COLLECTIONS_PATHS"),
		Inventory:     c.list("DEFAULT_HOST_LIST"),
		FilterPlugins: c.list("DEFAULT_FILTER_PLUGIN_PATH"), TestPlugins: c.list("DEFAULT_TEST_PLUGIN_PATH"),
		Forks: c.int("DEFAULT_FORKS"), RemoteUser: c.str("DEFAULT_REMOTE_USER"),
		PrivateKeyFile: c.str("DEFAULT_PRIVATE_KEY_FILE"), HostKeyChecking: c.bool("HOST_KEY_CHECKING"),
		Become: c.bool("DEFAULT_BECOME"), BecomeUser: c.str("DEFAULT_BECOME_USER"),
		BecomeMethod: c.str("DEFAULT_BECOME_METHOD"), BecomeAskPass: c.bool("DEFAULT_BECOME_ASK_PASS"),
		Jinja2Extensions: c.list("DEFAULT_JINJA2_EXTENSIONS"), Jinja2Native: c.bool("DEFAULT_JINJA2_NATIVE"), VaultPasswordFile: c.str("DEFAULT_VAULT_PASSWORD_FILE"),
		VaultIdentityList: c.list("DEFAULT_VAULT_IDENTITY_LIST"), Timeout: c.int("DEFAULT_TIMEOUT"),
		SSHArgs: c.str("ssh_args"), ControlPath: c.str("control_path"), Pipelining: c.bool("ssh_pipelining"),
		RetryFilesEnabled: c.bool("RETRY_FILES_ENABLED"), StdoutCallback: c.str("DEFAULT_STDOUT_CALLBACK"),
		LoadCallbackPlugins: c.bool("DEFAULT_LOAD_CALLBACK_PLUGINS"),
		Gathering:           c.str("DEFAULT_GATHERING"), AnyErrorsFatal: c.bool("ANY_ERRORS_FATAL"),
		NoColor: c.bool("ANSIBLE_NOCOLOR"), ForceColor: c.bool("ANSIBLE_FORCE_COLOR"),
		AnsibleManaged: c.str("DEFAULT_MANAGED_STR"), HashBehaviour: c.str("DEFAULT_HASH_BEHAVIOUR"),
		CallbacksEnabled: c.list("CALLBACKS_ENABLED"), DeprecationWarnings: c.bool("DEPRECATION_WARNINGS"),
		LocalhostWarning: c.bool("LOCALHOST_WARNING"), HostPatternMismatch: c.str("HOST_PATTERN_MISMATCH"),
		DuplicateDictKey: c.str("DUPLICATE_YAML_DICT_KEY"), ErrorOnMissingHandler: c.bool("ERROR_ON_MISSING_HANDLER"),
		InterpreterPython: c.str("INTERPRETER_PYTHON"), ForceHandlers: c.bool("DEFAULT_FORCE_HANDLERS"),
		ErrorOnUndefined: c.bool("DEFAULT_UNDEFINED_VAR_BEHAVIOR"), DisplaySkippedHosts: c.bool("DISPLAY_SKIPPED_HOSTS"),
		DisplayOkHosts: c.bool("display_ok_hosts"), ShowCustomStats: c.bool("show_custom_stats"), UnparsedWarning: c.bool("INVENTORY_UNPARSED_WARNING"),
		UnparsedIsFailed: c.bool("INVENTORY_UNPARSED_IS_FAILED"), AnyUnparsedIsFailed: c.bool("INVENTORY_ANY_UNPARSED_IS_FAILED"),
	}
}

func (c *Config) str(name string) string {
	s, _ := c.values[name].Value.(string)
	return s
}

func (c *Config) bool(name string) bool {
	b, _ := c.values[name].Value.(bool)
	return b
}

func (c *Config) int(name string) int {
	n, _ := c.values[name].Value.(int)
	return n
}

// list is a list setting; a string one (jinja2_extensions, whose type
// Ansible leaves as text) is split on commas as Ansible's templar does.
func (c *Config) list(name string) []string {
	switch v := c.values[name].Value.(type) {
	case []string:
		return v
	case string:
		var out []string
		for _, p := range strings.Split(v, ",") {
			if p = strings.TrimSpace(p); p != "" {
				out = append(out, p)
			}
		}
		return out
	}
	return nil
}
