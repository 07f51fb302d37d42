class FilterModule(object):
    def filters(self):
        return {'edx_role_name': lambda value: 'role:%s' % value}
