#!/usr/bin/env python3
"""Writes the keyword-inheritance e2e cases: cases/kw-<keyword>-<scope>/.

Each case sets one keyword at one scope (play, role entry, the entry of a
role that pulls the probe role in as a dependency, import_role,
include_role, include_role's apply, block, task, handler) around a probe that
observes it, then runs the same probe outside the scope (tag "after") to
show the keyword does not leak. regen.sh records what ansible-playbook
does; golden_test.go checks edxplay does the same.

Usage: testdata/gen-keyword-cases.py && testdata/regen.sh $(cd testdata/cases && ls -d kw-*)
"""
import os
import shutil
import textwrap

HERE = os.path.dirname(os.path.abspath(__file__))
CASES = os.path.join(HERE, "cases")

LOCAL = "h1 ansible_connection=local\n"
TWO = "h1 ansible_connection=local\nh2 ansible_connection=local\n"
# dead refuses connections: unreachable, quickly and deterministically.
DEAD = LOCAL + "dead ansible_connection=ssh ansible_host=127.0.0.1 ansible_port=1 ansible_user=nobody\n"

SCOPES = ["play", "role", "depchain", "import_role", "include_role", "apply", "block", "task", "handler"]


def kw(name, value, probe, *, report=None, play_extra="", inventory=LOCAL, hosts="all",
       args="", probes="", after=True, scopes=SCOPES, report_hosts=None):
    """A keyword's cases. probe(tag) is YAML task list text."""
    return dict(name=name, value=value, probe=probe, report=report, play_extra=play_extra,
                inventory=inventory, hosts=hosts, args=args, probes=probes, after=after,
                scopes=scopes, report_hosts=report_hosts or hosts)


def marker(tag):
    return f'- copy: content="{tag}\\n" dest="{{{{ out }}}}/{tag}.txt"\n'


def registered(cmd):
    def probe(tag):
        return f"- shell: {cmd}\n  register: r_{tag}\n"
    return probe


def report_of(tags=("in", "after")):
    return "".join(f'- copy: content="{{{{ r_{t}.stdout | default(\'not run\') }}}}\\n" dest="{{{{ out }}}}/{t}.txt"\n'
                   for t in tags)


NOT_PLAY = [s for s in SCOPES if s != "play"]

KEYWORDS = [
    kw("no_log", "no_log: true", lambda tag: f'- debug: msg="secret-{tag}"\n',
       probes="secret-in\nsecret-after\n"),
    kw("environment", "environment: {KW_ENV: set-by-scope}", registered('echo "${KW_ENV:-unset}"'),
       report=report_of()),
    kw("diff", "diff: true", lambda tag: f'- copy: content="diff-{tag}\\n" dest="{{{{ out }}}}/{tag}.txt"\n',
       probes="+diff-in\n+diff-after\n"),
    kw("diff_off", "diff: false", lambda tag: f'- copy: content="diff-{tag}\\n" dest="{{{{ out }}}}/{tag}.txt"\n',
       args="--diff\n", probes="+diff-in\n+diff-after\n"),
    kw("become", "become: true", registered("id -un"), play_extra="become_user: nobody\n", report=report_of()),
    kw("become_user", "become_user: nobody", registered("id -un"), play_extra="become: true\n",
       report=report_of()),
    kw("check_mode", "check_mode: true", marker),
    kw("ignore_errors", "ignore_errors: true", lambda tag: "- command: /bin/false\n" if tag == "in" else marker(tag)),
    kw("ignore_unreachable", "ignore_unreachable: true",
       lambda tag: "- command: 'true'\n" + marker(tag + "-{{ inventory_hostname }}").replace(
           "\n", "\n  delegate_to: localhost\n", 1),
       inventory=DEAD, hosts="dead", after=False),
    kw("any_errors_fatal", "any_errors_fatal: true",
       lambda tag: ("- command: /bin/false\n  when: inventory_hostname == 'h1'\n" if tag == "in" else "")
       + marker(tag + "-{{ inventory_hostname }}"), inventory=TWO),
    kw("tags", "tags: [sel]", marker, args="--tags\nsel\n"),
    kw("when", "when: kw_gate == 'open'", marker, play_extra="vars: {kw_gate: closed}\n", scopes=NOT_PLAY),
    kw("vars", "vars: {kw_var: from-scope}",
       lambda tag: f'- copy: content="{{{{ kw_var | default(\'unset\') }}}}\\n" dest="{{{{ out }}}}/{tag}.txt"\n'),
    kw("remote_user", "remote_user: kwuser",
       lambda tag: f'- copy: content="{{{{ ansible_user | default(\'unset\') }}}}\\n" dest="{{{{ out }}}}/{tag}.txt"\n'),
    kw("connection", "connection: local",
       lambda tag: f'- copy: content="{{{{ ansible_connection }}}}\\n" dest="{{{{ out }}}}/{tag}.txt"\n',
       inventory="h1 ansible_host=127.0.0.1 ansible_port=1 ansible_user=nobody\n", after=False),
    kw("run_once", "run_once: true", lambda tag: marker(tag + "-{{ inventory_hostname }}"), inventory=TWO),
    kw("delegate_to", "delegate_to: dead",
       lambda tag: "- command: 'true'\n" + ("  ignore_unreachable: true\n" if tag == "in" else ""),
       inventory=DEAD, hosts="h1", scopes=NOT_PLAY),
    kw("notify", "notify: kwh", marker,
       play_extra='handlers:\n  - name: kwh\n    copy: content="handler\\n" dest="{{ out }}/handler.txt"\n',
       scopes=[s for s in SCOPES if s != "handler"]),
    kw("module_defaults", "module_defaults: {copy: {mode: '0600'}}", marker),
    kw("throttle", "throttle: 1", lambda tag: marker(tag + "-{{ inventory_hostname }}"), inventory=TWO),
    kw("debugger", "debugger: never", marker),
    kw("collections", "collections: [ansible.builtin]", marker),
]


