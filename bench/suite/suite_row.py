"""The suite-level row of bench/run: bench/suite's twenty test programs,
built as a CMake project three ways and run with `ctest -j2`.

A user sees a sanitizer's cost as the wall time of the whole test suite run
with the build system's parallelism, not as one program's CPU time: TSan runs
two tests at once on two cores, weft runs each test's threads one at a time
but still two tests at once. This row times exactly that (and the build,
which is the compile time of twenty small files). bench/run imports it;
nothing here knows the other rows.
"""

import os
import re
import shutil
import statistics

SUITE_DIR = os.path.dirname(os.path.abspath(__file__))
VARIANTS = ("native", "tsan", "weft")
OPT = "-O1 -g"
CTEST_JOBS = 2
CTEST_SUMMARY_RE = re.compile(r"(\d+)% tests passed, (\d+) tests failed out of (\d+)")


def configure_cmd(args, variant, build_dir):
    flags = {"native": OPT, "tsan": f"{OPT} -fsanitize=thread", "weft": f"{OPT} -race"}[variant]
    if variant == "weft":
        driver_dir = os.path.dirname(os.path.abspath(args.weft))
        cc, cxx = os.path.join(driver_dir, "weft-cc"), os.path.join(driver_dir, "weft-c++")
    else:
        cc, cxx = shutil.which(args.clang), shutil.which(args.clangxx)
    return ["cmake", "-G", "Ninja", "-S", SUITE_DIR, "-B", build_dir,
            f"-DCMAKE_C_COMPILER={cc}", f"-DCMAKE_CXX_COMPILER={cxx}",
            f"-DCMAKE_C_FLAGS={flags}", f"-DCMAKE_CXX_FLAGS={flags}",
            "-DCMAKE_BUILD_TYPE=", "-DCMAKE_C_COMPILER_LAUNCHER=", "-DCMAKE_CXX_COMPILER_LAUNCHER="]


def ctest_counts(out):
    m = CTEST_SUMMARY_RE.search(out)
    if not m:
        return None
    failed, total = int(m.group(2)), int(m.group(3))
    return {"passed": total - failed, "failed": failed, "total": total}


def measure_suite(args, measure, scratch, envs, run_measured, describe_failure):
    """Builds the suite three ways (timed once: ninja's wall and CPU), then
    runs `ctest -j2` for each variant, alternating, args.suite_runs times.
    Returns a dict with builds, runs, medians and failed (None or why)."""
    res = {"source": os.path.relpath(SUITE_DIR, os.path.dirname(os.path.dirname(SUITE_DIR))),
           "ctest_jobs": CTEST_JOBS, "runs": {v: [] for v in VARIANTS}, "build": {},
           "failed": None}
    dirs = {}
    for v in VARIANTS:
        d = os.path.join(scratch, f"suite.{v}")
        shutil.rmtree(d, ignore_errors=True)
        r = run_measured(measure, configure_cmd(args, v, d), envs["native"], scratch,
                         d + ".configure", args.timeout)
        if r["rc"] != 0:
            res["failed"] = describe_failure(f"configuring the suite ({v})", r)
            return res
        r = run_measured(measure, ["ninja", "-C", d, f"-j{CTEST_JOBS}"], envs["native"],
                         scratch, d + ".build", args.timeout)
        if r["rc"] != 0:
            res["failed"] = describe_failure(f"building the suite ({v})", r)
            return res
        res["build"][v] = {"wall": r["wall"], "cpu": r["cpu"]}
        dirs[v] = d
    print("suite: running", end="", flush=True)
    for i in range(args.suite_runs):
        for v in VARIANTS:
            r = run_measured(measure, ["ctest", "-j", str(CTEST_JOBS), "--test-dir", dirs[v]],
                             envs[v], dirs[v], os.path.join(scratch, f"suite.{v}.run{i}"),
                             args.timeout)
            counts = ctest_counts(r["stdout"])
            if r["rc"] != 0 or counts is None or counts["failed"]:
                res["failed"] = describe_failure(f"ctest run {i + 1} of {v}", r) + (
                    "\n" + "\n".join(l for l in r["stdout"].splitlines() if "Failed" in l
                                     or "***" in l))
                print(flush=True)
                return res
            res["runs"][v].append({"wall": r["wall"], "cpu": r["cpu"], **counts})
            print(".", end="", flush=True)
    print(flush=True)
    res["median"] = {v: {m: statistics.median(x[m] for x in res["runs"][v])
                         for m in ("wall", "cpu")} for v in VARIANTS}
    return res


def print_suite(args, res, fmt_ratio, ratio):
    print()
    print(f"suite ({res['source']}: {len(res['runs']['native']) and res['runs']['native'][0]['total']} "
          f"test programs, ctest -j{res['ctest_jobs']}, {OPT}):")
    if res["failed"]:
        print(f"  FAILED: {res['failed']}")
        return
    med, build = res["median"], res["build"]
    print(f"  {'':14}{'native':>9}{'tsan':>9}{'weft':>9}{'weft/nat':>10}{'tsan/nat':>10}{'weft/tsan':>10}")
    for label, vals in (("ctest wall s", {v: med[v]["wall"] for v in VARIANTS}),
                        ("ctest cpu s", {v: med[v]["cpu"] for v in VARIANTS}),
                        ("build wall s", {v: build[v]["wall"] for v in VARIANTS}),
                        ("build cpu s", {v: build[v]["cpu"] for v in VARIANTS})):
        print(f"  {label:14}" + "".join(f"{vals[v]:9.2f}" for v in VARIANTS) +
              f"{fmt_ratio(ratio(vals['weft'], vals['native'])):>10}"
              f"{fmt_ratio(ratio(vals['tsan'], vals['native'])):>10}"
              f"{fmt_ratio(ratio(vals['weft'], vals['tsan'])):>10}")
    print(f"  ctest: medians of {args.suite_runs} alternating runs; build: one ninja -j2 run")
