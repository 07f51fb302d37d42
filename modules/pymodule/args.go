package pymodule

import (
	"fmt"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/edxplay/edxplay/internal/pyvalue"
	"github.com/edxplay/edxplay/modules"
)

// ansibleVersion is the _ansible_version of modules sent without a
// payload (old-style, WANT_JSON, binary): the ansible-core series edxplay
// follows. New-style modules get the controller's ansible-core version.
const ansibleVersion = "2.14.0"

// selinuxSpecialFS is ansible-core's DEFAULT_SELINUX_SPECIAL_FS.
var selinuxSpecialFS = []any{"fuse", "nfs", "vboxsf", "ramfs", "9p", "vfat"}

// moduleArgs are the task's arguments with the internal _ansible_*
// arguments Ansible adds (ActionBase._update_module_args).
func moduleArgs(call *modules.Call, name string, verbosity int, host modules.HostContext) map[string]any {
	args := make(map[string]any, len(call.Args)+16)
	for k, v := range call.Args {
		args[k] = v
	}
	facility := varString(host, "ansible_syslog_facility")
	if facility == "" {
		facility = "LOG_USER"
	}
	var socket any
	if s := varString(host, "ansible_socket"); s != "" {
		socket = s
	}
	internal := map[string]any{
		"_ansible_check_mode": call.Check, "_ansible_no_log": call.NoLog || envBool("ANSIBLE_NO_TARGET_SYSLOG"),
		"_ansible_debug": envBool("ANSIBLE_DEBUG"), "_ansible_diff": call.Diff, "_ansible_verbosity": verbosity,
		"_ansible_version": ansibleVersion, "_ansible_module_name": name, "_ansible_syslog_facility": facility,
		"_ansible_selinux_special_fs": selinuxSpecialFS, "_ansible_string_conversion_action": "warn",
		"_ansible_socket": socket, "_ansible_shell_executable": "/bin/sh",
		"_ansible_keep_remote_files": envBool("ANSIBLE_KEEP_REMOTE_FILES"), "_ansible_tmpdir": nil,
		"_ansible_remote_tmp": remoteTmp(host),
	}
	for k, v := range internal {
		args[k] = v
	}
	return args
}

// remoteTmp is the shell's remote_tmp: ansible_remote_tmp, ANSIBLE_REMOTE_TEMP, else ~/.ansible/tmp.
func remoteTmp(host modules.HostContext) string {
	if v := varString(host, "ansible_remote_tmp"); v != "" {
		return v
	}
	if v := os.Getenv("ANSIBLE_REMOTE_TEMP"); v != "" {
		return v
	}
	return "~/.ansible/tmp"
}

// envBool is an ANSIBLE_* boolean setting of the environment.
func envBool(name string) bool {
	b, _ := pyvalue.Boolean(os.Getenv(name))
	return b
}

// rlimitNofile is the RLIMIT_NOFILE soft limit to set before a new-style
// module runs: ansible_python_module_rlimit_nofile, else
// ANSIBLE_PYTHON_MODULE_RLIMIT_NOFILE; 0 leaves it.
func rlimitNofile(host modules.HostContext) (int, error) {
	s := varString(host, "ansible_python_module_rlimit_nofile")
	if s == "" {
		s = os.Getenv("ANSIBLE_PYTHON_MODULE_RLIMIT_NOFILE")
	}
	if s == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil {
		return 0, fmt.Errorf("PYTHON_MODULE_RLIMIT_NOFILE: invalid literal for int() with base 10: '%s'", s)
	}
	return n, nil
}

// encodeJSON is json.dumps of the arguments (keys sorted, so the same
// arguments give the same text).
func encodeJSON(args map[string]any) (string, error) {
	return pyvalue.JSON(args, pyvalue.JSONStyle{Indent: -1, ItemSep: ", ", KeySep: ": ", SortKeys: true})
}

// keyValueArgs is an old-style module's arguments file: each argument as
// key=value, the value Python's str() of it, shell-quoted.
func keyValueArgs(args map[string]any) string {
	keys := make([]string, 0, len(args))
	for k := range args {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		b.WriteString(k + "=" + shQuote(pyvalue.Str(args[k])) + " ")
	}
	return b.String()
}

// shellSafe are the words shlex.quote leaves bare.
var shellSafe = regexp.MustCompile(`^[\w@%+=:,./-]+$`)

// shQuote is Python's shlex.quote.
func shQuote(s string) string {
	if s == "" {
		return "''"
	}
	if shellSafe.MatchString(s) {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'"'"'`) + "'"
}
