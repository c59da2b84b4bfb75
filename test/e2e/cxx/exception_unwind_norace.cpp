// Twin of exception_unwind_race.cpp: built from exception_unwind_race.cpp
// with ORDERED, the read comes after the join, so the exception thrown and
// caught in the worker reports nothing.
// RUN: %weft-cxx %s -o %t
// RUN: %weft test -n 50 --seed 9 -- %t

#define ORDERED
#include "exception_unwind_race.cpp"
