/*
 * html_locate.h - where the values libxml2's HTML parser reads stand in
 * the file.  Shared by html.c only: libxml2 gives an element just a line,
 * so start tags are found by counting tags of the same name in the raw
 * text (confirmed by that line), and text nodes by matching their content,
 * entities and all, after their element's start tag.
 */
#ifndef SDB_HTML_LOCATE_H
#define SDB_HTML_LOCATE_H

#include "importer.h"

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <string.h>

enum tag_kind { TAG_NONE, TAG_START, TAG_END, TAG_OTHER };

/* A piece of markup in the raw text, as libxml2's HTML parser reads it. */
struct tag {
	enum tag_kind kind;	/* TAG_NONE: a '<' that is text */
	size_t start, end;	/* the '<' .. just past the markup */
	size_t name, name_end;	/* start and end tags: the tag name */
};

/* A text node and its raw text, text[start, end), untrimmed. */
struct loc {
	xmlNodePtr node;
	size_t start, end;
};

/* An element located in the raw text, with its located text nodes. */
struct box {
	xmlNodePtr node;
	struct tag tag;		/* its start tag */
	int found;		/* tag and texts are known */
	struct loc *texts;	/* its non-blank text nodes, in order */
	size_t n, alloc;
	char *text;		/* its text, folded; owned */
};

struct html {
	const struct sdb_input *in;
	struct sdb_claims *out;
	struct sdb_error *err;
	xmlDocPtr doc;
	xmlNodePtr last;	/* last element located, NULL: none yet */
	size_t last_end;	/* just past its start tag */
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

/* The node after n in document order. */
xmlNodePtr sdb_html_next_node(xmlNodePtr n);

/* The node after n and its descendants, within top (NULL: the page). */
xmlNodePtr sdb_html_next_after(xmlNodePtr n, xmlNodePtr top);

/* The node after n in document order within top's descendants. */
xmlNodePtr sdb_html_next_within(xmlNodePtr n, xmlNodePtr top);

/* 1 when n is top or inside it. */
int sdb_html_is_inside(xmlNodePtr n, xmlNodePtr top);

/*
 * Finds node's start tag after element from (NULL: the page's start),
 * whose start tag ends at from_end: as many tags of node's name are
 * skipped as there are elements of that name between the two.  libxml2's
 * line for node confirms it.  Returns 0, or -1 (not found).
 */
int sdb_html_locate_from(const struct html *h, xmlNodePtr from, size_t from_end,
		       xmlNodePtr node, struct tag *g);

/*
 * Whether the raw text at i reads as s[0, n), entities decoded; *end is
 * then just past it.  Stray end tags inside are passed over: libxml2
 * drops them and joins the text around them.
 */
int sdb_html_match(const struct sdb_input *in, size_t i, const char *s,
		 size_t n, size_t *end);

/* 1 when s is only whitespace. */
int sdb_html_is_blank(const char *s);

/* The text under n, folded; the caller frees it. */
char *sdb_html_node_text(xmlNodePtr n);

/* Locates node's start tag (moving h->last) and its text. */
void sdb_html_box_open(struct html *h, xmlNodePtr node, struct box *b);

/* Frees what sdb_html_box_open() allocated. */
void sdb_html_box_release(struct box *b);

/* The span from the first to the last located text under top. */
int sdb_html_text_span(const struct box *b, xmlNodePtr top, size_t *start,
		     size_t *end);

/* How many of b's located texts lie under top. */
size_t sdb_html_texts_in(const struct box *b, xmlNodePtr top);

/* Where to report a problem with b: its text, its tag, or its line. */
size_t sdb_html_box_offset(const struct html *h, const struct box *b);

/* Re-decodes claims from index `from` on with all of HTML's entities. */
void sdb_html_decode_values(const struct html *h, size_t from);

/* An attribute's value, folded, and its raw text; NULL when absent. */
char *sdb_html_attr_value(const struct html *h, xmlNodePtr node,
			const struct tag *g, const char *name,
			size_t *vs, size_t *ve);

#endif
