"""no_escapes.py FILE: FILE holds no carriage return and no escape sequence
(the progress line is for terminals only)."""
import sys

text = open(sys.argv[1], "rb").read()
if b"\r" in text or b"\x1b" in text:
    sys.exit("terminal control characters in %r" % text)
