/*
 * html_tree.c - exporters/html_tree.c against libxml2 itself: the same
 * trees, built with both (random ones from a fixed seed, and a few by
 * hand), must give the same bytes as libxml2's HTML serializer
 * (htmlNodeDumpFormatOutput, format 1), whatever tags, attributes and
 * hostile text they hold.
 *
 * Prints "ok - ..." / "not ok - ..." lines for tests/run.sh to count.
 */
#include "../exporters/html_tree.h"
#include "../common/buf.h"
#include "tap.h"

#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/tree.h>

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Block, inline, empty, unknown to libxml2 2.9, raw text, p-like. */
static const char *const tags[] = {
	"html", "head", "body", "div", "section", "header", "nav", "footer",
	"table", "caption", "thead", "tbody", "tr", "th", "td", "ul", "li",
	"p", "pre", "param", "h2", "h3", "form", "fieldset", "legend",
	"label", "select", "option", "noscript", "span", "a", "b", "bdi",
	"br", "input", "meta", "img", "hr", "script", "style", "title",
	"textarea", "col"
};

static const char *const names[] = {
	"class", "id", "href", "title", "data-cp", "checked", "hidden",
	"name", "src", "action", "value", "style", "selected", "aria-hidden",
	"HREF"
};

/* Text and values: plain, markup, quotes, entities, bad and odd bytes. */
static const char *const texts[] = {
	"", "a", "Not Found", "x\"y", "x'y", "q\"u'o\"te", "<b>bold</b>",
	"&amp; & &{x} &{ &", "</td></tr></table>", " #e-100-0",
	"  lead and trail  ", "\xc3\xa9 \xe2\x80\xae rtl", "bad \xff\xfe",
	"tab\tnl\ncr\r", "\x01\x1f\x7f", "javascript:alert(1)",
	"a b/c?d=e&f#g %41", "\xe6\x97\xa5\xe6\x9c\xac", "<!--x-->", "]]>"
};

#define N(a) (sizeof(a) / sizeof((a)[0]))

static uint32_t seed = 2463534242u;

static uint32_t rnd(uint32_t n)
{
	seed ^= seed << 13;
	seed ^= seed >> 17;
	seed ^= seed << 5;
	return seed % n;
}

/* One node of each kind, built in both trees. */
struct pair {
	struct sdb_node *mine;
	xmlNodePtr theirs;
};

static void attr(struct pair *p, const char *name, const char *value)
{
	sdb_ht_attr(p->mine, name, value);
	xmlNewProp(p->theirs, (const xmlChar *)name, (const xmlChar *)value);
}

static void text(struct pair *p, const char *s)
{
	if (!*s)
		return;		/* the report never adds an empty text */
	sdb_ht_text(p->mine, s, strlen(s));
	xmlAddChild(p->theirs, xmlNewText((const xmlChar *)s));
}

static struct pair child(struct pair *p, const char *tag)
{
	struct pair c;

	c.mine = sdb_ht_el(sdb_ht_of(p->mine), p->mine, tag);
	c.theirs = xmlNewChild(p->theirs, NULL, (const xmlChar *)tag, NULL);
	return c;
}

/* An element holding text. */
static void leaf(struct pair *p, const char *tag, const char *s)
{
	struct pair c = child(p, tag);

	text(&c, s);
}

static xmlDocPtr doc;		/* libxml2's trees' */
static struct sdb_ht *scrap;	/* for pieces built for libxml2's tree only */

static void grow(struct pair *p, int depth);

/*
 * The pieces of slot id: none to 3 random elements, the same each time.
 * Built once into libxml2's tree (part NULL: into), and again when the
 * slot is written (emitted to part).
 */
static void pieces(uint32_t id, xmlNodePtr into, struct sdb_ht_part *part)
{
	uint32_t saved = seed, i, k;

	seed = id | 1u;
	for (k = rnd(4), i = 0; i < k; i++) {
		struct pair r;
		const char *tag = tags[rnd(N(tags))];

		r.mine = sdb_ht_el(part ? sdb_ht_part_tree(part) : scrap, NULL,
				   tag);
		r.theirs = xmlNewDocNode(doc, NULL, (const xmlChar *)tag, NULL);
		grow(&r, 4);
		if (part) {
			sdb_ht_emit(part, r.mine);
			xmlFreeNode(r.theirs);
		} else {
			xmlAddChild(into, r.theirs);
		}
	}
	seed = saved;
}

