/*
 * libxml.c - libxml2's errors as statusdb's (see libxml.h).
 */
#include "libxml.h"
#include "../common/util.h"

#include <stdio.h>
#include <string.h>

/* libxml2's unstructured messages (encoding errors, I/O): nowhere. */
static void generic_none(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

/* Its structured errors: only whether memory ran out matters here. */
static void structured_note(void *ctx, xmlErrorPtr e)
{
	struct sdb_libxml *q = ctx;

	if (e && (e->code == XML_ERR_NO_MEMORY || e->domain == XML_FROM_MEMORY))
		q->oom = 1;
}

/* The same for a parser context, whose user data is the context. */
static void ctxt_note(void *ctx, xmlErrorPtr e)
{
	xmlParserCtxtPtr ctxt = ctx;

	if (ctxt && ctxt->_private)
		structured_note(ctxt->_private, e);
}

void sdb_libxml_quiet(struct sdb_libxml *q, xmlParserCtxtPtr ctxt)
{
	memset(q, 0, sizeof(*q));
	xmlInitParser();
	q->generic = xmlGenericError;
	q->generic_ctx = xmlGenericErrorContext;
	q->structured = xmlStructuredError;
	q->structured_ctx = xmlStructuredErrorContext;
	xmlSetGenericErrorFunc(NULL, generic_none);
	xmlSetStructuredErrorFunc(q, structured_note);
	if (ctxt && ctxt->sax) {
		ctxt->_private = q;
		ctxt->sax->serror = ctxt_note;
	}
}

void sdb_libxml_restore(struct sdb_libxml *q)
{
	xmlSetGenericErrorFunc(q->generic_ctx, q->generic);
	xmlSetStructuredErrorFunc(q->structured_ctx, q->structured);
}

int sdb_libxml_error(const struct sdb_libxml *q, const struct sdb_input *in,
		     xmlParserCtxtPtr ctxt, const char *kind,
		     struct sdb_error *err)
{
	const xmlError *e = ctxt ? xmlCtxtGetLastError(ctxt) : NULL;
	char msg[512];
	size_t n, off;
	int col;

	if (q->oom || (ctxt && ctxt->errNo == XML_ERR_NO_MEMORY) ||
	    (e && (e->code == XML_ERR_NO_MEMORY ||
		   e->domain == XML_FROM_MEMORY)))
		sdb_die("out of memory (libxml2, reading %s)", in->path);
	snprintf(msg, sizeof(msg), "%s",
		 e && e->message ? e->message : "no document");
	n = strlen(msg);
	while (n && strchr(" \t\r\n", msg[n - 1]))
		msg[--n] = '\0';
	if (!e || e->line <= 0)
		return sdb_error_at(err, in, 0, "%s: %s", kind, msg);
	/* libxml2 counts columns in characters, statusdb in bytes */
	off = sdb_input_offset(in, e->line, 1);
	for (col = e->int2; col > 1 && off < in->len && in->text[off] != '\n';
	     col--)
		do
			off++;
		while (off < in->len &&
		       ((unsigned char)in->text[off] & 0xC0) == 0x80);
	return sdb_error_at(err, in, off, "%s: %s", kind, msg);
}
