/*
 * html_tree.h - the audit report's page as a light tree in an arena,
 * written with the bytes libxml2's HTML serializer gives the same tree.
 *
 * The report used to build libxml2 trees (xmlNewChild, xmlNewProp,
 * xmlNewText) and write them with htmlNodeDumpFormatOutput(..., format
 * 1).  On the report of the 10,000-list benchmark set (100 columns)
 * that meant a malloc and a free per node, attribute and string, and a
 * tag-name lookup per node written: 3.9G instructions for its 12.8 MB
 * page.  Here a node is a few words in an arena that is freed whole, and
 * sdb_ht_write() follows libxml2 2.9's serializer rule for rule
 * (HTMLtree.c, htmlNodeDumpFormatOutput and htmlAttrDumpOutput):
 *
 *   - what an element is (empty, inline, end tag kept) is libxml2's own
 *     table, htmlTagLookup(); boolean attributes are htmlIsBooleanAttr();
 *   - a newline goes after the start tag and before the end tag of a
 *     block element whose first (last) child is not text and that has
 *     more than one child, and after a block element whose next sibling
 *     is not text, unless the element (or its parent) is p, pre, param;
 *   - text is escaped by libxml2 (xmlEncodeEntitiesReentrant on an HTML
 *     document), except in script and style, written raw;
 *   - attribute values are escaped by libxml2 (xmlNodeListGetString on
 *     the attribute's text, as htmlAttrDumpOutput does); href, action,
 *     src and a's name are URI-escaped by it too
 *     (xmlURIEscapeStr), and the value is quoted by it
 *     (xmlBufferWriteQuotedString).
 *
 * Escaping is never done here.  A text or value that holds none of the
 * bytes libxml2 would change (<, >, &, and bytes below 0x20; for the
 * quotes, ") is copied as it is, without the call; tests/html_tree.c
 * checks against libxml2 itself that random trees of hostile text give
 * the same bytes both ways.
 *
 * Tags, attribute names, text and values are copied.  A name is found
 * again by its address and checked against its copy, so the report's
 * literals are described (libxml2's table) once per tree.
 */
#ifndef SDB_HTML_TREE_H
#define SDB_HTML_TREE_H

#include "../common/buf.h"

#include <stddef.h>

struct sdb_ht;		/* a tree's arena, and what writing it needs */
struct sdb_node;	/* an element, a text or a slot */

struct sdb_ht *sdb_ht_new(void);
void sdb_ht_free(struct sdb_ht *ht);
/* Frees every node of ht at once; ht is then empty and reusable. */
void sdb_ht_reset(struct sdb_ht *ht);

/* A buffer the tree's user may use while building it (report.c walks
 * text there); emptied by nobody but that user. */
struct sdb_buf *sdb_ht_scratch(struct sdb_ht *ht);

/* A new element: the last child of parent, or a root if parent is NULL. */
struct sdb_node *sdb_ht_el(struct sdb_ht *ht, struct sdb_node *parent,
			   const char *tag);
/* The tree a node is in. */
struct sdb_ht *sdb_ht_of(const struct sdb_node *n);
/* An attribute, after those n has; value NULL: a boolean one. */
void sdb_ht_attr(struct sdb_node *n, const char *name, const char *value);
/* Text as the last child of parent: n bytes of s, copied.  Text after
 * text stays a node of its own (libxml2 joins them; the bytes written
 * are the same). */
void sdb_ht_text(struct sdb_node *parent, const char *s, size_t n);
/*
 * A slot: where sdb_ht_write() calls its slot function, which writes the
 * part that stands there piece by piece, so that a large part is never a
 * tree in memory.  Each piece is an element, built as a root in the
 * part's arena, sdb_ht_part_tree(), and handed to sdb_ht_emit(), which
 * writes it and frees the arena.  The pieces are written as the slot's
 * parent's children would be, in the slot's place: libxml2's newlines are
 * those of the tree with the pieces standing there (a slot may write
 * none, one or many, and be any child, its parent's only one too).
 */
void sdb_ht_slot(struct sdb_node *parent, int slot);

struct sdb_ht_part;	/* where a slot's pieces go */

/* What fills a slot: returns 0, or what sdb_ht_write() is to return. */
typedef int (*sdb_ht_slot_fn)(void *arg, int slot, struct sdb_ht_part *part);

struct sdb_ht *sdb_ht_part_tree(struct sdb_ht_part *part);
/* Writes piece, the next element of the part; returns what its own
 * slots' function returned, if not 0. */
int sdb_ht_emit(struct sdb_ht_part *part, const struct sdb_node *piece);

/* Appends the node n (and what it holds) to out, as libxml2 would write
 * it with htmlNodeDumpFormatOutput(out, doc, n, "UTF-8", 1) when n has
 * no next sibling, with fn(arg, ...) filling its slots.  Returns what a
 * slot function returned if not 0. */
int sdb_ht_write(const struct sdb_node *n, struct sdb_buf *out,
		 sdb_ht_slot_fn fn, void *arg);

/*
 * What takes a write's bytes before it ends, so that a large page is
 * never whole in memory: it writes all of out somewhere and empties it
 * (out->len 0), and returns 0; or it returns what the write is to
 * return.
 */
typedef int (*sdb_ht_flush_fn)(void *arg, struct sdb_buf *out);

/*
 * sdb_ht_write(), with flush(flush_arg, out) called after a piece when
 * out holds at least `at` bytes and none of them can change any more (a
 * newline after a start tag waits for the element's second child, and
 * pins what follows it).  What is left is in out at the end.  Once
 * flush has failed it is not called again, and its return is what the
 * write and every later sdb_ht_emit() return.
 */
int sdb_ht_write_flushed(const struct sdb_node *n, struct sdb_buf *out,
			 sdb_ht_slot_fn fn, void *arg,
			 sdb_ht_flush_fn flush, void *flush_arg, size_t at);

#endif
