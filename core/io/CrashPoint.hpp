#pragma once
// Fault injection for the kill -9 tests. With AUTOOD_CRASH_AT="name#n" in the environment, the
// n-th pass through crash_point("name") sends this process SIGKILL: a real kill, at a moment a
// test can name exactly (mid-training, right after a trial is stored, inside a state write).
// "name#n@r" fires on MPI rank r only, so that a test can kill one worker of a distributed search.
// Without the variable it costs one branch.
namespace autood {

void crash_point(const char* name);

}  // namespace autood
