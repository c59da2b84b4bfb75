"""check_json.py FILE N: FILE is valid JSON for a `weft test` run of N
schedules whose failures and groups agree."""
import json
import sys

d = json.load(open(sys.argv[1]))
assert d["schedules"] == int(sys.argv[2]), d["schedules"]
assert d["failed"] == len(d["failures"]) > 0
assert sum(g["count"] for g in d["groups"]) == d["failed"]
for f in d["failures"]:
    assert f["seed"] in f["reproduce"]
    assert "SUMMARY: weft: assertion failed" in f["output"]
