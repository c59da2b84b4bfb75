# weft-toolchain.cmake: build a whole CMake project with race detection.
#
#   cmake -DCMAKE_TOOLCHAIN_FILE=<prefix>/lib/cmake/weft/weft-toolchain.cmake ..
#
# The compilers are weft-cc and weft-c++, which imply -race, so every object is
# instrumented and every executable links weft's runtime with no change to the
# project's flags. The file sits in <prefix>/lib/cmake/weft, so the prefix is
# found from here and the installed tree can move. It also makes
# find_package(weft) find this same installation (weft_add_test).
get_filename_component(_weft_prefix "${CMAKE_CURRENT_LIST_DIR}/../../.." ABSOLUTE)
set(CMAKE_C_COMPILER "${_weft_prefix}/bin/weft-cc")
set(CMAKE_CXX_COMPILER "${_weft_prefix}/bin/weft-c++")
list(APPEND CMAKE_PREFIX_PATH "${_weft_prefix}")
# try_compile projects get a fresh cache: hand them the same prefix.
list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES CMAKE_PREFIX_PATH)
unset(_weft_prefix)
