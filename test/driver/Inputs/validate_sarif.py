"""validate_sarif.py MULTITOOL FILE: validates FILE with the SARIF Multitool
and prints `valid SARIF: N errors, N warnings`, then each message.

The Multitool reads the schema named by "$schema" from the network when the
file has one, and skips schema validation silently when it cannot: the copy
it validates has no "$schema", so the schema built into the tool is used
(and rule SARIF2008, which asks for "$schema", is left out). A known-bad
document is validated first, so that a Multitool that checks nothing fails
here instead of passing every file."""
import json
import os
import subprocess
import sys
import tempfile

tool, path = sys.argv[1], sys.argv[2]


def validate(document):
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "in.sarif")
        out = os.path.join(tmp, "out.sarif")
        with open(src, "w") as f:
            json.dump(document, f, indent=1)
        subprocess.run([tool, "validate", src, "-o", out, "--quiet"],
                       check=True, stdout=subprocess.DEVNULL)
        results = json.load(open(out))["runs"][0]["results"]
    return [r for r in results if r["ruleId"] != "SARIF2008"]


bad = {"version": "2.1.0",
       "runs": [{"tool": {"driver": {}}, "results": [{"message": {}}]}]}
if not validate(bad):
    sys.exit("error: the SARIF Multitool found nothing wrong in a bad document")

document = json.load(open(path))
document.pop("$schema", None)
found = validate(document)
errors = [r for r in found if r.get("level", "warning") == "error"]
print("valid SARIF: %d errors, %d warnings" % (len(errors), len(found) - len(errors)))
for r in found:
    print(r["ruleId"], r["message"].get("arguments", r["message"]))
