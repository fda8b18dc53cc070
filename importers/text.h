/*
 * text.h - what every importer does to the text it found: check a code,
 * fold whitespace, split annotations off a name, find status words in a
 * description, and turn reference labels and link targets into documents.
 *
 * The sdb_emit_* functions take the span [start, end) in in->text where a
 * value's raw text stands and append the claims it yields to out.
 *
 * text.c holds the reading of text (codes, whitespace, entities,
 * sdb_mtext, column roles); text_emit.c the sdb_emit_* functions and
 * sdb_parse_document().
 */
#ifndef SDB_TEXT_H
#define SDB_TEXT_H

#include "importer.h"
#include "../common/buf.h"

/*
 * Parses s[0, n) as a status code: exactly three ASCII digits, 100..599.
 * Returns the code, or -1.
 */
int sdb_parse_code(const char *s, size_t n);

/*
 * Parses s[0, n) as a code or a range of codes ("105-199", "105 - 199"):
 * sets *first and *last.  Returns 0, or -1 when it is neither.
 */
int sdb_parse_codes(const char *s, size_t n, int *first, int *last);

/*
 * True when s[0, n), a code cell or a line's first word, looks like a
 * code someone meant to write but is not a valid one: a digit (ASCII or
 * full-width, Arabic-Indic, Devanagari) and up to eight digits and
 * letters, with '.' or ',' between digits, a sign, '#', '(' or '['
 * before and one ':', '.', ')' or ']' after ("4O4", "99", "1000",
 * "40404", "+404", "404.0", "404:", "(404)", full-width "404").  "4xx" is
 * a class, not a bad code.
 * Importers report such rows instead of skipping them.
 */
int sdb_looks_like_bad_code(const char *s, size_t n);

/* Length of the whitespace character at s (as sdb_fold_ws() counts it),
 * 0 when s does not start with one. */
size_t sdb_ws_len(const char *s, size_t n);

/* 1 when s[0, n) shows nothing: only whitespace (as sdb_ws_len() counts
 * it) and invisible format characters (soft hyphen, U+200C, U+2061...). */
int sdb_is_blank(const char *s, size_t n);

/* Appends s[0, n) to b with runs of whitespace (ASCII, U+00A0 and the
 * other Unicode spaces, zero-width ones and U+FEFF) as one space, leading
 * and trailing whitespace dropped. */
void sdb_fold_ws(struct sdb_buf *b, const char *s, size_t n);

/* Narrows [*start, *end) of in->text past leading and trailing whitespace. */
void sdb_trim_span(const struct sdb_input *in, size_t *start, size_t *end);

/* Appends s[0, n) to b with HTML character references decoded: numeric
 * ones, HTML 4's named ones and "&apos;", each ended by ';'. */
void sdb_decode_entities(struct sdb_buf *b, const char *s, size_t n);

/*
 * The character reference at s[0, n) as sdb_decode_entities() reads it:
 * its UTF-8 into u (4 bytes at most, *un of them) and its length in s.
 * Returns 0 when s does not start with one.
 */
size_t sdb_entity(const char *s, size_t n, char *u, size_t *un);

/*
 * A text and where each of its bytes comes from: what a parser read of
 * the file (entities decoded, markup dropped, whitespace folded), so that
 * a value and the raw text it is read from always agree, and a part of
 * the value (a name's note, one citation of several) has its own span.
 * Byte i of s came from in->text[from[i], to[i]).
 */
struct sdb_mtext {
	struct sdb_buf s;
	size_t *from, *to;	/* s.len entries each; owned */
	size_t alloc;		/* entries allocated in from and to */
};

void sdb_mtext_init(struct sdb_mtext *m);
void sdb_mtext_release(struct sdb_mtext *m);
/* Appends s[0, n), every byte from in->text[start, end). */
void sdb_mtext_add(struct sdb_mtext *m, const char *s, size_t n,
		   size_t start, size_t end);
/* Appends in->text[start, end) as it stands, each byte from itself. */
void sdb_mtext_add_raw(struct sdb_mtext *m, const struct sdb_input *in,
		       size_t start, size_t end);
/* The same with character references decoded (sdb_decode_entities()). */
void sdb_mtext_add_decoded(struct sdb_mtext *m, const struct sdb_input *in,
			   size_t start, size_t end);
/* Appends src to dst (initialized) with whitespace folded (sdb_fold_ws()). */
void sdb_mtext_fold(struct sdb_mtext *dst, const struct sdb_mtext *src);
/* The raw span [*start, *end) that m's bytes [a, b) come from. */
void sdb_mtext_span(const struct sdb_mtext *m, size_t a, size_t b,
		    size_t *start, size_t *end);

/*
 * A name whose raw text is in->text[start, end) verbatim.  Trailing
 * parenthesized annotations ("(since HTTP/1.1)", "(Experimental)") become
 * note claims pointing inside their parentheses; what is left is the name.
 * A name that is only an annotation ("(Unused)") yields only the note.
 */
