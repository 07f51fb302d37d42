package pymodule

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"
)

// wrapperTemplate is edxplay's own AnsiballZ-style launcher, run by the
// target's Python (on stdin, or as a file): it writes the payload zip
// into a fresh temporary directory, puts it first on sys.path, hands the
// arguments to ansible.module_utils.basic (_ANSIBLE_ARGS) and runs the
// module as __main__, with _module_fqn and _modlib_path set as respawn
// needs them. The placeholders are filled by wrapperSource.
const wrapperTemplate = `#!@SHEBANG@
# -*- coding: utf-8 -*-
_ANSIBALLZ_WRAPPER = True
def _edxplay_ansiballz():
    import os
    try:
        os.getcwd()
    except OSError:
        try:
            os.chdir(os.path.expanduser('~'))
        except OSError:
            os.chdir('/')
@RLIMIT@
    import sys
    import __main__
    here = None
    try:
        here = os.path.dirname(os.path.realpath(__main__.__file__))
    except (AttributeError, OSError):
        pass
    sys.path = [p for p in sys.path if p not in ('', '.', here)]
    import base64, runpy, shutil, tempfile
    params = @PARAMS@
    if sys.version_info >= (3,):
        params = params.encode('utf-8')
    fqn = @FQN@
    temp = tempfile.mkdtemp(prefix='ansible_' + @NAME@ + '_payload_')
    try:
        modlib = os.path.join(temp, 'ansible_' + @NAME@ + '_payload.zip')
        with open(modlib, 'wb') as f:
            f.write(base64.b64decode(@ZIPDATA@))
        sys.path.insert(0, modlib)
        from ansible.module_utils import basic
        basic._ANSIBLE_ARGS = params
        runpy.run_module(mod_name=fqn, init_globals=dict(_module_fqn=fqn, _modlib_path=modlib),
                         run_name='__main__', alter_sys=True)
        print('{"msg": "New-style module did not handle its own exit", "failed": true}')
        sys.exit(1)
    finally:
        shutil.rmtree(temp, True)

if __name__ == '__main__':
    _edxplay_ansiballz()
`

// rlimitTemplate sets RLIMIT_NOFILE's soft limit (within the hard limit)
// before the module runs, as ANSIBLE_PYTHON_MODULE_RLIMIT_NOFILE asks.
const rlimitTemplate = `    import resource
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    want = min(hard, %d)
    if want != soft:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (want, hard))
        except ValueError:
            pass
`

// wrapperSource is the launcher of a new-style module: interpreter line,
// module name and fqn, the JSON of {"ANSIBLE_MODULE_ARGS": args} and the
// payload zip.
func wrapperSource(shebangLine, name, fqn string, paramsJSON string, zipData []byte, rlimit int) string {
	rl := ""
	if rlimit > 0 {
		rl = fmt.Sprintf(rlimitTemplate, rlimit)
	}
	r := strings.NewReplacer(
		"#!@SHEBANG@", shebangLine,
		"@RLIMIT@\n", rl,
		"@PARAMS@", pyString(paramsJSON),
		"@FQN@", pyString(fqn),
		"@NAME@", pyString(name),
		"@ZIPDATA@", pyString(base64.StdEncoding.EncodeToString(zipData)),
	)
	return r.Replace(wrapperTemplate)
}

// pyString is s as a Python string literal (JSON's escapes are Python's).
func pyString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
