#pragma once

namespace autood {

// Asks glibc's malloc to keep freed heap memory for reuse instead of handing it back to the
// kernel after every batch. Training and scoring free and reallocate tensors of tens of megabytes
// each batch; with glibc's defaults the heap's top is trimmed and faulted in again every time,
// which on this machine made a 3-child search spend 17 of its 42 s in the kernel (28 s with the
// padding). The process's own choice, so the autood binary and the test binary make it, but the
// Python module does not: it would change malloc for the user's whole interpreter. Malloc tuning
// the user gives (MALLOC_TOP_PAD_, GLIBC_TUNABLES' glibc.malloc.*) is left alone.
void keep_freed_heap_for_reuse();

}  // namespace autood
