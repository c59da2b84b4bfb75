# Loads bench/realworld/run as a module and prints reuse_plan's answer for
# fake LevelDB builds: one per way a reused build can be stale.
import importlib.machinery, importlib.util, os, sys, json
loader = importlib.machinery.SourceFileLoader("realworld", sys.argv[1])
spec = importlib.util.spec_from_loader("realworld", loader)
m = importlib.util.module_from_spec(spec); loader.exec_module(m)
root = sys.argv[2]
def build(name, cxx, flags, stamp):
    d = os.path.join(root, name); os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "CMakeCache.txt"), "w") as f:
        f.write(f"CMAKE_CXX_COMPILER:FILEPATH={cxx}\nCMAKE_CXX_FLAGS:STRING={flags}\n")
    if stamp is not None:
        m.write_stamp(os.path.join(d, m.STAMP), stamp)
    return d
S = {"pass": "1-1", "runtime": "2-2"}
cases = [
    ("same", build("same", "/w/weft-c++", "-O1 -g -race", S), S),
    ("runtime", build("runtime", "/w/weft-c++", "-O1 -g -race", S), dict(S, runtime="2-3")),
    ("pass", build("pass", "/w/weft-c++", "-O1 -g -race", S), dict(S, **{"pass": "1-9"})),
    ("flags", build("flags", "/w/weft-c++", "-O0", S), S),
    ("compiler", build("compiler", "/other/weft-c++", "-O1 -g -race", S), S),
    ("nostamp", build("nostamp", "/w/weft-c++", "-O1 -g -race", None), S),
    ("tsan", build("tsan", "/w/weft-c++", "-O1 -g -race", {}), {}),
]
for name, d, stamp in cases:
    plan, why = m.reuse_plan(d, "/w/weft-c++", "-O1 -g -race", stamp)
    print(f"{name}: {plan}: {why}")
print("file_id missing:", m.file_id(os.path.join(root, "nope")))
