// The one translation unit that compiles stb_image, for PNG and JPEG only.
#define STB_IMAGE_IMPLEMENTATION
#define STBI_ONLY_PNG
#define STBI_ONLY_JPEG
#define STBI_FAILURE_USERMSG
#define STBI_MAX_DIMENSIONS 16384  // a forged header cannot claim more
#include <stb/stb_image.h>
