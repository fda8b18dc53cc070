/*
 * pieces.h - a value assembled from pieces of the file, each byte knowing
 * where it came from: a CSV field whose doubled quotes are unescaped, a
 * fixed-width cell wrapped over several lines.
 *
 * The sdb_emit_* functions of text.h need the value's raw text to be one
 * span of the file.  sdb_pieces_emit() runs them on the assembled text
 * instead and places every claim they make back in the file: a claim
 * covers the raw text from its first byte's origin to its last one's.
 */
#ifndef SDB_PIECES_H
#define SDB_PIECES_H

#include "importer.h"
#include "text.h"
#include "../common/buf.h"

struct sdb_pieces {
	struct sdb_buf text;	/* whitespace runs folded to one space */
	size_t *from, *to;	/* text.s[i] stands for in->text[from[i],
				   to[i]); owned */
	size_t alloc;
	int space;		/* a space is pending (not yet added) */
	size_t space_from, space_to;
};

void sdb_pieces_init(struct sdb_pieces *p);
void sdb_pieces_release(struct sdb_pieces *p);
/* Empties p for the next value, keeping its memory. */
void sdb_pieces_reset(struct sdb_pieces *p);

/*
 * Appends in->text[start, end).  Runs of white space (also across calls)
 * become one space; leading and trailing ones are dropped.
 */
void sdb_pieces_add(struct sdb_pieces *p, const struct sdb_input *in,
		    size_t start, size_t end);
/* Appends one byte c standing for in->text[start, end) ("" for '"'). */
void sdb_pieces_addch(struct sdb_pieces *p, char c, size_t start, size_t end);
/* Appends src's text from byte i to j, with its origins. */
void sdb_pieces_add_slice(struct sdb_pieces *p, const struct sdb_pieces *src,
			  size_t i, size_t j);

/* Where text[i, j) stands in the file: [*start, *end).  j > i. */
void sdb_pieces_span(const struct sdb_pieces *p, size_t i, size_t j,
		     size_t *start, size_t *end);

/*
 * The claims the text yields as a field of code (as sdb_emit_name,
 * sdb_emit_description, sdb_emit_reference or sdb_emit_class would on
 * raw text), placed back in in->text.  Empty text yields nothing.
 */
void sdb_pieces_emit(struct sdb_claims *out, const struct sdb_input *in,
		     int entry, int code, enum sdb_field field,
		     const struct sdb_pieces *p);

/*
 * A cell of references: bracketed citations run together ("[RFC7232,
 * Section 4.2][RFC8144, Section 3.2]") or citations separated by ';'
 * ("RFC 9110, Section 15.5.14; RFC 8470").  Each is emitted as
 * sdb_emit_reference() does, located at its own text; one naming no
 * document is kept whole ("Status change of HTTP experiments to
 * Historic"); a URL is a link: a reference and its target.
 */
void sdb_pieces_emit_references(struct sdb_claims *out,
				const struct sdb_input *in, int entry, int code,
				const struct sdb_pieces *p);

/*
 * How much of s[0, n) an error message quotes: up to the line's end, at
 * most max bytes, never half a character, trailing blanks dropped.
 */
int sdb_excerpt_len(const char *s, size_t n, size_t max);

/*
 * The claims a cell of a column with role yields: a name, description,
 * class or identifier as sdb_pieces_emit() makes them, references as
 * sdb_pieces_emit_references() does; nothing for other columns.
 */
void sdb_pieces_emit_role(struct sdb_claims *out, const struct sdb_input *in,
			  int entry, int code, enum sdb_role role,
			  const struct sdb_pieces *p);

#endif
