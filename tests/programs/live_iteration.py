# enumerate, zip and for-loops over lists and arrays see writes made during the loop, as in
# CPython (they used to iterate over a snapshot taken when the loop started).
import numpy as np
a = np.zeros(5)
for i, v in enumerate(a):
    if i + 1 < 5:
        a[i + 1] = v + 1
print(a)
l = [1, 2, 3]
for x in l:
    if len(l) < 6:
        l.append(x * 10)
print(l)
b = np.zeros(4)
for x, y in zip(b, b):
    b[:] = b + 1
    print(x, y)
print(list(enumerate([5, 6], 1)), list(zip([1, 2, 3], "ab")))
