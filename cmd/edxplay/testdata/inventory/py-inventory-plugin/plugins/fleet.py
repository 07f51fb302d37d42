DOCUMENTATION = '''
    name: fleet
    options:
      plugin:
        required: true
        choices: ['fleet']
      size:
        type: int
        default: 2
'''

from ansible.plugins.inventory import BaseInventoryPlugin


class InventoryModule(BaseInventoryPlugin):
    NAME = 'fleet'

    def verify_file(self, path):
        return super(InventoryModule, self).verify_file(path) and path.endswith('fleet.yml')

    def parse(self, inventory, loader, path, cache=True):
        super(InventoryModule, self).parse(inventory, loader, path)
        self._read_config_data(path)
        inventory.add_group('fleet')
        for i in range(self.get_option('size')):
            host = 'node%d' % i
            inventory.add_host(host, 'fleet')
            inventory.set_variable(host, 'index', i)
        inventory.set_variable('fleet', 'managed', True)
