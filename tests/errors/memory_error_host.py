# An array the machine cannot hold (8 PiB), made by module-level code: numpy's MemoryError
# message, not an abort; the output before it stays.
import numpy as np

print("before")
a = np.zeros(2**50)
