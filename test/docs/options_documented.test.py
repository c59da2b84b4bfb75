import re
import sys

flags = set(re.findall(r"^WEFT_FLAG\(\w+, (\w+),", open(sys.argv[1]).read(), re.M))
doc = open(sys.argv[2]).read()
section = doc.split("## Options", 1)[1].split("\n## ", 1)[0]
rows = set(re.findall(r"^\| `(\w+)` \|", section, re.M))
missing = sorted(flags - rows)
extra = sorted(rows - flags)
if missing or extra:
    sys.exit("options not documented: %s; documented but unknown: %s" % (missing, extra))
if not flags:
    sys.exit("no WEFT_FLAG entries found")