static int fill(void *arg, int slot, struct sdb_ht_part *part)
{
	(void)arg;
	pieces((uint32_t)slot, NULL, part);
	return 0;
}

/* A slot: any child, its parent's first, last or only one too. */
static void slot(struct pair *p)
{
	uint32_t id = rnd(1u << 30);

	sdb_ht_slot(p->mine, (int)id);
	pieces(id, p->theirs, NULL);
}

static void grow(struct pair *p, int depth)
{
	uint32_t i, n = rnd(5);

	for (i = rnd(3); i > 0; i--)
		attr(p, names[rnd(N(names))],
		     rnd(6) ? texts[rnd(N(texts))] : NULL);
	for (i = 0; i < n; i++) {
		uint32_t what = rnd(12);

		if (what < 5 || depth > 5) {
			text(p, texts[rnd(N(texts))]);
		} else if (what == 5) {
			slot(p);
		} else {
			struct pair c = child(p, tags[rnd(N(tags))]);

			grow(&c, depth + 1);
		}
	}
}

/* What libxml2 writes for the node: the same call the report made. */
static void theirs(xmlNodePtr n, struct sdb_buf *b)
{
	xmlOutputBufferPtr ob = xmlAllocOutputBuffer(NULL);

	htmlNodeDumpFormatOutput(ob, doc, n, "UTF-8", 1);
	xmlOutputBufferFlush(ob);
	sdb_buf_add(b, (const char *)xmlOutputBufferGetContent(ob),
		    xmlOutputBufferGetSize(ob));
	xmlOutputBufferClose(ob);
}

/* A flush: out's bytes go on to the buffer arg. */
static size_t flushes;

static int flush_to(void *arg, struct sdb_buf *out)
{
	sdb_buf_add(arg, out->s, out->len);
	sdb_buf_reset(out);
	flushes++;
	return 0;
}

/* Written whole, and written again flushed after every piece: libxml2's
 * bytes both times. */
static int same(struct pair *root, int shown)
{
	struct sdb_buf a = SDB_BUF_INIT, b = SDB_BUF_INIT, f = SDB_BUF_INIT,
		       rest = SDB_BUF_INIT;
	int eq;

	sdb_ht_write_flushed(root->mine, &f, fill, NULL, flush_to, &rest, 1);
	sdb_buf_add(&rest, f.s, f.len);
	sdb_buf_release(&f);
	sdb_ht_write(root->mine, &a, fill, NULL);
	theirs(root->theirs, &b);
	eq = a.len == b.len && !memcmp(a.s, b.s, a.len) &&
	     rest.len == b.len && !memcmp(rest.s, b.s, b.len);
	if (!eq && shown < 3)
		printf("# mine:   %s\n# flushed: %s\n# libxml2: %s\n", a.s,
		       rest.s, b.s);
	sdb_buf_release(&rest);
	sdb_buf_release(&a);
	sdb_buf_release(&b);
	return eq;
}

static struct pair root(struct sdb_ht *ht, const char *tag)
{
	struct pair r;

	r.mine = sdb_ht_el(ht, NULL, tag);
	r.theirs = xmlNewDocNode(doc, NULL, (const xmlChar *)tag, NULL);
	return r;
}

static void random_trees(void)
{
	struct sdb_ht *ht = sdb_ht_new();
	int i, bad = 0, runs = 3000;

	for (i = 0; i < runs; i++) {
		struct pair r = root(ht, tags[rnd(N(tags))]);

		grow(&r, 0);
		bad += !same(&r, bad);
		xmlFreeNode(r.theirs);
		sdb_ht_reset(ht);
		sdb_ht_reset(scrap);
	}
	ok(!bad, "html_tree: %d random trees, with slots written piece by "
	   "piece, written as libxml2 writes them, whole and flushed after "
	   "every piece (%d differ)", runs, bad);
	ok(flushes > (size_t)runs / 2, "html_tree: the flushed writes flushed "
	   "(%zu times)", flushes);
	sdb_ht_free(ht);
}

