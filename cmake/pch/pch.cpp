// Compiles the precompiled header; nothing else.
