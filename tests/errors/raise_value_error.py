def parse(n):
    if n < 0:
        raise ValueError("negative input")
    return n


parse(-1)
