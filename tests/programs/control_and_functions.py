# Control flow, functions, closures, lambdas, comprehensions, recursion, globals and builtins.
counter = 0


def bump(k=1):
    global counter
    counter += k
    return counter


def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


def make_scaler(factor):
    def scale(v):
        return v * factor
    return scale


def kwargs_demo(a, b=2, c=3):
    return a + 10 * b + 100 * c


total = 0
i = 0
while True:
    i += 1
    if i % 2 == 0:
        continue
    if i > 15:
        break
    total += i
print(total, i)
for k in range(3):
    pass
else:
    print("for-else ran", k)
for k in range(10):
    if k == 4:
        break
else:
    print("not printed")
n = 10
while n > 0:
    n -= 3
else:
    print("while-else", n)
print(bump(), bump(5), counter)
print([fib(k) for k in range(15)])
triple = make_scaler(3)
print(triple(7), make_scaler(0.5)(9))
sq = lambda t: t * t - 1
print(sq(5), (lambda a, b=2: a ** b)(3))
print(kwargs_demo(1), kwargs_demo(1, c=5), kwargs_demo(a=2, b=0))
print([x * y for x in range(1, 4) for y in range(3) if x != y])
print(sum(x * x for x in range(10)), sum([0.5, 0.25], 1.0))
pairs = list(zip([1, 2, 3], "abc"))
print(pairs, list(enumerate([5, 6], start=1)))
print(sorted([3, 1, 2]), sorted([2.5, -1.0, 0.0], reverse=True), list(reversed([1, 2, 3])))
print(any([0, 0, 1]), all([1, 2, 0]), len(range(2, 20, 3)), list(range(10, 0, -3)))
a, (b, c) = 1, (2, 3)
first, rest = (1, [2, 3])
print(a, b, c, first, rest)
lst = [5, 3, 8]
lst.append(1)
lst.extend([7, 7])
popped = lst.pop()
lst.insert(0, 42)
lst.sort()
print(lst, popped, lst.index(8), lst.count(7), lst[-2:], lst[::-1])
lst[1] = -1
print(lst, 8 in lst, 99 not in lst)
x = 5
y = "big" if x > 3 else "small"
print(y, isinstance(x, int), isinstance(2.0, (int, float)))
t = (1, 2, 3)
print(t[1:], t + (4,), t * 2, t.index(3), max(t))
