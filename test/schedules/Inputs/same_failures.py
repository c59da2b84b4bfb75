"""same_failures.py ALL.json MERGED.json MERGED.xml MERGED.sarif: the merged
results of the shards are those of the unsharded run: the same failures
(index, seed, kind, location) in the same order, the same schedule count, a
JUnit suite with a testcase per failure, and a SARIF result per failure
carrying its seed."""
import json
import sys
import xml.etree.ElementTree as ET

whole = json.load(open(sys.argv[1]))
merged = json.load(open(sys.argv[2]))
key = lambda f: (f["index"], f["seed"], f["kind"], f["location"])
assert [key(f) for f in whole["failures"]] == [key(f) for f in merged["failures"]], \
    (whole["failures"], merged["failures"])
assert whole["failures"], "the run should fail"
assert merged["schedules"] == whole["schedules"]
assert merged["failed"] == whole["failed"]
assert sum(g["count"] for g in merged["groups"]) == merged["failed"]

suite = ET.parse(sys.argv[3]).getroot()[0]
failed = [c.get("name") for c in suite.findall("testcase") if c.find("failure") is not None]
assert failed == ["seed " + f["seed"] for f in whole["failures"]], failed
assert int(suite.get("failures")) == len(failed)

sarif = json.load(open(sys.argv[4]))
results = sarif["runs"][0]["results"]
assert [r["properties"]["seed"] for r in results] == [f["seed"] for f in whole["failures"]]
assert {r["ruleId"] for r in results} == {"assertion-failed"}
print("merged %d failures" % len(results))
