#!/usr/bin/env python3
"""Generates the block/rescue/always failure matrix under this directory.

Every case is a directory holding site.yml, inventory.ini and an optional
args file; ../regen.sh records what ansible-playbook does with it
(expected.rc, expected.recap, expected.trace). The matrix crosses the
failure structures below with where any_errors_fatal is set (nowhere, play,
block, task) and with one or two hosts (only h1 fails), then adds cases for
meta tasks, handlers, max_fail_percentage and serial.

Usage: gen.py && ../regen.sh   (gen.py rewrites the inputs of every case and
removes directories of cases it no longer generates)
"""
import os
import shutil

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
H1 = "inventory_hostname == 'h1'"


def ok(name, **kw):
    return dict(name=name, debug={"msg": name}, **kw)


def fail(name, **kw):
    kw.setdefault("when", H1)
    return dict(name=name, fail={"msg": name + " failed"}, **kw)


def notifying(name, handler="hd"):
    return dict(name=name, debug={"msg": name}, changed_when=True, notify=handler)


def block(name, body, rescue=None, always=None, **kw):
    b = dict(name=name, block=body, **kw)
    if rescue is not None:
        b["rescue"] = rescue
    if always is not None:
        b["always"] = always
    return b


# Structures: each returns the tasks of the first play; `aef` is where
# any_errors_fatal goes ("block": the outermost block, "task": the failing task).
def s_rescue_always(t):
    return [block("blk", [fail("b1", **t), ok("b2")], [ok("r1")], [ok("a1")])]


def s_always_only(t):
    return [block("blk", [fail("b1", **t), ok("b2")], None, [ok("a1")])]


def s_rescue_only(t):
    return [block("blk", [fail("b1", **t), ok("b2")], [ok("r1")])]


def s_rescue_fails(t):
    return [block("blk", [fail("b1", **t)], [ok("r1"), fail("r2", **t), ok("r3")], [ok("a1")])]


def s_always_fails(t):
    return [block("blk", [ok("b1")], [ok("r1")], [fail("a1", **t), ok("a2")])]


def s_nested_inner_rescue(t):
    inner = block("inner", [fail("b1", **t), ok("b2")], [ok("ir1")], [ok("ia1")])
    return [block("blk", [inner, ok("b3")], [ok("or1")], [ok("oa1")])]


def s_nested_outer_rescue(t):
    inner = block("inner", [fail("b1", **t), ok("b2")], None, [ok("ia1")])
    return [block("blk", [inner, ok("b3")], [ok("or1")], [ok("oa1")])]


def s_nested_rescue_fails(t):
    inner = block("inner", [fail("b1", **t)], [fail("ir1", **t)], [ok("ia1")])
    return [block("blk", [inner, ok("b3")], [ok("or1")], [ok("oa1")])]


def s_plain(t):
    return [fail("t2", **t), ok("t3")]


def s_ignore_errors(t):
    return [block("blk", [fail("b1", ignore_errors=True, **t), ok("b2")], [ok("r1")], [ok("a1")])]


def s_failed_when(t):
    return [block("blk", [
        dict(name="b1", command="/bin/false", failed_when=False),
        dict(name="b2", command="/bin/true", failed_when=H1, **t),
        ok("b3")], [ok("r1")], [ok("a1")])]


STRUCTURES = [
    ("rescue-always", s_rescue_always), ("always-only", s_always_only),
    ("rescue-only", s_rescue_only), ("rescue-fails", s_rescue_fails),
    ("always-fails", s_always_fails), ("nested-inner-rescue", s_nested_inner_rescue),
    ("nested-outer-rescue", s_nested_outer_rescue), ("nested-rescue-fails", s_nested_rescue_fails),
    ("plain", s_plain), ("ignore-errors", s_ignore_errors), ("failed-when", s_failed_when),
]


def play(tasks, hosts="all", handlers=None, **kw):
    p = dict(hosts=hosts, gather_facts=False, **kw)
    p["handlers"] = handlers if handlers is not None else [ok("hd")]
    p["tasks"] = tasks
    return p


