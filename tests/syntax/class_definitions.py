class BudgetError(Exception):
    """Raised when the total passes the budget."""


@jitclass(spec)
class Point(object):
    pass
