# Identifiers beyond ASCII, as Python 3 allows them, in host code and in compiled code.
from numba import njit


@njit
def énergie(masse, vitesse):
    résultat = 0.5 * masse * vitesse ** 2
    return résultat


λ = 3.0
print(énergie(2.0, λ))
