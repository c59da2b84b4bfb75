"""check_sarif.py SARIF LOG: the SARIF of a `weft test --sarif` run agrees
with its log: one result per failure the log names (each failure here is one
report), each with a known rule, a location, two thread flows (the two
accesses) whose locations run outermost first, and the failure's seed."""
import json
import re
import sys

sarif = json.load(open(sys.argv[1]))
log = open(sys.argv[2]).read()
seeds = re.findall(r"^weft: failure: .* with seed (0x[0-9a-f]+)$", log, re.M)
run = sarif["runs"][0]
rules = [r["id"] for r in run["tool"]["driver"]["rules"]]
results = run["results"]
assert len(results) == len(seeds) > 0, (len(results), seeds)
for result, seed in zip(results, seeds):
    assert rules[result["ruleIndex"]] == result["ruleId"], result["ruleId"]
    assert result["properties"]["seed"] == seed
    assert seed in result["properties"]["reproduce"]
    assert result["locations"][0]["physicalLocation"]["region"]["startLine"] > 0
    flows = result["codeFlows"][0]["threadFlows"]
    assert len(flows) == 2, len(flows)
    for flow in flows:
        levels = [l["nestingLevel"] for l in flow["locations"]]
        assert levels == list(range(len(levels))), levels
        # Outermost first: the access itself is the last location.
        assert flow["locations"][-1]["location"]["logicalLocations"][0]["name"] == "work"
print("checked %d results" % len(results))
