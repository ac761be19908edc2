# Octal escapes in string literals, decoded as CPython decodes them.
print("a\101\0b" == "aA\x00b", len("\101\12"), "\1012")