def indent(text, n):
    return textwrap.indent(text, " " * n)


def with_keyword(tasks, value):
    """Adds the keyword to every task of a task list."""
    out = []
    for line in tasks.splitlines(keepends=True):
        out.append(line)
        if line.startswith("- "):
            out.append(indent(value.rstrip("\n") + "\n", 2))
    return "".join(out)


def play(hosts, extra, tasks, keyword="", roles=""):
    head = f"- hosts: {hosts}\n  gather_facts: false\n" + indent(extra, 2) + indent(keyword, 2)
    if roles:
        head += "  roles:\n" + indent(roles, 4)
    if tasks:
        head += "  tasks:\n" + indent(tasks, 4)
    elif not roles:
        head += "  tasks: []\n"
    return head


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)


def case(k, scope):
    d = os.path.join(CASES, f"kw-{k['name'].replace('_', '-')}-{scope.replace('_', '-')}")
    for name in ("site.yml", "inventory.ini", "args", "probes", "roles"):
        p = os.path.join(d, name)
        if os.path.isdir(p):
            shutil.rmtree(p)
        elif os.path.exists(p):
            os.remove(p)
    value = k["value"].rstrip("\n") + "\n"
    probe_in = k["probe"]("in")
    after = k["probe"]("after") if k["after"] else ""
    hosts, extra = k["hosts"], k["play_extra"]
    write(os.path.join(d, "roles/probe/tasks/main.yml"), probe_in)
    plays = []
    if scope == "play":
        plays.append(play(hosts, extra, probe_in, keyword=value))
        if after:
            plays.append(play(hosts, extra, after))
    else:
        roles, tasks = "", ""
        if scope == "role":
            roles = "- role: probe\n" + indent(value, 2)
        elif scope == "depchain":
            write(os.path.join(d, "roles/outer/meta/main.yml"), "dependencies:\n  - probe\n")
            roles = "- role: outer\n" + indent(value, 2)
        elif scope in ("import_role", "include_role"):
            tasks = f"- {scope}:\n    name: probe\n" + indent(value, 2)
        elif scope == "apply":
            tasks = "- include_role:\n    name: probe\n    apply:\n" + indent(value, 6)
        elif scope == "block":
            tasks = "- block:\n" + indent(probe_in, 4) + indent(value, 2)
        elif scope == "task":
            tasks = with_keyword(probe_in, value)
        elif scope == "handler":
            tasks = "- command: 'true'\n  notify: kwp\n"
            extra += "handlers:\n" + indent(with_keyword(probe_in, value + "listen: kwp\n"), 2)
        plays.append(play(hosts, extra, tasks + after, roles=roles))
    if k["report"]:
        plays.append(play(k["report_hosts"], "", k["report"]))
    write(os.path.join(d, "site.yml"), "# generated by gen-keyword-cases.py\n" + "".join(plays))
    write(os.path.join(d, "inventory.ini"), k["inventory"])
    if k["args"]:
        write(os.path.join(d, "args"), k["args"])
    if k["probes"]:
        write(os.path.join(d, "probes"), k["probes"])


def main():
    for k in KEYWORDS:
        for scope in k["scopes"]:
            case(k, scope)


if __name__ == "__main__":
    main()
