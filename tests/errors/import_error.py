import scipy.linalg
