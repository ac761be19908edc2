s = "never closed
t = 1
