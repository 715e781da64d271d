// doctest's main, after one check of the names. ctest runs each case by its name, and CMake
// splits a name at ';', so a case whose name holds one would pass under ctest without running.
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <cstring>
#include <iostream>

#include "compute/HeapPadding.hpp"

int main(int argc, char** argv) {
  for (const auto& test : doctest::detail::getRegisteredTests())
    if (std::strchr(test.m_name, ';') != nullptr) {
      std::cerr << test.m_file.c_str() << ":" << test.m_line << ": the test case \"" << test.m_name
                << "\" has ';' in its name, which ctest splits, so it would never run there\n";
      return 2;
    }
  autood::keep_freed_heap_for_reuse();  // as the autood binary does, so tests train alike
  return doctest::Context(argc, argv).run();
}