/* Cases by hand, each with the bytes libxml2 gives. */
static void by_hand(void)
{
	struct sdb_ht *ht = sdb_ht_new();
	struct sdb_buf out = SDB_BUF_INIT;
	struct pair r, c;

	/* block children each on a line; no newline in p */
	r = root(ht, "table");
	c = child(&r, "tr");
	leaf(&c, "td", "1");
	leaf(&c, "td", "<2>");
	c = child(&r, "tr");
	c = child(&c, "td");
	leaf(&c, "p", "x");
	ok(same(&r, 0), "html_tree: a table as libxml2 writes it");
	sdb_ht_write(r.mine, &out, NULL, NULL);
	ok(!strcmp(out.s, "<table>\n<tr>\n<td>1</td>\n<td>&lt;2&gt;</td>\n"
		   "</tr>\n<tr><td><p>x</p></td></tr>\n</table>"),
	   "html_tree: ... and those bytes");
	xmlFreeNode(r.theirs);
	sdb_ht_reset(ht);

	/* attributes: boolean, URI, both quotes, &{ */
	r = root(ht, "a");
	attr(&r, "href", " #x y");
	attr(&r, "title", "q\"u'o");
	attr(&r, "hidden", "yes");
	attr(&r, "data-x", "&{x} &amp; <");
	ok(same(&r, 0), "html_tree: attributes as libxml2 writes them");
	sdb_buf_reset(&out);
	sdb_ht_write(r.mine, &out, NULL, NULL);
	ok(!strcmp(out.s, "<a href=\"#x%20y\" title=\"q&quot;u'o\" hidden=\"yes\" "
		   "data-x=\"&{x} &amp;amp; &lt;\"></a>"),
	   "html_tree: ... and those bytes: %s", out.s);
	xmlFreeNode(r.theirs);
	sdb_ht_reset(ht);

	/* raw text in script and style */
	r = root(ht, "script");
	text(&r, "if (a < b && c) x = '</p>';");
	ok(same(&r, 0), "html_tree: a script's text is raw");
	xmlFreeNode(r.theirs);
	sdb_ht_reset(ht);
	sdb_buf_release(&out);
	sdb_ht_free(ht);
}

/* A slot's function that fails. */
static int fail(void *arg, int slot, struct sdb_ht_part *part)
{
	(void)arg;
	(void)part;
	return slot;
}

static void slots(void)
{
	struct sdb_ht *ht = sdb_ht_new();
	struct sdb_buf out = SDB_BUF_INIT;
	struct sdb_node *r = sdb_ht_el(ht, NULL, "div");

	sdb_ht_text(sdb_ht_el(ht, r, "p"), "x", 1);
	sdb_ht_slot(r, 9);
	ok(sdb_ht_write(r, &out, fail, NULL) == 9,
	   "html_tree: a slot's failure is returned");
	sdb_buf_release(&out);
	sdb_ht_free(ht);
}

/* Names come from literals in the report, but any buffer works: its
 * text is copied, and the same address with other text is another name. */
static void names_copied(void)
{
	struct sdb_ht *ht = sdb_ht_new();
	struct sdb_buf out = SDB_BUF_INIT;
	char name[32], *tag = malloc(64);
	struct sdb_node *r;

	if (!tag)
		return;
	strcpy(tag, "a-custom-element-of-many-letters");
	r = sdb_ht_el(ht, NULL, tag);
	strcpy(tag, "b");
	strcpy(name, "title");
	sdb_ht_attr(r, name, "a b");
	strcpy(name, "href");
	sdb_ht_attr(r, name, "#a b");
	free(tag);
	sdb_ht_write(r, &out, NULL, NULL);
	ok(!strcmp(out.s, "<a-custom-element-of-many-letters title=\"a b\" "
		   "href=\"#a%20b\"></a-custom-element-of-many-letters>"),
	   "html_tree: names are copied; a buffer given again with other "
	   "text is another name (%s)", out.s);
	sdb_buf_release(&out);
	sdb_ht_free(ht);
}

int main(void)
{
	doc = htmlNewDocNoDtD(NULL, NULL);
	scrap = sdb_ht_new();
	random_trees();
	by_hand();
	slots();
	names_copied();
	sdb_ht_free(scrap);
	xmlFreeDoc(doc);
	xmlCleanupParser();
	return failed ? 1 : 0;
}
