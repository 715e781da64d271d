#pragma once
// Symbols of the SDK library stay visible even though everything is built with hidden visibility,
// so that each interface has exactly one vtable and one typeinfo in the process.
#define AUTOOD_SDK_API __attribute__((visibility("default")))
