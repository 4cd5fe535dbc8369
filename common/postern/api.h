/*
 * NAME
 *	api.h - export and C++ linkage macros shared by every public header
 * DESCRIPTION
 *	PST_API marks exported symbols (the library is built with
 *	-fvisibility=hidden). Define PST_STATIC when linking the static
 *	archive. Every public header includes this file first, so each
 *	header compiles on its own, in C and in C++.
 * LICENSE
 *	MIT
 */
#ifndef POSTERN_API_H
#define POSTERN_API_H

#ifndef PST_API
#if defined(PST_STATIC)
#define PST_API
#elif defined(__GNUC__) && __GNUC__ >= 4
#define PST_API __attribute__((visibility("default")))
#else
#define PST_API
#endif
#endif

#ifdef __cplusplus
#define PST_BEGIN_DECLS extern "C" {
#define PST_END_DECLS }
#else
#define PST_BEGIN_DECLS
#define PST_END_DECLS
#endif

#endif
