from ansible.errors import AnsibleFilterError
from jinja2 import pass_environment


def wrap(value, left='<', right='>'):
    return '%s%s%s' % (left, value, right)


def boom(value):
    raise ValueError('boom: %s' % value)


def fail_ansible(value):
    raise AnsibleFilterError('refused %s' % value)


def squares(value):
    return (int(x) * int(x) for x in value)


def describe(value):
    return {'type': type(value).__name__, 'value': value}


@pass_environment
def upper(environment, value):
    return value.upper()


class FilterModule(object):
    def filters(self):
        return {
            'edx_wrap': wrap,
            'edx_boom': boom,
            'edx_fail': fail_ansible,
            'edx_squares': squares,
            'edx_describe': describe,
            'edx_upper': upper,
        }
