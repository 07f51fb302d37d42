def is_even(value):
    return int(value) % 2 == 0


def longer_than(value, n):
    return len(value) > n


class TestModule:
    def tests(self):
        return {'edx_even': is_even, 'edx_longer': longer_than}