def second_play():
    return play([ok("p2")], handlers=[])


def matrix_case(struct, aef, nhosts):
    task_kw = {"any_errors_fatal": True} if aef == "task" else {}
    tasks = struct(task_kw)
    if aef == "block":
        for t in tasks:
            if "block" in t:
                t["any_errors_fatal"] = True
    play_kw = {"any_errors_fatal": True} if aef == "play" else {}
    first = play([notifying("t1")] + tasks + [ok("after")], **play_kw)
    return dict(plays=[first, second_play()], hosts=nhosts)


EXTRA = {}


def extra(name, plays, hosts=2, args=None, files=None):
    EXTRA[name] = dict(plays=plays, hosts=hosts, args=args or [], files=files or {})


def add_extras():
    rescue_end = lambda meta, **kw: [notifying("t1"), block("blk", [fail("b1")], [
        ok("r1"), dict(name="m", meta=meta, **kw), ok("r2")], [ok("a1")]), ok("after")]
    extra("meta-end-play-in-rescue", [play(rescue_end("end_play")), second_play()])
    extra("meta-end-host-in-rescue", [play(rescue_end("end_host")), second_play()])
    extra("meta-end-host-in-block", [play([notifying("t1"), block("blk", [
        ok("b1"), dict(name="m", meta="end_host", when=H1), ok("b2")], [ok("r1")], [ok("a1")]),
        ok("after")]), second_play()])
    extra("meta-end-play-in-always", [play([block("blk", [fail("b1")], None, [
        ok("a1"), dict(name="m", meta="end_play"), ok("a2")]), ok("after")]), second_play()], hosts=2)
    extra("meta-end-batch-serial", [play([notifying("t1"), block("blk", [fail("b1")], [
        ok("r1"), dict(name="m", meta="end_batch"), ok("r2")]), ok("after")], serial=1),
        second_play()])
    extra("meta-end-batch-no-serial", [play([ok("t1"), dict(name="m", meta="end_batch", when=H1),
        ok("t2")]), second_play()])
    extra("meta-clear-host-errors", [play([notifying("t1"), fail("t2"), ok("t3"),
        dict(name="m", meta="clear_host_errors"), ok("t4")]), second_play()])
    extra("meta-clear-host-errors-aef", [play([notifying("t1"), fail("t2"), ok("t3"),
        dict(name="m", meta="clear_host_errors"), ok("t4")], any_errors_fatal=True), second_play()])
    extra("meta-clear-host-errors-in-always", [play([notifying("t1"), block("blk", [fail("b1"), ok("b2")],
        None, [ok("a1"), dict(name="m", meta="clear_host_errors"), ok("a2")]), ok("after")]),
        second_play()])
    # Handlers notified before the failure.
    handler_tasks = lambda: [notifying("t1"), block("blk", [fail("b1"), ok("b2")], None, [ok("a1")]),
                             ok("after")]
    for hosts in (1, 2):
        extra("handlers-no-force-%dh" % hosts, [play(handler_tasks()), second_play()], hosts)
        extra("handlers-force-play-%dh" % hosts, [play(handler_tasks(), force_handlers=True),
                                                  second_play()], hosts)
        extra("handlers-force-cli-%dh" % hosts, [play(handler_tasks()), second_play()], hosts,
              ["--force-handlers"])
        extra("handlers-force-aef-%dh" % hosts, [play(handler_tasks(), force_handlers=True,
                                                      any_errors_fatal=True), second_play()], hosts)
    extra("handlers-rescued", [play([notifying("t1"), block("blk", [fail("b1")], [notifying("r1", "hr")],
        [ok("a1")]), ok("after")], handlers=[ok("hd"), ok("hr")]), second_play()])
    extra("handlers-flush-then-fail", [play([notifying("t1"), dict(name="fl", meta="flush_handlers"),
        fail("t2"), ok("t3")], any_errors_fatal=True), second_play()])
    extra("handler-fails", [play([notifying("t1"), ok("t2")], handlers=[fail("hd"), ok("hd2")]),
        second_play()])
    extra("handler-fails-aef", [play([notifying("t1"), ok("t2")], handlers=[
        dict(name="hd", fail={"msg": "hd failed"}, when=H1)], any_errors_fatal=True), second_play()])
    # any_errors_fatal overridden on the failing task.
    extra("aef-task-false-overrides-play", [play([notifying("t1"), fail("t2", any_errors_fatal=False),
        ok("t3")], any_errors_fatal=True), second_play()])
    extra("aef-block-false-overrides-play", [play([block("blk", [fail("b1"), ok("b2")], None, [ok("a1")],
        any_errors_fatal=False), ok("after")], any_errors_fatal=True), second_play()])
    extra("aef-ignore-errors", [play([fail("t2", ignore_errors=True), ok("t3")], any_errors_fatal=True),
        second_play()])
    extra("aef-rescue-other-host-rescuing", [play([block("blk", [
        dict(name="b1", fail={"msg": "b1"}, when="inventory_hostname == 'h2'"), ok("b2")],
        [ok("r1"), fail("r2"), ok("r3")], [ok("a1")]), ok("after")], any_errors_fatal=True),
        second_play()])
    # notify naming a handler that does not exist: an error once the
    # notifying task changes (not before), which stops the run.
    missing = lambda changed: dict(name="t2", debug={"msg": "t2"}, changed_when=changed, notify="nosuch")
    extra("notify-missing-handler", [play([notifying("t1"), missing(True), ok("t3")]), second_play()], hosts=1)
    extra("notify-missing-handler-unchanged", [play([notifying("t1"), missing(False), ok("t3")]),
          second_play()], hosts=2)
    extra("notify-missing-handler-in-block", [play([block("blk", [missing(True)], [ok("r1")], [ok("a1")]),
          ok("t3")]), second_play()], hosts=1)
    # Failures inside include_tasks / import_tasks, loops and run_once tasks.
    inc = {"inc.yml": [fail("i1"), ok("i2")]}
    for aef in (False, True):
        sfx = "-aef" if aef else ""
        kw = {"any_errors_fatal": True} if aef else {}
        extra("include-in-block" + sfx, [play([block("blk", [dict(name="inc", include_tasks="inc.yml"), ok("b2")],
              [ok("r1")], [ok("a1")]), ok("after")], **kw), second_play()], files=inc)
        extra("import-in-block" + sfx, [play([block("blk", [dict(name="imp", import_tasks="inc.yml"), ok("b2")],
              [ok("r1")], [ok("a1")]), ok("after")], **kw), second_play()], files=inc)
        extra("include-in-always-only" + sfx, [play([block("blk", [dict(name="inc", include_tasks="inc.yml"),
              ok("b2")], None, [ok("a1")]), ok("after")], **kw), second_play()], files=inc)
        extra("import-in-always-only" + sfx, [play([block("blk", [dict(name="imp", import_tasks="inc.yml"),
              ok("b2")], None, [ok("a1")]), ok("after")], **kw), second_play()], files=inc)
        extra("include-top-level" + sfx, [play([ok("t1"), dict(name="inc", include_tasks="inc.yml"), ok("t3")],
              **kw), second_play()], files=inc)
        extra("loop-fail-in-block" + sfx, [play([block("blk", [dict(name="b1", fail={"msg": "{{ item }}"},
              loop=[1, 2], when="inventory_hostname == 'h1' and item == 2"), ok("b2")], [ok("r1")]),
              ok("after")], **kw), second_play()])
    extra("run-once-fail", [play([ok("t1"), dict(name="t2", fail={"msg": "t2"}, run_once=True), ok("t3")]),
          second_play()])
    extra("run-once-fail-in-block", [play([block("blk", [dict(name="b1", fail={"msg": "b1"}, run_once=True),
          ok("b2")], [ok("r1")], [ok("a1")]), ok("after")]), second_play()])
    # Three hosts: one waits for its always section while a failure in an
    # include is fatal for another.
    three = "inventory_hostname == 'h3'"
    extra("aef-waiting-host-spared", [play([block("blk", [
        dict(name="b1", fail={"msg": "b1"}, when=three), dict(name="inc", include_tasks="inc.yml"), ok("b2")],
        None, [ok("a1")]), ok("after")], any_errors_fatal=True), second_play()], hosts=3, files=inc)
    extra("aef-serial-rescue", [play([block("blk", [fail("b1"), ok("b2")], [ok("r1"), fail("r2")], [ok("a1")]),
        ok("after")], serial=2, any_errors_fatal=True), second_play()], hosts=4)
    extra("aef-handler-notified-in-rescue", [play([block("blk", [fail("b1")], [notifying("r1", "hr")],
        [ok("a1")]), fail("t3"), ok("t4")], handlers=[ok("hr")], any_errors_fatal=True), second_play()])
    extra("aef-end-host-in-always", [play([block("blk", [fail("b1")], None, [
        dict(name="m", meta="end_host"), ok("a2")]), ok("after")], any_errors_fatal=True), second_play()])
    extra("aef-end-one-host-in-always", [play([block("blk", [fail("b1")], None, [
        dict(name="m", meta="end_host", when=H1), ok("a2")]), ok("after")], any_errors_fatal=True),
        second_play()])
    extra("mfp-33-three-hosts", [play([ok("t1"), fail("t2"), ok("t3")], max_fail_percentage=33),
        second_play()], hosts=3)
    extra("mfp-34-three-hosts", [play([ok("t1"), fail("t2"), ok("t3")], max_fail_percentage=34),
        second_play()], hosts=3)
    # Roles: a failing role task, with and without a rescue around the role.
    role = {"roles/r1/tasks/main.yml": [ok("r1 : one"), fail("rt"), ok("rt2")]}
    for aef in (False, True):
        sfx = "-aef" if aef else ""
        kw = {"any_errors_fatal": True} if aef else {}
        extra("role-fails" + sfx, [dict(play([ok("t1")], **kw), roles=["r1"]), second_play()], files=role)
        extra("import-role-in-block" + sfx, [play([block("blk", [dict(name="ir", import_role={"name": "r1"}),
              ok("b2")], [ok("resc")], [ok("a1")]), ok("after")], **kw), second_play()], files=role)
        extra("include-role-in-block" + sfx, [play([block("blk", [dict(name="ir", include_role={"name": "r1"}),
              ok("b2")], None, [ok("a1")]), ok("after")], **kw), second_play()], files=role)
    # More combinations.
    extra("mfp-0-rescue-fails", [play([block("blk", [fail("b1")], [fail("r1")], [ok("a1")]), ok("t3")],
        serial=2, max_fail_percentage=0), second_play()], hosts=4)
    extra("mfp-and-aef", [play([ok("t1"), fail("t2"), ok("t3")], serial=2, max_fail_percentage=50,
        any_errors_fatal=True), second_play()], hosts=4)
    extra("meta-clear-host-errors-in-rescue", [play([block("blk", [fail("b1")], [
        dict(name="m", meta="clear_host_errors"), fail("r2"), ok("r3")], [ok("a1")]), ok("after")]),
        second_play()])
    extra("meta-end-batch-ok-serial", [play([ok("t1"), dict(name="m", meta="end_batch"), ok("t2")],
        serial=1), second_play()])
    extra("meta-end-play-serial", [play([ok("t1"), dict(name="m", meta="end_play"), ok("t2")], serial=1),
        second_play()])
    extra("meta-end-play-after-failure", [play([fail("t1"), dict(name="m", meta="end_play"), ok("t2")]),
        second_play()])
    extra("handlers-rescued-aef", [play([notifying("t1"), block("blk", [notifying("b0", "hb"), fail("b1")],
        [ok("r1")]), ok("after")], handlers=[ok("hd"), ok("hb")], any_errors_fatal=True), second_play()])
    extra("block-ignore-errors-aef", [play([block("blk", [fail("b1"), ok("b2")], None, [ok("a1")],
        ignore_errors=True), ok("after")], any_errors_fatal=True), second_play()])
    extra("failed-when-in-rescue-aef", [play([block("blk", [fail("b1")], [
        dict(name="r1", command="/bin/true", failed_when=H1)], [ok("a1")]), ok("after")],
        any_errors_fatal=True), second_play()])
    extra("aef-post-tasks", [dict(play([ok("t1")], any_errors_fatal=True), pre_tasks=[ok("pre")],
        post_tasks=[fail("post1"), ok("post2")]), second_play()])
    extra("force-handlers-pre-tasks-fail", [dict(play([notifying("t1")], force_handlers=True),
        pre_tasks=[notifying("pre"), fail("pre2")]), second_play()])
    extra("notify-loop-items", [play([dict(name="t1", debug={"msg": "{{ item }}"}, loop=["a", "b", "c"],
          changed_when="item == 'a'", when="item != 'c'", notify="h {{ item }}"), ok("t2")],
          handlers=[ok("h a"), ok("h b"), ok("h c")]), second_play()], hosts=1)
    # max_fail_percentage, with and without serial, on four hosts.
    for mfp in (0, 25, 49, 50):
        extra("mfp-%d-serial2" % mfp, [play([ok("t1"), fail("t2"), ok("t3")], serial=2,
              max_fail_percentage=mfp), second_play()], hosts=4)
    extra("mfp-0-no-serial", [play([ok("t1"), fail("t2"), ok("t3")], max_fail_percentage=0),
        second_play()], hosts=4)
    extra("mfp-0-rescued", [play([block("blk", [fail("b1")], [ok("r1")]), ok("t3")], serial=2,
        max_fail_percentage=0), second_play()], hosts=4)
    extra("mfp-0-always", [play([block("blk", [fail("b1")], None, [ok("a1")]), ok("t3")], serial=2,
        max_fail_percentage=0), second_play()], hosts=4)
    extra("serial-batch-all-failed", [play([ok("t1"), dict(name="t2", fail={"msg": "t2"},
        when="inventory_hostname in ['h1', 'h2']"), ok("t3")], serial=2), second_play()], hosts=4)
    extra("serial-aef", [play([ok("t1"), fail("t2"), ok("t3")], serial=2, any_errors_fatal=True),
        second_play()], hosts=4)


