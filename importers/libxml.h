/*
 * libxml.h - what the importers built on libxml2 (iana_xml.c, html.c)
 * share: libxml2's errors as statusdb's.
 *
 * libxml2 prints some errors itself (an encoding it cannot convert, out
 * of memory), on stderr, before the parser returns.  Between
 * sdb_libxml_quiet() and sdb_libxml_restore() nothing of libxml2 reaches
 * stderr: its errors are kept in the parser context, where
 * sdb_libxml_error() reads them, and its running out of memory is noted.
 */
#ifndef SDB_LIBXML_H
#define SDB_LIBXML_H

#include "importer.h"
#include "../common/buf.h"

#include <libxml/parser.h>
#include <libxml/xmlerror.h>

/* libxml2's error handlers as they were, and what was seen meanwhile. */
struct sdb_libxml {
	xmlGenericErrorFunc generic;
	void *generic_ctx;
	xmlStructuredErrorFunc structured;
	void *structured_ctx;
	int oom;		/* libxml2 ran out of memory */
	void *user;		/* the importer's, for its SAX callbacks */
};

/*
 * Routes libxml2's errors away from stderr, for ctxt too (NULL: none),
 * whose _private then points to q.
 */
void sdb_libxml_quiet(struct sdb_libxml *q, xmlParserCtxtPtr ctxt);

/* Puts libxml2's handlers back as they were. */
void sdb_libxml_restore(struct sdb_libxml *q);

/*
 * Fills err from ctxt's last error (if any) as "file:line:
 * column: KIND: message", kind "malformed xml" or "malformed html".
 * When libxml2 ran out of memory (q->oom, or e or ctxt says so) it exits as every
 * allocation failure does (sdb_die(): status 70, "statusdb: fatal: out
 * of memory ...").  Returns -1.
 */
int sdb_libxml_error(const struct sdb_libxml *q, const struct sdb_input *in,
		     xmlParserCtxtPtr ctxt, const char *kind,
		     struct sdb_error *err);

/*
 * The text of node n as xmlNodeGetContent() gives it (its text and CDATA
 * nodes, in document order), appended to b, without its buffer growing
 * byte by byte (quadratic where realloc() cannot grow in place).  Returns
 * the number of entity references met, whose text is not appended.
 */
size_t sdb_libxml_text(xmlNodePtr n, struct sdb_buf *b);

/*
 * libxml2 counts lines by '\n' alone: in a file whose lines end with a
 * lone CR its lines are not statusdb's.  Its line numbers are turned
 * into offsets, and offsets into its line numbers, here.
 */
struct sdb_libxml_lines {
	size_t *start;		/* offset of each of libxml2's lines; owned */
	size_t n;
};

void sdb_libxml_lines_init(struct sdb_libxml_lines *l,
			   const struct sdb_input *in);
void sdb_libxml_lines_release(struct sdb_libxml_lines *l);
/* libxml2's line (1-based) of offset off. */
long sdb_libxml_line_of(const struct sdb_libxml_lines *l, size_t off);
/* The offset where libxml2's line `line` starts (clamped). */
size_t sdb_libxml_line_start(const struct sdb_libxml_lines *l, long line);

#endif
