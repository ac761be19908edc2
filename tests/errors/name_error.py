import numpy as np

values = np.ones(3)
total = 0.0
for v in valuse:
    total += v
