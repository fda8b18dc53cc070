/*
 * importer.h - text in, claims out.
 *
 * An importer reads one source file (struct sdb_input) and appends what it
 * states to a struct sdb_claims: one claim per field per status code, each
 * with the byte span of its raw text in the file.  Importers never touch the
 * database; cli/db.c stores the claims in one transaction.
 *
 * Every importer has the same signature and is listed in sdb_importers[]
 * (importers/importer.c), which the CLI, the tests and the fuzzers share.
 * Adding a format is one new file and one row in that table.
 */
#ifndef SDB_IMPORTER_H
#define SDB_IMPORTER_H

#include "../common/error.h"

#include <stddef.h>

/*
 * One source file, read whole.  text is the file without a leading UTF-8
 * BOM; every offset an importer reports is an offset into text.
 */
struct sdb_input {
	const char *path;	/* as given by the user; borrowed */
	char *data;		/* the whole file plus a NUL; owned */
	size_t size;		/* bytes in data, not counting the NUL */
	const char *text;	/* data + bom */
	size_t len;		/* bytes in text */
	size_t bom;		/* bytes of the UTF-8 BOMs the file starts with
				   (3 for one; a run of them counts as one) */
	size_t *lines;		/* offset in text of the start of each line; owned */
	size_t nlines;
	/*
	 * "ROLE=KEY" overrides from --column, NULL-terminated, or NULL;
	 * borrowed.  ROLE is code, name, description, reference, identifier
	 * or class; KEY a column header or object key as written.  Formats
	 * that name their columns (CSV, JSON) give KEY that role and no
	 * other column it; the others ignore them.
	 */
	const char *const *columns;
};

/*
 * Reads path ("-": standard input) into in and checks what every format
 * needs: a regular file (a directory, FIFO or device is refused), not
 * empty, valid UTF-8 (UTF-16 is named as such), no NUL byte, not larger
 * than SDB_MAX_FILE.  Lines end with LF, CRLF or a lone CR.
 * Returns 0, or -1 with err filled.  sdb_input_release() in both cases.
 */
int sdb_input_load(struct sdb_input *in, const char *path,
		   struct sdb_error *err);
/* Same checks on a buffer (used by the fuzzers); data is copied. */
int sdb_input_init_mem(struct sdb_input *in, const char *path,
		       const char *data, size_t size, struct sdb_error *err);
void sdb_input_release(struct sdb_input *in);

/* Position in the file (BOM counted) of offset off in in->text. */
struct sdb_pos sdb_input_pos(const struct sdb_input *in, size_t off);
/* Offset in in->text of 1-based line and byte column (clamped). */
size_t sdb_input_offset(const struct sdb_input *in, int line, int column);
/* End of line i (0-based) in text, before any "\r\n" or "\n". */
size_t sdb_input_line_end(const struct sdb_input *in, size_t i);

#if defined(__GNUC__)
__attribute__((format(printf, 4, 5)))
#endif
/* Fills err with the position of offset off in in->text.  Returns -1. */
int sdb_error_at(struct sdb_error *err, const struct sdb_input *in,
		 size_t off, const char *fmt, ...);

/* The fields a claim can state; names as stored in the database. */
enum sdb_field {
	SDB_FIELD_NAME,
	SDB_FIELD_NOTE,
	SDB_FIELD_DESCRIPTION,
	SDB_FIELD_REFERENCE,
	SDB_FIELD_REFERENCE_TARGET,
	SDB_FIELD_CLASS,
	SDB_FIELD_IDENTIFIER	/* an enumerator or map name as written in code:
				   HTTP_STATUS_NOT_FOUND, SOUP_STATUS_NOT_FOUND */
};
const char *sdb_field_name(enum sdb_field f);

/* One value a source states about one code, with its place in the file. */
struct sdb_claim {
	int entry;		/* 1-based ordinal of the row in the source */
	int code;		/* 100..599 */
	enum sdb_field field;
	char *value;		/* normalized text; owned */
	char *section;		/* reference(_target): section, or NULL; owned */
	char *url;		/* reference(_target): the link as written; owned */
	int link;		/* number of the link it is from (a link's label
				   and URL share it), 0 when not from a link */
	size_t start, end;	/* raw text is text[start, end) */
};

/* A range of codes a registry marks with one value ("Unassigned"). */
struct sdb_range {
	int first, last;
	char *value;		/* owned */
	size_t start, end;	/* raw text of the value element */
};

/* What a document index states about a document (see doc_claim). */
enum sdb_doc_field {
	SDB_DOC_TITLE,
	SDB_DOC_DATE,		/* "2022-06", or "1990-04-01" with a day */
	SDB_DOC_STATUS,		/* "PROPOSED STANDARD", "NOT ISSUED" */
	SDB_DOC_OBSOLETES,	/* the value is the other document */
	SDB_DOC_OBSOLETED_BY,
	SDB_DOC_UPDATES,
	SDB_DOC_UPDATED_BY
};
const char *sdb_doc_field_name(enum sdb_doc_field f);

