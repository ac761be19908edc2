class Point:
    pass


def gen():
    yield 1


try:
    x = 1
except ValueError:
    pass