void sdb_emit_name(struct sdb_claims *out, const struct sdb_input *in,
		   int entry, int code, size_t start, size_t end);

/*
 * The same for a name a parser read, m (need not be folded): every
 * claim at the raw span of its own bytes.  A name or note that is empty
 * after folding yields no claim, whatever the other functions are given.
 */
void sdb_emit_name_m(struct sdb_claims *out, const struct sdb_input *in,
		     int entry, int code, const struct sdb_mtext *m);

/*
 * The same for a name whose text is not verbatim in the file (decoded or
 * unescaped by a parser): split as sdb_emit_name() does, every claim
 * pointing at the whole span [start, end), except a note whose text
 * stands verbatim in it: that points at its text, and the name ends
 * before its parenthesis.
 */
void sdb_emit_name_text(struct sdb_claims *out, const struct sdb_input *in,
			int entry, int code, const char *text,
			size_t start, size_t end);

/*
 * A description: value is its text with markup stripped and entities
 * decoded (NULL: the raw text is the value); raw text at [start, end).
 * Status words ("(Unused)", "*deprecated*", "(discontinued)") also become
 * notes, located in the raw text.  Empty descriptions yield nothing.
 */
void sdb_emit_description(struct sdb_claims *out, const struct sdb_input *in,
			  int entry, int code, const char *value,
			  size_t start, size_t end);
/* A description a parser read, m; notes at their words. */
void sdb_emit_description_m(struct sdb_claims *out,
			    const struct sdb_input *in, int entry, int code,
			    const struct sdb_mtext *m);

/*
 * The visible label of a reference ("RFC7231, Section 6.5.11",
 * "RFC 7231: Hypertext Transfer Protocol ..."): one reference claim per
 * document it names, value "RFC 7231", section "6.5.11".  A label naming
 * no known kind of document is kept whole.  value NULL: the raw text.
 */
void sdb_emit_reference(struct sdb_claims *out, const struct sdb_input *in,
			int entry, int code, const char *value,
			size_t start, size_t end);
/* A label a parser read, m: each citation at the raw span of its text.
 * Both run in time linear in the label. */
void sdb_emit_reference_m(struct sdb_claims *out, const struct sdb_input *in,
			  int entry, int code, const struct sdb_mtext *m);

/*
 * A link target: url as the link holds it (decoded), raw text at
 * [start, end).  One reference_target claim: the document the URL points
 * to, normalized like a label ("RFC 2616", section from "#section-6.2.1"),
 * or the URL itself when it names no known document.
 */
void sdb_emit_target(struct sdb_claims *out, const struct sdb_input *in,
		     int entry, int code, const char *url,
		     size_t start, size_t end);

/* A class heading, raw text at [start, end); value NULL: the raw text. */
void sdb_emit_class(struct sdb_claims *out, const struct sdb_input *in,
		    int entry, int code, const char *value,
		    size_t start, size_t end);

/*
 * Parses a document citation at s: "RFC7231", "RFC 7231", "rfc-7231",
 * "draft-ietf-httpbis-...".  On success sets *doc (caller frees) and
 * returns the bytes consumed, else returns 0.
 */
size_t sdb_parse_document(const char *s, size_t n, char **doc);

#endif

#ifndef SDB_TEXT_ROLES
#define SDB_TEXT_ROLES
/* What a table column holds, judged from its header text. */
enum sdb_role {
	SDB_ROLE_OTHER,
	SDB_ROLE_CODE,		/* "Code", "Value", "Status Code", "HTTP Status Code" */
	SDB_ROLE_NAME,		/* "Name", "Status", "Reason-Phrase", "Message" */
	SDB_ROLE_DESCRIPTION,	/* "Description", "Meaning", "Details" */
	SDB_ROLE_REFERENCE,	/* "Reference", "Defining Reference", "Specification" */
	SDB_ROLE_IDENTIFIER,	/* "Constant", "Identifier", "Enum" */
	SDB_ROLE_CLASS		/* "Class", "Category" */
};
enum sdb_role sdb_column_role(const char *header);

/* The role called name ("code", "name", ...), or -1 when there is none. */
int sdb_role_from_name(const char *name, size_t n);

/*
 * The role that a --column override (in->columns, "ROLE=KEY") gives the
 * column or key called key: 1 with *role set, 0 when none names it.
 */
int sdb_column_override(const struct sdb_input *in, const char *key,
			enum sdb_role *role);

/* 1 when an override gives some column role (its key may be absent). */
int sdb_column_overridden(const struct sdb_input *in, enum sdb_role role);

/*
 * Assigns roles to n header texts into roles[].  A table with no name
 * column but a description column (the IANA registry's Value /
 * Description / Reference) takes its names from the description column.
 * Returns the index of the code column, or -1 when there is none.
 */
int sdb_column_roles(const char *const *headers, size_t n, enum sdb_role *roles);
#endif