struct sdb_doc_claim {
	char *document;		/* "RFC 9110"; owned */
	enum sdb_doc_field field;
	char *value;		/* owned */
	size_t start, end;	/* raw text is text[start, end) */
};

/* What an importer produces. */
struct sdb_claims {
	int link;		/* link that new claims belong to, 0: none */
	int links;		/* links numbered so far */
	struct sdb_claim *v;
	size_t n, alloc;
	struct sdb_range *ranges;
	size_t nranges, ranges_alloc;
	struct sdb_doc_claim *docs;	/* a document index's statements */
	size_t ndocs, docs_alloc;
	int entries;		/* rows (codes, ranges, documents) read so far */
	char *version;		/* e.g. a registry's <updated> date; owned */
};

void sdb_claims_init(struct sdb_claims *c);
/* Claims added until sdb_claims_end_link() come from one new link. */
void sdb_claims_begin_link(struct sdb_claims *c);
void sdb_claims_end_link(struct sdb_claims *c);
void sdb_claims_release(struct sdb_claims *c);
/* Appends a claim; value is copied. Returns it, for section and url. */
struct sdb_claim *sdb_claims_add(struct sdb_claims *c, int entry, int code,
				 enum sdb_field field, const char *value,
				 size_t start, size_t end);
void sdb_claims_add_range(struct sdb_claims *c, int first, int last,
			  const char *value, size_t start, size_t end);
/* Appends what a document index says of document; strings are copied. */
void sdb_claims_add_doc(struct sdb_claims *c, const char *document,
			enum sdb_doc_field field, const char *value,
			size_t start, size_t end);

/*
 * An importer: parse in, append to out.  Returns 0, or -1 with err filled
 * (out may then hold a part, which the caller discards).
 */
typedef int sdb_import_fn(const struct sdb_input *in, struct sdb_claims *out,
			  struct sdb_error *err);

struct sdb_importer {
	const char *name;	/* --format value, manifest "format" column */
	const char *summary;	/* one line for --help */
	sdb_import_fn *parse;
	/* How sure this format is that in is its kind: 0 (no) .. 100. */
	int (*sniff)(const struct sdb_input *in);
};

/*
 * What a sniff() score means: below SDB_SNIFF_LIKELY the format is not
 * claimed; from SDB_SNIFF_SURE the file has what only this format has (a
 * root element, a header row of its own).  Guessing takes the best score
 * when it is at least SDB_SNIFF_LIKELY and no other likely format comes
 * within SDB_SNIFF_MARGIN of it; otherwise it refuses and asks for
 * --format.
 */
#define SDB_SNIFF_LIKELY 50
#define SDB_SNIFF_SURE 80
#define SDB_SNIFF_MARGIN 15

/* The table, ended by an entry whose name is NULL. */
extern const struct sdb_importer sdb_importers[];

const struct sdb_importer *sdb_importer_find(const char *name);
/*
 * The importer whose sniff() is surest, or NULL with err filled when none
 * is likely enough or two are about as likely (see SDB_SNIFF_LIKELY).
 */
const struct sdb_importer *sdb_importer_guess(const struct sdb_input *in,
					     struct sdb_error *err);

/*
 * Runs im on in: im->parse(), an error when it found no code at all, and
 * the checks every format promises (a name holding a bracketed citation
 * is a misread, refused at its place).  Returns 0, or -1 with err filled.
 */
int sdb_importer_run(const struct sdb_importer *im, const struct sdb_input *in,
		     struct sdb_claims *out, struct sdb_error *err);

/* The importers, one per file. */
sdb_import_fn sdb_import_mediawiki;
sdb_import_fn sdb_import_gfm_table;
sdb_import_fn sdb_import_linklist;
sdb_import_fn sdb_import_plaintext;
sdb_import_fn sdb_import_iana_xml;
sdb_import_fn sdb_import_html;
sdb_import_fn sdb_import_rfc_index;
sdb_import_fn sdb_import_csv;
sdb_import_fn sdb_import_iana_text;
int sdb_sniff_mediawiki(const struct sdb_input *in);
int sdb_sniff_gfm_table(const struct sdb_input *in);
int sdb_sniff_linklist(const struct sdb_input *in);
int sdb_sniff_plaintext(const struct sdb_input *in);
int sdb_sniff_iana_xml(const struct sdb_input *in);
int sdb_sniff_html(const struct sdb_input *in);
int sdb_sniff_rfc_index(const struct sdb_input *in);
int sdb_sniff_csv(const struct sdb_input *in);
int sdb_sniff_iana_text(const struct sdb_input *in);

#endif
