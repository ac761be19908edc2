# Escape-time Mandelbrot set on a small grid: nested loops, early exit, an int image.
import numpy as np
from numba import njit


@njit
def escape(cr, ci, limit):
    zr = 0.0
    zi = 0.0
    for k in range(limit):
        zr, zi = zr * zr - zi * zi + cr, 2.0 * zr * zi + ci
        if zr * zr + zi * zi > 4.0:
            return k
    return limit


@njit
def render(width, height, limit):
    image = np.zeros((height, width), dtype=np.int64)
    for y in range(height):
        for x in range(width):
            image[y, x] = escape(-2.0 + 3.0 * x / width, -1.25 + 2.5 * y / height, limit)
    return image


img = render(48, 24, 64)
print(int(img.sum()), int(img.max()), int((img == 64).sum()))
for row in img[::4]:
    print("".join("#" if v == 64 else ("+" if v > 8 else ".") for v in row))
