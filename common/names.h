/*
 * names.h - the vocabulary every stage shares about reason phrases: when
 * two names are the same but for case and punctuation, which words state
 * a status, and how a name becomes a C identifier.
 */
#ifndef SDB_NAMES_H
#define SDB_NAMES_H

#include "buf.h"

#include <stddef.h>

/*
 * Appends the key two names share when they differ only in case,
 * spacing, hyphens or punctuation: their lowercase ASCII letters and
 * digits, and every non-ASCII byte.
 */
void sdb_name_key(struct sdb_buf *b, const char *name);

/* The statuses a code can have; a bit each in a status set. */
enum sdb_status {
	SDB_STATUS_DEPRECATED,
	SDB_STATUS_EXPERIMENTAL,
	SDB_STATUS_OBSOLETED,
	SDB_STATUS_TEMPORARY,
	SDB_STATUS_UNOFFICIAL,
	SDB_STATUS_UNUSED,
	SDB_NSTATUS
};

/* "deprecated", "experimental", ...: the name stored and exported. */
const char *sdb_status_name(enum sdb_status s);

/*
 * The statuses a note states, as a bit set (1 << SDB_STATUS_...): "Unused"
 * and "(Unused)" unused; "deprecated", "discontinued" deprecated;
 * "Experimental"; "OBSOLETED", "obsolete"; "TEMPORARY - registered ...";
 * "unofficial", "non-standard", "... extension" unofficial.  A note such
 * as "since HTTP/1.1" states none.
 */
unsigned sdb_note_statuses(const char *note);

/*
 * 1 when s[0, n) is nothing but a status word ("Unused", "(Unused)",
 * "Reserved", "deprecated.", "*Experimental*"): it says what a code is,
 * not what it is called, nor what it means.
 */
int sdb_is_status_word(const char *s, size_t n);

/*
 * Longest identifier suffix: with a prefix such as "HTTP_STATUS_" it
 * stays within the 63 significant characters C99 promises.
 */
#define SDB_IDENT_MAX 51

/*
 * The identifier suffix a name gives, in upper snake case: ASCII letters
 * and digits uppercased, Latin-1 letters transliterated (e-acute -> E),
 * apostrophes dropped ("I'm a teapot" -> IM_A_TEAPOT), every other run of
 * characters one underscore, none at either end, at most SDB_IDENT_MAX
 * characters (whole words).  May be empty.  The caller frees.
 */
char *sdb_ident_snake(const char *name, size_t len);

/*
 * The same words in CamelCase: each word's first letter uppercased, the
 * rest as written ("URI Too Long" -> URITooLong, "I'm a teapot" ->
 * ImATeapot).  The caller frees.
 */
char *sdb_ident_camel(const char *name, size_t len);

#endif
