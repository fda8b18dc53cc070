/*
 * html_locate.h - where the values libxml2's HTML parser reads stand in
 * the file.  Shared by html.c only.
 *
 * libxml2 gives an element just a line, and its HTML parser reads markup
 * its own way (comments closed by "--!>", "<!-->" opening one, "<!x>" and
 * "</ x>" as text, CDATA as text...).  So the raw text is not re-parsed
 * here: the parser is run with SAX callbacks that build libxml2's tree as
 * usual and note, at each event, how far into the file the parser has
 * read.  An element's start tag is the markup ending there; a text
 * node's raw text the stretch read since the event before.  What the
 * parser read and where it read it cannot disagree; what cannot be
 * placed exactly (an implied element has no tag) is said so, and the
 * importer refuses rather than guess.
 */
#ifndef SDB_HTML_LOCATE_H
#define SDB_HTML_LOCATE_H

#include "importer.h"
#include "libxml.h"
#include "text.h"

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <string.h>

enum tag_kind { TAG_NONE, TAG_START, TAG_END, TAG_OTHER };

/* A piece of markup in the raw text. */
struct tag {
	enum tag_kind kind;	/* TAG_NONE: a '<' that is text */
	size_t start, end;	/* the '<' .. just past the markup */
	size_t name, name_end;	/* start and end tags: the tag name */
};

/* What the parser told of one node (node->_private: its index + 1). */
struct html_node {
	size_t start, end;	/* element: its start tag; text: its raw text */
	size_t chunk, nchunks;	/* text: its pieces in html.chunks */
	int found;		/* element: the start tag is known; text: the
				   pieces are consecutive */
};

/* One characters event: a piece of a text node, and where it was read. */
struct html_chunk {
	size_t len;		/* bytes of the node's content */
	size_t start, end;	/* the raw text read for it */
};

struct html {
	const struct sdb_input *in;
	struct sdb_claims *out;
	struct sdb_error *err;
	xmlDocPtr doc;
	xmlParserCtxtPtr ctxt;
	struct html_node *nodes;
	size_t nnodes, nodes_alloc;
	struct html_chunk *chunks;
	size_t nchunks, chunks_alloc;
	size_t pos;		/* the parser has read and reported up to here */
	char *heading;		/* the class heading's text, NULL: none */
	size_t hstart, hend;	/* its raw text */
	int tables;		/* status tables seen */
	int entry, code;	/* link-annotated entry, 0 when none */
	xmlNodePtr item;	/* the element that entry's links are in */
};

static inline int is_ws(int c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f';
}

static inline int is_letter(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static inline int is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static inline int is_name(const xmlNode *n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE &&
	       !strcmp((const char *)n->name, name);
}

/* Just past the first s at or after i, or len. */
size_t sdb_html_skip_past(const char *t, size_t len, size_t i, const char *s);

/*
 * Parses h->in into h->doc with libxml2's HTML parser (no network, its
 * errors recovered silently, the text read as UTF-8 whatever the page
 * declares), noting where each node was read.  q routes libxml2's errors
 * (libxml.h).  Returns 0, or -1 with h->err filled (sdb_die() when
 * libxml2 runs out of memory).
 */
int sdb_html_parse(struct html *h, struct sdb_libxml *q);

/* Frees what sdb_html_parse() made. */
void sdb_html_release(struct html *h);

/* The node after n in document order. */
xmlNodePtr sdb_html_next_node(xmlNodePtr n);

/* The node after n and its descendants, within top (NULL: the page). */
xmlNodePtr sdb_html_next_after(xmlNodePtr n, xmlNodePtr top);

/* The node after n in document order within top's descendants. */
xmlNodePtr sdb_html_next_within(xmlNodePtr n, xmlNodePtr top);

/* 1 when n is top or inside it. */
int sdb_html_is_inside(xmlNodePtr n, xmlNodePtr top);

/* Element node's start tag, as the parser read it.  Returns 0, or -1
 * when it has none in the file (implied) or it cannot be placed. */
int sdb_html_tag(const struct html *h, xmlNodePtr node, struct tag *g);

/*
 * What text node n says (libxml2's content), each byte with the raw text
 * it was read from, appended to m.  Returns 0, or -1 when the parser told
 * nothing of n.
 */
int sdb_html_text(const struct html *h, xmlNodePtr n, struct sdb_mtext *m);

/* Which texts under an element make a value. */
enum sdb_html_texts {
	SDB_HTML_ALL,		/* all of them */
	SDB_HTML_NAME		/* the first run of text (up to a <br>, a
				   <sup>, a block), then only "(...)" notes */
};

/*
 * The text under top, as mode says, mapped (sdb_html_text()), appended
 * to m (not folded); scripts, styles and tables inside top left out.
 * Returns 0, or -1 with h->err filled when a text cannot be placed.
 */
int sdb_html_texts(const struct html *h, xmlNodePtr top,
		   enum sdb_html_texts mode, struct sdb_mtext *m);

/* 1 when s is only whitespace. */
int sdb_html_is_blank(const char *s);

/* The text under n, folded (libxml2's content); the caller frees it. */
char *sdb_html_node_text(xmlNodePtr n);

/* Where to report a problem with element n: its tag, or its line. */
size_t sdb_html_offset(const struct html *h, xmlNodePtr n);

/*
 * Attribute name of element node, whose start tag is g: its value as
 * libxml2 reads it, folded, into *value (the caller frees it; NULL when
 * absent or empty), and the raw text of its value at [*vs, *ve).
 * Returns 0, or -1 with h->err filled when the raw text does not read as
 * libxml2's value.
 */
int sdb_html_attr(const struct html *h, xmlNodePtr node, const struct tag *g,
		  const char *name, char **value, size_t *vs, size_t *ve);

#endif
