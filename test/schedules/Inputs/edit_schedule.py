"""edit_schedule.py IN OUT HOW [ARG]: writes a damaged copy of a schedule.
  pick TOKEN   the third thread pick becomes TOKEN
  truncate     drop the second half of the decisions
  extend       two more decisions at the end
  garbage      an unparsable token at the end"""
import sys

src, dst, how = sys.argv[1:4]
text = open(src).read()
header, body = text.split("\n\n", 1)
tokens = body.split()
if how == "pick":
    picks = [i for i, t in enumerate(tokens) if t.startswith("T")]
    tokens[picks[2]] = sys.argv[4]
elif how == "truncate":
    tokens = tokens[: len(tokens) // 2]
elif how == "extend":
    tokens += ["T0", "q5"]
elif how == "garbage":
    tokens += ["zz"]
open(dst, "w").write(header + "\n\n" + " ".join(tokens) + "\n")
