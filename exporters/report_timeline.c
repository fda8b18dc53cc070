/*
 * report_timeline.c - the registry's timeline in the audit report
 * (report.c): per code, its name and its references over the registry's
 * versions, each a strip of segments (one per period in which the
 * versions agree) placed on a shared axis of dates with CSS percentages.
 */
#include "report_int.h"
#include "../common/names.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* --- the timeline ----------------------------------------------------- */

/* Days since 1970-01-01 of "YYYY-MM-DD"; -1 when s is not such a date. */
static long days(const char *s)
{
	long y, m, d, era, yoe, doy, doe;
	int i;

	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return -1;
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 +
	    (s[3] - '0');
	m = (s[5] - '0') * 10 + (s[6] - '0');
	d = (s[8] - '0') * 10 + (s[9] - '0');
	if (m < 1 || m > 12 || d < 1 || d > 31)
		return -1;
	/* Howard Hinnant's days_from_civil */
	y -= m <= 2;
	era = y / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* The axis: from the first version to a little past the last. */
struct axis {
	long from, to;
};

/* Where day t is on the axis, in hundredths of a percent. */
static long at(const struct axis *x, long t)
{
	if (t < x->from)
		t = x->from;
	if (t > x->to)
		t = x->to;
	return (t - x->from) * 10000 / (x->to - x->from);
}

static void place(struct sdb_node *n, long left, long right)
{
	long w = right - left;

	sdb_report_attrf(n, "style", "left:%ld.%02ld%%;width:%ld.%02ld%%",
			 left / 100, left % 100, w / 100, w % 100);
}

static void axis_strip(struct sdb_node *td, const struct sdb_audit *a,
		       const struct axis *x)
{
	struct sdb_node *strip = sdb_report_el(td, "div", "strip");
	size_t i;
	long y, last;

	sdb_report_attr(strip, "aria-hidden", "true");
	for (i = 0; i < a->nversions; i++) {
		long t = days(a->versions[i]);
		struct sdb_node *tick;

		if (t < 0)
			continue;
		tick = sdb_report_el(strip, "span", "tick");
		sdb_report_attrf(tick, "style", "left:%ld.%02ld%%",
				 at(x, t) / 100, at(x, t) % 100);
		sdb_report_attr(tick, "title", a->versions[i]);
	}
	y = atol(a->versions[0]) + 1;
	last = atol(a->versions[a->nversions - 1]);
	for (; y > 1 && y <= last; y++) {
		char date[16];
		struct sdb_node *label;

		snprintf(date, sizeof(date), "%04ld-01-01", y % 10000);
		label = sdb_report_el(strip, "span", "year");
		sdb_report_attrf(label, "style", "left:%ld.%02ld%%",
				 at(x, days(date)) / 100,
				 at(x, days(date)) % 100);
		sdb_report_textf(label, "%ld", y);
	}
}

static int same(const char *s, const char *t)
{
	return s && t ? !strcmp(s, t) : s == t;
}

static int temporary(const struct sdb_audit_period *p)
{
	return p->notes && (sdb_note_statuses(p->notes) &
			    (1u << SDB_STATUS_TEMPORARY));
}

/*
 * One lane of a code's periods p[0..n): its names, or its references
 * (refs set).  Periods that agree on the lane's value (and, for names,
 * on being temporary) make one segment.
 */
static void lane(struct sdb_node *td, const struct sdb_audit_period *p, size_t n,
		 int refs, const struct axis *x)
{
	struct sdb_node *strip = sdb_report_el(td, "div", "strip");
	size_t i, j;
	int shade = 0;

	for (i = 0; i < n; i = j) {
		const char *v = refs ? p[i].refs : p[i].name;
		int tmp = !refs && temporary(&p[i]);
		struct sdb_buf cls = SDB_BUF_INIT, title = SDB_BUF_INIT;
		const char *until;
		long t0, t1;
		struct sdb_node *seg;

		for (j = i + 1; j < n && same(refs ? p[j].refs : p[j].name, v) &&
		     (refs || temporary(&p[j]) == tmp); j++)
			;
		until = p[j - 1].until;
		t0 = days(p[i].since);
		t1 = until ? days(until) : x->to;
		if (t0 < 0 || t1 < t0)
			continue;	/* not a date statusdb writes */
		if (i)
			shade ^= 1;
		sdb_buf_addf(&cls, "seg s%d%s%s%s", shade, i ? " chg" : "",
			     v ? "" : " gap", tmp ? " tmp" : "");
		sdb_buf_addf(&title, "%s to %s: ", p[i].since,
			     until ? until : "now");
		sdb_buf_adds(&title, v ? v : "not listed");
		if (!refs && p[j - 1].notes) {
			sdb_buf_adds(&title, " (");
			sdb_buf_adds(&title, p[j - 1].notes);
			sdb_buf_adds(&title, ")");
		}
		seg = sdb_report_el(strip, "span", cls.s);
		place(seg, at(x, t0), at(x, t1));
		sdb_report_attr(seg, "title", title.s);
		sdb_report_el_text(seg, "span", "vh", title.s);
		if (v)
			sdb_report_el_text(seg, "bdi", NULL, v);
		sdb_buf_release(&cls);
		sdb_buf_release(&title);
	}
}

struct sdb_node *sdb_report_timeline(struct sdb_ht *ht, const struct report *rp)
{
	const struct sdb_audit *a = rp->a;
	const struct sdb_records *r = a->records;
	struct sdb_node *sec = sdb_ht_el(ht, NULL, "section"), *p, *table, *thead,
			*tr, *th;
	struct axis x;
	size_t row, k = 0;

	sdb_report_attr(sec, "id", "timeline");
	sdb_report_el_text(sec, "h2", NULL, "The registry's timeline");
	x.from = a->nversions ? days(a->versions[0]) : -1;
	x.to = a->nversions ? days(a->versions[a->nversions - 1]) : -1;
	if (!a->nperiods || x.from < 0 || x.to <= x.from) {
		sdb_report_el_text(sec, "p", NULL, "This database holds no "
			"history of a registry: import its versions as "
			"SERIES@DATE.");
		return sec;
	}
	x.to += (x.to - x.from) / 12;
	p = sdb_report_el(sec, "p", NULL);
	sdb_report_text(p, "How ");
	sdb_report_el_text(p, "b", NULL, a->series);
	sdb_report_textf(p, " named and cited each code it lists over its "
			 "%zu versions, from ", a->nversions);
	sdb_report_text(p, a->versions[0]);
	sdb_report_text(p, " to ");
	sdb_report_text(p, a->versions[a->nversions - 1]);
	sdb_report_text(p, ".  Each segment is a period in which the "
			"versions agree; a thick left edge marks a change (a "
			"rename, a new reference); hatched: a temporary "
			"registration; dashed: not listed, or no name.");
	table = sdb_report_el(sec, "table", "tl");
	thead = sdb_report_el(table, "thead", NULL);
	tr = sdb_report_el(thead, "tr", NULL);
	sdb_report_attr(sdb_report_el_text(tr, "th", NULL, "Code"),
			"scope", "col");
	sdb_report_attr(sdb_report_el_text(tr, "th", NULL, "Name"),
			"scope", "col");
	sdb_report_attr(sdb_report_el_text(tr, "th", NULL, "References"),
			"scope", "col");
	tr = sdb_report_el(thead, "tr", "axis");
	sdb_report_el(tr, "td", NULL);
	axis_strip(sdb_report_el(tr, "td", NULL), a, &x);
	axis_strip(sdb_report_el(tr, "td", NULL), a, &x);
	table = sdb_report_el(table, "tbody", NULL);
	for (row = 0; row < r->n; row++) {
		const struct sdb_record *rec = &r->v[row];
		size_t first, n;
		struct sdb_node *link;

		while (k < a->nperiods && a->periods[k].code < rec->code)
			k++;
		for (first = k; k < a->nperiods &&
		     a->periods[k].code == rec->code; k++)
			;
		n = k - first;
		if (!n || !rp->shown[row])
			continue;
		tr = sdb_report_el(table, "tr", NULL);
		sdb_report_attrf(tr, "id", "t-%d", rec->code);
		sdb_report_row_attrs(tr, rec, &rp->info[row]);
		th = sdb_report_el(tr, "th", NULL);
		sdb_report_attr(th, "scope", "row");
		link = sdb_report_el(th, "a", NULL);
		sdb_report_attrf(link, "href", "#c-%d", rec->code);
		sdb_report_textf(link, "%d", rec->code);
		lane(sdb_report_el(tr, "td", NULL), &a->periods[first], n, 0,
		     &x);
		lane(sdb_report_el(tr, "td", NULL), &a->periods[first], n, 1,
		     &x);
	}
	return sec;
}
