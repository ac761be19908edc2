# numpy arrays on the host: creation, views that share memory, broadcasting, masks, printing.
import numpy as np

a = np.arange(12).reshape(3, 4)
print(a)
print(a.shape, a.size, a.ndim, a.dtype, a.T.shape, a.strides, a.itemsize)
v = a[1:, ::2]
v[0, 0] = -5
print(a[1, 0], v, v.shape)
r = a[:, ::-1]
print(r[0], a[-1, -1], a[2][3], a[1:2])
col = a[:, 2]
col += 100
print(a)
f = np.linspace(0.0, 1.0, 5)
print(f, f * 2, f + f[::-1], 1.0 - f, f ** 2, -f)
print(f > 0.3, f[f > 0.3], (f > 0.2) & (f < 0.8), np.where(f > 0.5, f, -1.0))
g = np.arange(10.0)
g[g > 6] = 0.0
g[[1, 3]] = -1.0
print(g, g[np.array([0, 2, 4])], g[-3:])
m = np.ones((2, 3)) * np.arange(3)
print(m, m + np.array([[10.0], [20.0]]))
print(np.zeros(3, dtype=np.int32), np.ones((2, 2), dtype=np.bool_), np.full((2, 2), 7.5), np.empty(0))
print(np.arange(5, dtype=np.float32) / 3, np.arange(1, 4).astype(np.float64) / 2)
print(np.array([[1, 2], [3, 4]]), np.array([1, 2.5]), np.array([True, False, True]))
print(np.eye(3), np.zeros_like(a), np.ones_like(f, dtype=np.int64))
i8 = np.array([100, 120], dtype=np.int8)
print(i8 + i8, (i8 + i8).dtype, np.array([250, 5], dtype=np.uint8) + np.uint8(10))
print(np.arange(0.0, 1.0, 0.25), np.arange(10, 0, -3), np.linspace(1, 2, 4, endpoint=False))
b = a.copy()
b[0, 0] = 999
print(a[0, 0], b[0, 0], a.ravel()[:5], a.reshape(-1, 6), a.flatten().shape)
print(np.sqrt(np.array([4.0, 9.0])), np.abs(np.array([-1, 2, -3])), np.exp(np.zeros(2)), np.sign(np.array([-2.0, 0.0, 3.0])))
print(np.maximum(np.array([1, 5]), np.array([4, 2])), np.minimum(f, 0.5), np.arctan2(1.0, 1.0), np.hypot(3.0, 4.0))
print(np.isnan(np.array([1.0, np.nan])), np.floor(np.array([-1.5, 1.5])), np.fmod(np.array([-7.5, 7.5]), 2.0))
big = np.arange(2000.0)
print(big)
print(np.arange(30).reshape(5, 6) * 1000)
print(np.array([1e-7, 1.0, 1e7]), np.array([0.5, np.inf, -np.inf, np.nan]))
c = np.zeros((2, 3, 4))
c[1, :, 2] = 1.0
print(c.sum(), c[1].sum(axis=0), c.shape)
x = np.array([[1.0, 2.0], [3.0, 4.0]])
print(x @ x, np.dot(x, np.array([1.0, 1.0])), np.dot(np.array([1.0, 2.0]), np.array([3.0, 4.0])))
print(x.tolist(), x[0].tolist(), np.array_equal(x, x.copy()), np.allclose(x, x + 1e-9))
