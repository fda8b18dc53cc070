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

static void comment(struct pair *p, const char *s)
{
	sdb_ht_comment(p->mine, s);
	xmlAddChild(p->theirs, xmlNewDocComment(p->theirs->doc,
						(const xmlChar *)s));
}

static void grow(struct pair *p, int depth)
{
	uint32_t i, n = rnd(5);

	for (i = rnd(3); i > 0; i--)
		attr(p, names[rnd(N(names))],
		     rnd(6) ? texts[rnd(N(texts))] : NULL);
	for (i = 0; i < n; i++) {
		uint32_t what = rnd(10);

		if (what < 4 || depth > 5) {
			text(p, texts[rnd(N(texts))]);
		} else if (what == 4) {
			comment(p, "slot");
		} else {
			struct pair c = child(p, tags[rnd(N(tags))]);

			grow(&c, depth + 1);
		}
	}
}

/* What libxml2 writes for the node: the same call the report made. */
static void theirs(xmlDocPtr doc, xmlNodePtr n, struct sdb_buf *b)
{
	xmlOutputBufferPtr ob = xmlAllocOutputBuffer(NULL);

	htmlNodeDumpFormatOutput(ob, doc, n, "UTF-8", 1);
	xmlOutputBufferFlush(ob);
	sdb_buf_add(b, (const char *)xmlOutputBufferGetContent(ob),
		    xmlOutputBufferGetSize(ob));
	xmlOutputBufferClose(ob);
}

static int same(struct sdb_ht *ht, xmlDocPtr doc, struct pair *root,
		int shown)
{
	struct sdb_buf a = SDB_BUF_INIT, b = SDB_BUF_INIT;
	int eq;

	sdb_ht_write(root->mine, &a, NULL, NULL);
	theirs(doc, root->theirs, &b);
	eq = a.len == b.len && !memcmp(a.s, b.s, a.len);
	if (!eq && shown < 3)
		printf("# mine:   %s\n# libxml2: %s\n", a.s, b.s);
	sdb_buf_release(&a);
	sdb_buf_release(&b);
	(void)ht;
	return eq;
}

static struct pair root(struct sdb_ht *ht, xmlDocPtr doc, const char *tag)
{
	struct pair r;

	r.mine = sdb_ht_el(ht, NULL, tag);
	r.theirs = xmlNewDocNode(doc, NULL, (const xmlChar *)tag, NULL);
	return r;
}

static void random_trees(void)
{
	struct sdb_ht *ht = sdb_ht_new();
	xmlDocPtr doc = htmlNewDocNoDtD(NULL, NULL);
	int i, bad = 0, runs = 3000;

	for (i = 0; i < runs; i++) {
		struct pair r = root(ht, doc, tags[rnd(N(tags))]);

		grow(&r, 0);
		bad += !same(ht, doc, &r, bad);
		xmlFreeNode(r.theirs);
		sdb_ht_reset(ht);
	}
	ok(!bad, "html_tree: %d random trees written as libxml2 writes them "
	   "(%d differ)", runs, bad);
	xmlFreeDoc(doc);
	sdb_ht_free(ht);
}

/* Cases by hand, each with the bytes libxml2 gives. */
static void by_hand(void)
{
	struct sdb_ht *ht = sdb_ht_new();
	xmlDocPtr doc = htmlNewDocNoDtD(NULL, NULL);
	struct sdb_buf out = SDB_BUF_INIT;
	struct pair r, c;

	/* block children each on a line; no newline in p */
	r = root(ht, doc, "table");
	c = child(&r, "tr");
	leaf(&c, "td", "1");
	leaf(&c, "td", "<2>");
	c = child(&r, "tr");
	c = child(&c, "td");
	leaf(&c, "p", "x");
	ok(same(ht, doc, &r, 0), "html_tree: a table as libxml2 writes it");
	sdb_ht_write(r.mine, &out, NULL, NULL);
	ok(!strcmp(out.s, "<table>\n<tr>\n<td>1</td>\n<td>&lt;2&gt;</td>\n"
		   "</tr>\n<tr><td><p>x</p></td></tr>\n</table>"),
	   "html_tree: ... and those bytes");
	xmlFreeNode(r.theirs);
	sdb_ht_reset(ht);

	/* attributes: boolean, URI, both quotes, &{ */
	r = root(ht, doc, "a");
	attr(&r, "href", " #x y");
	attr(&r, "title", "q\"u'o");
	attr(&r, "hidden", "yes");
	attr(&r, "data-x", "&{x} &amp; <");
	ok(same(ht, doc, &r, 0), "html_tree: attributes as libxml2 writes them");
	sdb_buf_reset(&out);
	sdb_ht_write(r.mine, &out, NULL, NULL);
	ok(!strcmp(out.s, "<a href=\"#x%20y\" title=\"q&quot;u'o\" hidden=\"yes\" "
		   "data-x=\"&{x} &amp;amp; &lt;\"></a>"),
	   "html_tree: ... and those bytes: %s", out.s);
	xmlFreeNode(r.theirs);
	sdb_ht_reset(ht);

	/* raw text in script and style */
	r = root(ht, doc, "script");
	text(&r, "if (a < b && c) x = '</p>';");
	ok(same(ht, doc, &r, 0), "html_tree: a script's text is raw");
	xmlFreeNode(r.theirs);
	sdb_ht_reset(ht);
	sdb_buf_release(&out);
	xmlFreeDoc(doc);
	sdb_ht_free(ht);
}

/* A slot is written by its function, where it stands. */
static int fill(void *arg, int slot, struct sdb_buf *out)
{
	(void)arg;
	sdb_buf_addf(out, "[slot %d]", slot);
	return slot == 9 ? 9 : 0;
}

static void slots(void)
{
	struct sdb_ht *ht = sdb_ht_new();
	struct sdb_buf out = SDB_BUF_INIT;
	struct sdb_node *r = sdb_ht_el(ht, NULL, "div"), *p;
	int rc;

	sdb_ht_slot(r, 1);
	p = sdb_ht_el(ht, r, "p");
	sdb_ht_text(p, "x", 1);
	sdb_ht_slot(r, 2);
	rc = sdb_ht_write(r, &out, fill, NULL);
	ok(rc == 0 && !strcmp(out.s, "<div>\n[slot 1]<p>x</p>\n[slot 2]\n</div>"),
	   "html_tree: slots written in place");
	sdb_ht_slot(r, 9);
	sdb_buf_reset(&out);
	ok(sdb_ht_write(r, &out, fill, NULL) == 9,
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
	random_trees();
	by_hand();
	slots();
	names_copied();
	xmlCleanupParser();
	return failed ? 1 : 0;
}
