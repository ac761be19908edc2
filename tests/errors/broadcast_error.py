import numpy as np

a = np.ones(3) + np.ones(4)
