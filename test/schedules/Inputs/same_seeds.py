"""same_seeds.py ALL SHARD...: the failure seeds of the shards, together,
are those of the unsharded run, each exactly once."""
import re
import sys


def seeds(path):
    with open(path) as f:
        return re.findall(r"failure: .* with seed (0x[0-9a-f]+)", f.read())


whole = seeds(sys.argv[1])
parts = [s for p in sys.argv[2:] for s in seeds(p)]
if sorted(whole) != sorted(parts) or len(set(parts)) != len(parts):
    sys.exit("shards %s != whole %s" % (parts, whole))
