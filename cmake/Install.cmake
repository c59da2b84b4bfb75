# cmake/Install.cmake: what `cmake --install` puts beside the driver, plugin
# and runtime (each target installs itself in its own CMakeLists.txt), and the
# .deb that `cpack -G DEB` builds from the same install rules.
#
# The layout is fixed relative to the prefix so that the tree is relocatable:
#   bin/weft, bin/weft-cc, bin/weft-c++      the driver and its aliases
#   lib/weft/                                WeftPass.so, libweft_rt.a, dynlist
#   include/weft/                            annotations.h and the C ABI
#   lib/cmake/weft/                          find_package(weft), the toolchain
#   share/doc/weft/, share/man/man1/weft.1   docs and the man page
# The driver finds lib/weft from its own executable (/proc/self/exe), and the
# CMake package finds bin/ from its own directory, so nothing records the
# prefix: move the tree, or unpack the .deb anywhere, and it still works.
include(CMakePackageConfigHelpers)

install(FILES README.md DESTINATION share/doc/weft)
install(FILES docs/usage.md docs/design.md docs/limits.md docs/scheduling.md
              docs/performance.md docs/ci.md docs/build-systems.md
        DESTINATION share/doc/weft)
install(FILES docs/weft.1 DESTINATION share/man/man1)

# find_package(weft): weftConfig.cmake (weft_add_test, the executables as
# variables), its version file, and the toolchain file.
set(WEFT_CMAKE_DIR lib/cmake/weft)
configure_package_config_file(cmake/weftConfig.cmake.in
  ${CMAKE_BINARY_DIR}/cmake/weftConfig.cmake
  INSTALL_DESTINATION ${WEFT_CMAKE_DIR}
  NO_SET_AND_CHECK_MACRO NO_CHECK_REQUIRED_COMPONENTS_MACRO)
write_basic_package_version_file(${CMAKE_BINARY_DIR}/cmake/weftConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMajorVersion)
install(FILES ${CMAKE_BINARY_DIR}/cmake/weftConfig.cmake
              ${CMAKE_BINARY_DIR}/cmake/weftConfigVersion.cmake
              cmake/weft-toolchain.cmake
        DESTINATION ${WEFT_CMAKE_DIR})

# The .deb. Its Depends come from two places: what the installed files link
# against (dpkg-shlibdeps reads bin/weft: libc, libstdc++, abseil),
# and what weft runs or links for the user: clang-19 (the compiler, and the
# host the pass plugin loads into; it brings libstdc++-12-dev and libc6-dev for
# the -race link) and llvm-19 (llvm-symbolizer, which the runtime runs to
# name the frames of a report).
set(CPACK_PACKAGE_NAME weft)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR "weft")
set(CPACK_PACKAGE_CONTACT "weft maintainers <weft@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "data-race detector for C and C++ with a controlled scheduler")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_ARCHITECTURE amd64)
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "clang-19, llvm-19")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# The runtime and the plugin are built with -g; a package for users keeps
# them as they are (reports symbolize weft's own frames only on request).
set(CPACK_GENERATOR DEB)
set(CPACK_SOURCE_GENERATOR "")
include(CPack)
