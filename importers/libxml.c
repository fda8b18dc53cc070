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
	/* libxml2 counts lines by '\n', columns in characters */
	for (off = 0, n = 1; off < in->len && n < (size_t)e->line; off++)
		n += in->text[off] == '\n';
	for (col = e->int2; col > 1 && off < in->len && in->text[off] != '\n';
	     col--)
		do
			off++;
		while (off < in->len &&
		       ((unsigned char)in->text[off] & 0xC0) == 0x80);
	return sdb_error_at(err, in, off, "%s: %s", kind, msg);
}

void sdb_libxml_lines_init(struct sdb_libxml_lines *l,
			   const struct sdb_input *in)
{
	size_t i, n = 1;
	const char *p = in->text, *nl;

	for (i = 0; (nl = memchr(p + i, '\n', in->len - i)) != NULL;
	     i = (size_t)(nl - p) + 1)
		n++;
	l->start = sdb_xmalloc(n * sizeof(*l->start));
	l->n = 0;
	l->start[l->n++] = 0;
	for (i = 0; (nl = memchr(p + i, '\n', in->len - i)) != NULL;
	     i = (size_t)(nl - p) + 1)
		l->start[l->n++] = (size_t)(nl - p) + 1;
}

void sdb_libxml_lines_release(struct sdb_libxml_lines *l)
{
	free(l->start);
	l->start = NULL;
	l->n = 0;
}

long sdb_libxml_line_of(const struct sdb_libxml_lines *l, size_t off)
{
	size_t lo = 0, hi = l->n;

	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (l->start[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	return (long)lo + 1;
}

size_t sdb_libxml_line_start(const struct sdb_libxml_lines *l, long line)
{
	if (line < 1 || !l->n)
		return 0;
	return (size_t)line <= l->n ? l->start[line - 1] : l->start[l->n - 1];
}

size_t sdb_libxml_text(xmlNodePtr n, struct sdb_buf *b)
{
	xmlNodePtr top = n, c;
	size_t refs = 0;

	if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
		if (n->content)
			sdb_buf_adds(b, (const char *)n->content);
		return 0;
	}
	for (c = n->children; c;) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			if (c->content)
				sdb_buf_adds(b, (const char *)c->content);
		} else if (c->type == XML_ENTITY_REF_NODE) {
			refs++;
		} else if (c->type == XML_ELEMENT_NODE && c->children) {
			c = c->children;
			continue;
		}
		/* the next node, climbing back towards top */
		while (c && c != top && !c->next)
			c = c->parent;
		c = c && c != top ? c->next : NULL;
	}
	return refs;
}
