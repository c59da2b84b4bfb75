# lit configuration for weft's user-visible behaviour.
#
# Substitutions (use these, never a bare tool name: the unversioned tools on
# PATH are LLVM 14):
#   %weft         the weft driver (build/bin/weft)
#   %weft-cc      `weft cc -race` with the flags tests share
#   %weft-cxx     `weft c++ -race` with the flags tests share
#   %clang        clang-19, %clangxx clang++-19
#   %opt          opt-19,   %plugin  the pass plugin (.so)
#   %libdir       build/lib/weft (plugin, runtime, dynamic list)
#   %srcroot      the source tree
#   %objroot      the build tree (what `cmake --install` and cpack read)
#   %cmake, %cpack, %ctest   the CMake that configured the build
#   %expect-exit N   run a command, require exit status N
#   FileCheck, not     the LLVM 19 tools
import os
import lit.formats

config.name = "weft"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".ll", ".c", ".cpp", ".test"]
config.excludes = ["Inputs", "Unit", "lit.cfg.py", "lit.site.cfg.py.in", "CMakeLists.txt"]
config.test_source_root = os.path.dirname(__file__)

plugin = os.path.join(config.weft_lib_dir, "WeftPass.so")
common = "-g -O1"
config.substitutions.append(("%weft-cc", "%s cc -race %s" % (config.weft_bin, common)))
config.substitutions.append(("%weft-cxx", "%s c++ -race %s" % (config.weft_bin, common)))
config.substitutions.append(("%weft", config.weft_bin))
config.substitutions.append(("%clangxx", config.clangxx))
config.substitutions.append(("%clang", config.clang))
config.substitutions.append(("%opt", config.opt))
config.substitutions.append(("%plugin", plugin))
config.substitutions.append(("%libdir", config.weft_lib_dir))
config.substitutions.append(("%srcroot", config.weft_src_root))
config.substitutions.append(("%objroot", config.weft_obj_root))
config.substitutions.append(("%cmake-generator", '"%s"' % config.cmake_generator))
config.substitutions.append(("%cmake", config.cmake))
config.substitutions.append(("%cpack", config.cpack))
config.substitutions.append(("%ctest", config.ctest))
config.substitutions.append(("%python", config.python))
# %expect-exit N cmd...: succeeds iff cmd exits with status N (66 race,
# 67 deadlock, 68 crash); output passes through for FileCheck.
config.substitutions.append(("%expect-exit", "%s %s" % (
    config.python, os.path.join(config.weft_src_root, "test", "Inputs", "expect_exit.py"))))
config.substitutions.append((r"\bFileCheck\b", config.filecheck))
config.substitutions.append((r"\bnot\b(?=\s)", config.not_tool))

# The SARIF Multitool (npm @microsoft/sarif-multitool, installed by
# scripts/setup.sh when npm is present) validates SARIF output. Its npm
# wrapper runs the real tool through a shell, so the tool is found behind it.
import shutil
import subprocess
multitool = None
if shutil.which("sarif-multitool") and shutil.which("node"):
    try:
        multitool = subprocess.run(
            ["node", "-e", "console.log(require(require('path').join("
             "require('child_process').execSync('npm root -g').toString().trim(),"
             "'@microsoft/sarif-multitool')))"],
            capture_output=True, text=True, timeout=60).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        multitool = None
if multitool and os.access(multitool, os.X_OK):
    config.available_features.add("sarif-multitool")
    config.substitutions.append(("%sarif-multitool", multitool))
else:
    lit_config.note("SARIF Multitool not found (npm install -g "
                    "@microsoft/sarif-multitool): SARIF validation tests are "
                    "skipped")

# The .deb test needs Debian's packaging tools.
if shutil.which("dpkg-deb") and shutil.which("dpkg-shlibdeps"):
    config.available_features.add("dpkg")
else:
    lit_config.note("dpkg-deb/dpkg-shlibdeps not found: the .deb test is skipped")

# The HTML timeline is checked in a real browser: Debian's headless
# chromium (scripts/lib/build.sh installs it). %chromium runs it with a
# profile directory of its own per use, so that tests may run in parallel.
chromium = shutil.which("chromium")
if chromium:
    config.available_features.add("chromium")
    config.substitutions.append(("%chromium", "%s --headless --no-sandbox --disable-gpu "
                                 "--user-data-dir=%%t.chromium-profile" % chromium))
else:
    lit_config.note("chromium not found (apt-get install chromium): the HTML "
                    "timeline tests are skipped")

# Tests run with a clean weft environment: a seed or option leaking in from the
# developer's shell must not change what a test sees.
for var in ["WEFT_OPTIONS", "WEFT_SEED"]:
    config.environment.pop(var, None)
for var in ["HOME", "TMPDIR", "TERM"]:
    if var in os.environ:
        config.environment[var] = os.environ[var]
config.environment["PATH"] = os.pathsep.join(
    [os.path.dirname(config.weft_bin), config.llvm_tools_dir, os.environ.get("PATH", "")])