def write_case(name, spec):
    d = os.path.join(HERE, name)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "site.yml"), "w") as f:
        f.write("# Generated by gen.py; edit gen.py, not this file.\n")
        yaml.safe_dump(spec["plays"], f, sort_keys=False, default_flow_style=False)
    with open(os.path.join(d, "inventory.ini"), "w") as f:
        for i in range(1, spec["hosts"] + 1):
            f.write("h%d ansible_connection=local\n" % i)
    for fname, tasks in spec.get("files", {}).items():
        os.makedirs(os.path.dirname(os.path.join(d, fname)), exist_ok=True)
        with open(os.path.join(d, fname), "w") as f:
            f.write("# Generated by gen.py; edit gen.py, not this file.\n")
            yaml.safe_dump(tasks, f, sort_keys=False, default_flow_style=False)
    args = os.path.join(d, "args")
    if spec.get("args"):
        with open(args, "w") as f:
            f.write("\n".join(spec["args"]) + "\n")
    elif os.path.exists(args):
        os.remove(args)


def main():
    cases = {}
    for sname, struct in STRUCTURES:
        for aef in ("none", "play", "block", "task"):
            if aef == "block" and sname == "plain":
                continue
            for nhosts in (1, 2):
                cases["%s-aef-%s-%dh" % (sname, aef, nhosts)] = matrix_case(struct, aef, nhosts)
    add_extras()
    cases.update(EXTRA)
    for entry in os.listdir(HERE):
        if os.path.isdir(os.path.join(HERE, entry)) and entry not in cases:
            shutil.rmtree(os.path.join(HERE, entry))
    for name, spec in sorted(cases.items()):
        write_case(name, spec)
    print("%d cases" % len(cases))


if __name__ == "__main__":
    main()
