#pragma once

namespace autood {

// Asks glibc's malloc to keep freed heap memory for reuse instead of handing it back to the
// kernel after every batch. Training and scoring free and reallocate tensors of tens of megabytes
// each batch; with glibc's defaults the heap's top is trimmed and faulted in again every time,
// which on this machine made a 3-child search spend 17 of its 42 s in the kernel (28 s with the
// padding). A MALLOC_TOP_PAD_ in the environment is left as the user set it. Call once, early.
void keep_freed_heap_for_reuse();

}  // namespace autood
