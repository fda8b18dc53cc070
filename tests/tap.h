/*
 * tap.h - what the C tests print for tests/run.sh to count: "ok - ..."
 * or "not ok - ..." per check.  Each test program includes it once and
 * exits 1 when failed is not 0.
 */
#ifndef SDB_TESTS_TAP_H
#define SDB_TESTS_TAP_H

#include <stdarg.h>
#include <stdio.h>

static int failed;

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static void ok(int cond, const char *fmt, ...)
{
	va_list ap;

	fputs(cond ? "ok - " : "not ok - ", stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	fputc('\n', stdout);
	failed += !cond;
}

#endif
