class Point:
    pass


def gen():
    yield 1

