# The GoogleTest binaries (build/unittests/*Tests), one lit test per case.
import os
import lit.formats

config.name = "weft-unit"
config.test_format = lit.formats.GoogleTest(".", "Tests")
config.test_source_root = config.weft_unittest_dir
config.test_exec_root = config.weft_unittest_dir
