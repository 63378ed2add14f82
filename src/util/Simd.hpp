#pragma once

// Whether the SIMD searches are compiled in: WSH_SIMD (the CMake option of that name, on by
// default) and a processor with SSE2. With WSH_SIMD=OFF every search runs byte by byte, so a
// sanitizer build and a differential fuzz target can prove the two paths equal.
#ifndef WSH_SIMD
#define WSH_SIMD 1
#endif
#if WSH_SIMD && defined(__SSE2__)
#define WSH_SIMD_SSE2 1
#include <emmintrin.h>
#else
#define WSH_SIMD_SSE2 0
#endif
