# Writes a linker --dynamic-list of the runtime's exported symbols.
# Inputs: NM (llvm-nm), ARCHIVE (libweft_rt.a), OUT (the list to write).
# Run with -P: no project sets the policies, and CMP0007 (empty list
# elements kept) would warn with the whole symbol list on every build.
cmake_policy(SET CMP0007 NEW)
execute_process(COMMAND ${NM} --defined-only --extern-only --format=just-symbols ${ARCHIVE}
  OUTPUT_VARIABLE Symbols RESULT_VARIABLE Result)
if(NOT Result EQUAL 0)
  message(FATAL_ERROR "llvm-nm failed on ${ARCHIVE}")
endif()
string(REPLACE "\n" ";" Symbols "${Symbols}")
list(REMOVE_DUPLICATES Symbols)
list(SORT Symbols)
set(Text "{\n")
foreach(Sym IN LISTS Symbols)
  if(Sym STREQUAL "" OR Sym MATCHES ":$" OR Sym MATCHES "4weft")
    continue()
  endif()
  string(APPEND Text "  ${Sym};\n")
endforeach()
string(APPEND Text "};\n")
file(WRITE ${OUT} "${Text}")
