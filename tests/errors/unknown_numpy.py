import numpy as np

x = np.linspace(0.0, 1.0, 5)
y = np.interpolate(x, x, x)
