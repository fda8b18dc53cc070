/*
 * c_header_int.h - what c_header.c takes from c_header_templates.c: the
 * fixed text of http_status.h, as templates for c_header.c's expand().
 * Internal to exporters/c_header*.c.
 */
#ifndef SDB_C_HEADER_INT_H
#define SDB_C_HEADER_INT_H

/* The include guard, @MINLINE, @MDEPRECATED and extern "C". */
extern const char sdb_c_header_prelude[];

/*
 * The functions, in two parts for C99's longest string literal: for
 * add_functions(), which also fills in @1 .. @5, the class names.
 */
extern const char sdb_c_header_functions[];
extern const char sdb_c_header_lookups[];

#endif
