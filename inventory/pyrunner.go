package inventory

// pyPrelude reads the request and fills an ansible-core InventoryData
// with the inventory so far (groups, hosts, their variables and edges).
const pyPrelude = `
import json, sys
req = json.load(sys.stdin)
def out(d):
    json.dump(d, sys.stdout)
    sys.exit(0)
try:
    from ansible.plugins.loader import inventory_loader
    from ansible.inventory.data import InventoryData
    from ansible.parsing.dataloader import DataLoader
    from ansible.parsing.ajson import AnsibleJSONEncoder
except ImportError as e:
    out({"noansible": str(e)})
for d in req["dirs"] or []:
    inventory_loader.add_directory(d)
if req.get("playbook_dir"):
    from ansible.plugins.loader import add_all_plugin_dirs
    add_all_plugin_dirs(req["playbook_dir"])
inv = InventoryData()
before = {}
for g in req["groups"] or []:
    inv.add_group(g["name"])
    grp = inv.groups[g["name"]]
    grp.vars = dict(json.loads(g["vars"]) if isinstance(g["vars"], str) else g["vars"])
    grp.priority = g.get("priority") or 1
    before[("g", g["name"])] = dict(grp.vars)
for g in req["groups"] or []:
    for c in g.get("children") or []:
        inv.add_child(g["name"], c)
for h in req["hosts"] or []:
    inv.add_host(h["name"])
    host = inv.hosts[h["name"]]
    host.vars = dict(h["vars"])
    before[("h", h["name"])] = dict(host.vars)
    for g in h.get("groups") or []:
        inv.add_host(h["name"], g)
inv.current_source = req["path"]
inv.processed_sources = list(req["sources"] or [])
def changed(kind, name, vars):
    old = before.get((kind, name), {})
    return {k: v for k, v in vars.items() if k not in old or old[k] != v}
`

// pyInventoryRunner loads an inventory plugin through ansible-core's
// plugin loader (so its documented options, cache and Constructable
// helpers work), runs verify_file and parse on the source over the
// prelude's inventory, and writes as JSON the groups and hosts with the
// variables the plugin added or changed.
const pyInventoryRunner = pyPrelude + `
try:
    loader = DataLoader()
    loader.set_basedir(req["basedir"])
    plugin = inventory_loader.get(req["name"])
    if plugin is None or not plugin.verify_file(req["path"]):
        out({"unverified": True})
    plugin.parse(inv, loader, req["path"], cache=req["cache"])
    try:
        plugin.update_cache_if_changed()
    except AttributeError:
        pass
except Exception as e:
    out({"error": str(e)})
groups = [{"name": g.name, "vars": changed("g", g.name, g.vars), "priority": g.priority,
           "hosts": [h.name for h in g.hosts], "children": [c.name for c in g.child_groups]}
          for g in inv.groups.values()]
hosts = [{"name": h.name, "vars": changed("h", h.name, h.vars)} for h in inv.hosts.values()]
sys.stdout.write(json.dumps({"groups": groups, "hosts": hosts}, cls=AnsibleJSONEncoder, preprocess_unsafe=True))
`

// pyVarsRunner runs the Python vars plugins (all but the built-in
// host_group_vars, which edxplay reads itself) for every group and host of
// the prelude's inventory, over the inventory sources and the playbook
// directory, as the variable manager does, and writes the variables they
// give per group and host.
const pyVarsRunner = pyPrelude + `
try:
    from ansible import constants as C
    from ansible.plugins.loader import vars_loader
    from ansible.utils.vars import combine_vars
    from ansible.vars.plugins import get_vars_from_inventory_sources, get_vars_from_path
    for d in req["vars_dirs"] or []:
        vars_loader.add_directory(d)
    C.VARIABLE_PLUGINS_ENABLED = [n for n in C.VARIABLE_PLUGINS_ENABLED
                                  if n not in ("host_group_vars", "ansible.builtin.host_group_vars")]
    loader = DataLoader()
    loader.set_basedir(req["basedir"])
    def plugin_vars(entity):
        data = get_vars_from_inventory_sources(loader, inv.processed_sources, [entity], "task")
        return combine_vars(data, get_vars_from_path(loader, req["basedir"], [entity], "task"))
    groups = [{"name": g.name, "vars": plugin_vars(g)} for g in inv.groups.values()]
    hosts = [{"name": h.name, "vars": plugin_vars(h)} for h in inv.hosts.values()]
except Exception as e:
    out({"error": str(e)})
sys.stdout.write(json.dumps({"groups": groups, "hosts": hosts}, cls=AnsibleJSONEncoder, preprocess_unsafe=True))
`
