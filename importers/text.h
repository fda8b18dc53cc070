/*
 * text.h - what every importer does to the text it found: check a code,
 * fold whitespace, split annotations off a name, find status words in a
 * description, and turn reference labels and link targets into documents.
 *
 * The sdb_emit_* functions take the span [start, end) in in->text where a
 * value's raw text stands and append the claims it yields to out.
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
 * True when s[0, n) looks like a code someone meant to write (a digit
 * followed by up to three letters or digits: "4O4", "99", "1000") but is
 * not a valid one.  Importers report such rows instead of skipping them.
 */
int sdb_looks_like_bad_code(const char *s, size_t n);

/* Appends s[0, n) to b with runs of whitespace (and U+00A0) as one space,
 * leading and trailing whitespace dropped. */
void sdb_fold_ws(struct sdb_buf *b, const char *s, size_t n);

/* Narrows [*start, *end) of in->text past leading and trailing whitespace. */
void sdb_trim_span(const struct sdb_input *in, size_t *start, size_t *end);

/* Appends s[0, n) to b with HTML character references decoded. */
void sdb_decode_entities(struct sdb_buf *b, const char *s, size_t n);

/*
 * A name whose raw text is in->text[start, end) verbatim.  Trailing
 * parenthesized annotations ("(since HTTP/1.1)", "(Experimental)") become
 * note claims pointing inside their parentheses; what is left is the name.
 * A name that is only an annotation ("(Unused)") yields only the note.
 */
void sdb_emit_name(struct sdb_claims *out, const struct sdb_input *in,
		   int entry, int code, size_t start, size_t end);

/*
 * The same for a name whose text is not verbatim in the file (decoded or
 * unescaped by a parser): split as sdb_emit_name() does, every claim
 * pointing at the whole span [start, end).
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

/*
 * The visible label of a reference ("RFC7231, Section 6.5.11",
 * "RFC 7231: Hypertext Transfer Protocol ..."): one reference claim per
 * document it names, value "RFC 7231", section "6.5.11".  A label naming
 * no known kind of document is kept whole.  value NULL: the raw text.
 */
void sdb_emit_reference(struct sdb_claims *out, const struct sdb_input *in,
			int entry, int code, const char *value,
			size_t start, size_t end);

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
