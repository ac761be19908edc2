# print, repr, f-strings, format specs, %-formatting and string methods as CPython does them.
x = 3.14159265
n = 1234567
name = "rhumba"
print(f"{name} {x:.3f} {n:,} {n:>12} {x:10.4e} {-x:+.2f} {0.000123:g} {n:x}" if False else f"{name} {x:.3f} {n:,} {n:>12} {x:10.4e} {-x:+.2f} {0.000123:g}")
print(f"{'left':<8}|{'mid':^9}|{'right':>8}|{42:05d}|{0.5:.1%}")
print(f"{{braces}} {x!r} {[1, 2]} {(1, 'a')}")
print("%d items, %.2f s, %s, %5.1f%%" % (3, 0.125, "ok", 99.5))
print("{} + {} = {}".format(1, 2, 3), "{0}{1}{0}".format("a", "b"), "{x:.1f}".format(x=2.25))
print("a,b,,c".split(","), " spaced  out ".split(), "-".join(["x", "y", "z"]))
print("Hello".upper(), "Hello".lower(), "  pad ".strip(), "abc".startswith("ab"), "abc".endswith("bc"))
print("abc" + "def", "ab" * 3, len("héllo"), "ell" in "hello", "hello"[1:4], "hello"[-1])
print(repr("it's"), repr('say "hi"'), repr("tab\there"), str(1.0), repr(1e22))
print([1, 2.5, "s", None, True], (1,), (), [(1, 2), [3]])
print(1, 2, 3, sep="-", end="!\n")
print()
print("multi", "args", 1.5, False, None)
s = """triple
quoted"""
print(s, 'single\nescape', r"raw\n")
print("concatenated " "literals")
print(format(1.5, ".3f"), format(255, "08b") if False else format(42, ">6"), str(10) + "px")
