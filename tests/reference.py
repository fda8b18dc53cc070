#!/usr/bin/env python3
"""reference.py - the reconciler again, the slow and simple way.

  reference.py DB [LABEL]
                         exit 0 when DB's reconciled tables are what the
                         policy makes of its claims, 1 (with the first
                         differences) when not; LABEL starts each line

From what the importers stored alone (source: name, kind, rank, version;
claim; code_range; doc_claim) this recomputes, code by code and with no
index, cache or incremental step, what reconciler/policy.c decides
(README: "What each claim is", "How the canonical value is chosen"): the
values with their counts and classes, the findings (conflicts), the
registry's timeline and the canonical records (references, aliases,
statuses), and compares them with the database's tables byte for byte.
C identifiers (reconciler/identifiers.c: canonical.ident, alias idents,
findings of kind 'identifier') are left out.

A difference is a bug in one of the two: read the policy before changing
either.
"""
import sqlite3
import sys

NAME, NOTE, DESC, REF, TARGET = "name", "note", "description", "reference", \
    "reference_target"
CURRENT, FORMER, OBSOLETED, VARIANT, ANOTHER, UNREGISTERED, CONFLICT = (
    "current", "former", "obsoleted", "variant", "another-status",
    "unregistered", "conflict")
STATUSES = ["deprecated", "experimental", "obsoleted", "temporary",
            "unofficial", "unused"]
# (word, status, where): 0 a name only, 1 anywhere, 2 at the end only
STATUS_WORDS = [
    ("unused", 5, 1), ("reserved", 5, 0), ("deprecated", 0, 1),
    ("discontinued", 0, 1), ("experimental", 1, 1), ("obsolete", 2, 1),
    ("obsoleted", 2, 1), ("temporary", 3, 1), ("unofficial", 4, 1),
    ("non-standard", 4, 1), ("extension", 4, 2)]
MAXDOCS = 32
CLASSES = ["Informational", "Success", "Redirection", "Client Error",
           "Server Error"]


def alower(s):
    return "".join(chr(ord(c) + 32) if "A" <= c <= "Z" else c for c in s)


def name_key(s):
    return "".join(alower(c) for c in s
                   if "A" <= c <= "Z" or "a" <= c <= "z" or "0" <= c <= "9"
                   or ord(c) >= 0x80)


def same_key(a, b):
    k = name_key(a)
    return k != "" and k == name_key(b)


def word_char(c):
    return "a" <= c <= "z" or "A" <= c <= "Z" or "0" <= c <= "9" or \
        c == "-" or ord(c) >= 0x80


def is_status_word(s):
    a, b = 0, len(s)
    while a < b and not word_char(s[a]):
        a += 1
    while b > a and not word_char(s[b - 1]):
        b -= 1
    w = alower(s[a:b])
    return a < b and any(where != 2 and w == word
                         for word, _, where in STATUS_WORDS)


def note_statuses(note):
    out, i = set(), 0
    while i < len(note):
        while i < len(note) and not word_char(note[i]):
            i += 1
        j = i
        while j < len(note) and word_char(note[j]):
            j += 1
        w = alower(note[i:j])
        for word, st, where in STATUS_WORDS:
            if not where or w != word:
                continue
            if where == 2 and any(word_char(c) for c in note[j:]):
                continue
            out.add(st)
        i = j
    return out


def value_field(field, value):
    """Which value a claim gives: 'name', 'document' or None."""
    if field == NAME:
        return "name"
    if field == REF or (field == TARGET and (value.startswith("RFC ") or
                                             value.startswith("draft-"))):
        return "document"
    return None


class Claim:
    def __init__(self, r):
        (self.id, self.source, self.entry, self.code, self.field, self.value,
         self.section, self.url, link) = r
        self.link = link or 0
        self.vid = value_field(self.field, self.value) is not None


class Row:
    """One source's row for a code: the claims of its first entry."""

    def __init__(self, src, claims):
        self.source = src["name"]
        self.kind = src["kind"]
        first = claims[0].entry if claims else None
        self.v = [c for c in claims if c.entry == first]

    def first(self, field):
        return next((c for c in self.v if c.field == field), None)

    def name(self):
        n = self.first(NAME)
        return n if n and not is_status_word(n.value) else None

    def docs(self):
        labels = self.first(REF) is not None
        out = []
        for c in self.v:
            if c.field == (REF if labels else TARGET) and c.vid and \
                    len(out) < MAXDOCS and all(o.value != c.value for o in out):
                out.append(c)
        return out

    def notes(self):
        n = [c.value for c in self.v if c.field == NOTE]
        return "; ".join(n) if n else None


class Val:
    def __init__(self, code, field, value):
        self.code, self.field, self.value = code, field, value
        self.document = field == "document"
        self.claims = self.votes = 0
        self.claim = None
        self.cls = self.since = self.until = self.by = self.why = None

    def set(self, cls, since, until, by, why):
        self.cls, self.since, self.until, self.by, self.why = \
            cls, since, until, by, why


class Lineage:
    def __init__(self, docs):
        self.succ, self.dates = {}, {}
        for d in docs:	# in id order
            doc, field, value = d
            if field == "obsoleted-by":
                self.succ.setdefault(doc, set()).add(value)
            elif field == "obsoletes":
                self.succ.setdefault(value, set()).add(doc)
            elif field == "date" and doc not in self.dates:
                self.dates[doc] = value

    def successors(self, doc):
        return sorted(s for s in self.succ.get(doc, ()) if s != doc)

    def successor(self, doc, later):
        """The first step from doc on the way to later, or None."""
        queue, first, head = [doc], [None], 0
        while head < len(queue) and len(queue) < 4096:
            for s in self.successors(queue[head]):
                via = first[head] or s
                if s in queue:
                    continue
                if s == later:
                    return via
                queue.append(s)
                first.append(via)
            head += 1
        return None


def paren(d):
    return " (%s)" % d if d else ""


class Code:
    """One code's facts and what the policy makes of them."""

    def __init__(self, ref, code):
        self.ref, self.code = ref, code
        self.vals = sorted(ref.values.get(code, {}).values(),
                           key=lambda v: (v.field, v.value))
        self.listed = sorted(ref.listing.get(code, ()),
                             key=lambda s: (-s["rank"], s["name"]))
        self.voting = [s for s in self.listed if s["votes"]]
        self.reg = None
        self.range = None
        if ref.registry:
            r = ref.row(ref.registry["name"], code)
            self.reg = r if r.v else None
            if not self.reg:
                for first, last, value in ref.ranges.get(ref.registry["name"], ()):
                    if first <= code <= last:
                        self.range = ("%d %s" % (first, value) if first == last
                                      else "%d-%d %s" % (first, last, value))
                        break
        self.versions = []
        for name, date in ref.versions:
            r = ref.row(name, code)
            self.versions.append((r if r.v else None, date))
        self.trusted = [ref.row(s["name"], code) for s in self.voting
                        if s["kind"] in ("registry", "specification",
                                         "spec-index")]
        self.top = [ref.row(s["name"], code) for s in self.voting]
        self.issues = sorted(ref.issues.get(code, ()),
                             key=lambda i: (i[0], i[2], i[1], i[3], i[4]))
        self.periods = []
        self.findings = []
        self.aliases = []

    def find(self, document, value):
        return next((v for v in self.vals if v.document == document and
                     v.value == value), None)

    # -- the timeline --
    def timeline(self):
        for r, date in self.versions:
            if r is None and not self.periods:
                continue
            n = r.first(NAME) if r else None
            docs = r.docs() if r else []
            p = {"since": date, "until": None,
                 "first": r.source if r else None,
                 "name": n.value if n else None,
                 "notes": r.notes() if r else None,
                 "refs": "; ".join(d.value + (", Section %s" % d.section
                                              if d.section else "")
                                   for d in docs) or None,
                 "docs": [d.value for d in docs]}
            if self.periods:
                q = self.periods[-1]
                if q["name"] == p["name"] and q["notes"] == p["notes"] and \
                        q["refs"] == p["refs"] and \
                        (r is not None) == (q["first"] is not None):
                    continue
                q["until"] = p["since"]
            self.periods.append(p)

    def former_name(self, name):
        ps = self.periods
        for i, p in enumerate(ps):
            if p["name"] != name:
                continue
            j = i + 1
            while j < len(ps) and ps[j]["name"] == name:
                j += 1
            if j == len(ps):
                return None
            return p["since"], ps[j]["since"], ps[j]["name"]
        return None

    def former_doc(self, doc):
        ps = self.periods
        for i, p in enumerate(ps):
            if doc not in p["docs"]:
                continue
            j = i + 1
            while j < len(ps) and doc in ps[j]["docs"]:
                j += 1
            if j == len(ps):
                return None
            return p["since"], ps[j]["since"], "; ".join(ps[j]["docs"]) or "nothing"
        return None

    # -- classes --
    def classify_doc(self, v, cur, registered):
        lin = self.ref.lineage
        if v.value in cur:
            v.set(CURRENT, None, None, None, "the registry cites it now"
                  if registered else "the canonical record cites it")
            return
        for c in cur:
            succ = lin.successor(v.value, c)
            if not succ:
                continue
            d0, d1 = lin.dates.get(v.value), lin.dates.get(succ)
            why = "%s%s was obsoleted by %s%s" % (v.value, paren(d0), succ, paren(d1))
            if succ != c:
                why += ", and that in turn by %s" % c
            v.set(OBSOLETED, d0, d1, succ, why)
            return
        for c in cur:
            r1, b1 = draft_base(v.value)
            r2, b2 = draft_base(c)
            if r1 >= 0 and r2 > r1 and b1 == b2:
                v.set(OBSOLETED, None, None, c, "an older revision of %s" % c)
                return
        f = self.former_doc(v.value)
        if f:
            v.set(OBSOLETED, f[0], f[1], f[2],
                  "the registry cited it from %s until %s, then %s" % f)
            return
        if cur:
            v.set(CONFLICT, None, None, cur[0], "%s cites %s; %s is not in its "
                  "lineage" % ("the registry" if registered else
                               "the canonical record", cur[0], v.value))
        else:
            v.set(CONFLICT, None, None, None, "the canonical record cites no document")

    def lineage_names(self):
        for r in self.trusted:
            n = r.name()
            v = self.find(0, n.value) if n else None
            if not v or v.cls or (self.reg and r.source == self.reg.source):
                continue
            stale, broke = None, False
            for d in r.docs():
                dv = self.find(1, d.value)
                if not dv or dv.cls == CURRENT:
                    broke = True
                    break
                if dv.cls == OBSOLETED and not stale:
                    stale = dv
            if broke or not stale:
                continue
            v.set(FORMER, stale.since, stale.until, stale.by,
                  "named so by %s (%s) citing %s%s, %s" % (
                      r.source, r.kind, stale.value, paren(stale.since), stale.why))

    def classify_names(self, cur, mode):
        for v in self.vals:
            if v.document or v.cls:
                continue
            if cur is not None and v.value == cur:
                if mode == 1:
                    v.set(UNREGISTERED, None, None, None, "the registry leaves %d "
                          "unassigned (%s): its names are unofficial" % (
                              self.code, self.range or ""))
                elif mode == 0:
                    v.set(CURRENT, None, None, None, "the registry's name now"
                          if self.reg and self.reg.name() else
                          "the name registry-like sources give this code, "
                          "which the registry marks unused")
                else:
                    v.set(CURRENT, None, None, None, "the canonical name (no "
                          "registry lists %d)" % self.code)
                continue
            f = self.former_name(v.value)
            if f:
                v.set(FORMER, f[0], f[1], f[2], "the registry's name from %s "
                      "until %s, then %s" % (f[0], f[1], f[2] or "not listed"))
        if mode == 0:
            self.lineage_names()
        for v in self.vals:
            if v.document or v.cls:
                continue
            if is_status_word(v.value):
                v.set(VARIANT, None, None, None, "a status word, not a name")
                continue
            if cur is not None and same_key(v.value, cur):
                v.set(VARIANT, None, None, cur, "differs from %s only in case "
                      "or punctuation" % cur)
                continue
            f = next((f for f in self.vals if not f.document and
                      f.cls == FORMER and same_key(v.value, f.value)), None)
            if f:
                v.set(VARIANT, None, None, f.value, "differs from the former "
                      "name %s only in case or punctuation" % f.value)
            elif mode == 0:
                v.set(ANOTHER, None, None, cur, "no version of the registry "
                      "named %d so%s: a status that reused the number, or a "
                      "mistake" % (self.code, "; it is " + cur if cur else ""))
            else:
                v.set(CONFLICT, None, None, cur, "differs from the canonical "
                      "name %s" % (cur if cur is not None else "(none)"))

    # -- the record --
    def same_status(self, r):
        n = r.first(NAME)
        if not n:
            return True
        v = self.find(0, n.value)
        k = self.find(0, self.name.value) if self.name else None
        if not k or registry_status(k.cls):
            return not v or registry_status(v.cls)
        return same_key(n.value, self.name.value)

    def settle_record(self, fixed, unused_rule):
        self.name = fixed
        if not unused_rule:
            for r in self.top:
                if self.name:
                    break
                self.name = r.name()
        self.desc, self.refs, self.statuses = None, [], {}
        have_refs = have_status = False
        for r in self.top:
            if self.desc and have_refs and have_status:
                break
            if not self.same_status(r):
                continue
            docs = r.docs()
            if not have_refs and docs:
                for d in docs:
                    t = None
                    if d.field == REF:
                        t = next((c for c in r.v if c.field == TARGET and (
                            (d.link and c.link == d.link) or c.value == d.value)),
                            None)
                    else:
                        t = d
                    self.refs.append((d.value, d.section or (t.section if t else None),
                                      t.url if t else None, d.id))
                have_refs = True
            if not self.desc:
                e = r.first(DESC)
                if e and not is_status_word(e.value):
                    self.desc = e
            if not have_status:
                for c in r.v:
                    if c.field != NOTE:
                        continue
                    for st in sorted(note_statuses(c.value)):
                        if st not in self.statuses:
                            self.statuses[st] = c.id
                have_status = True

    def settle_rules(self, unused_rule):
        names = sum(1 for v in self.vals if v.votes > 0 and not v.document)
        docs = [v for v in self.vals if v.votes > 0 and v.document]
        in_refs = sum(1 for v in docs for r in self.refs if r[0] == v.value)
        nvoting = len(self.voting)
        self.name_rule = None if not self.name else "unused-code" if unused_rule \
            else "only-source" if nvoting == 1 else "unanimous" if names == 1 \
            else "highest-rank"
        self.ref_rule = None if not self.refs else "only-source" if nvoting == 1 \
            else "unanimous" if in_refs == len(docs) else "highest-rank"
        self.desc_rule = None if not self.desc else "only-source" \
            if nvoting == 1 else "highest-rank"

    def settle_aliases(self, regname):
        for v in self.vals:
            if v.document or v.cls != FORMER or \
                    (self.name and self.name.value == v.value):
                continue
            self.aliases.append((v.value, v.since, v.until, v.by, v.claim, 1))
        if regname and self.name and regname.value != self.name.value:
            since = next((p["since"] for p in self.periods
                          if p["name"] == regname.value), None)
            self.aliases.append((regname.value, since, None, "the registry",
                                 regname.id, 0))

    def settle_findings(self):
        names = docs = 0
        variants_only = name_minor = doc_minor = True
        for v in self.vals:
            if v.votes <= 0 or v.cls in (CURRENT, UNREGISTERED):
                continue
            if not v.document:
                names += 1
                variants_only &= v.cls == VARIANT
                name_minor &= v.cls in (FORMER, VARIANT)
            else:
                docs += 1
                doc_minor &= v.cls == OBSOLETED
        if names:
            self.findings.append(("name", "name-case" if variants_only else
                                  "name", "", int(name_minor)))
        if docs:
            self.findings.append(("reference", "reference", "", int(doc_minor)))
        seen = set()
        for i, (source, field, kind, value, _) in enumerate(self.issues):
            if (source, kind, field) in seen:
                continue
            seen.add((source, kind, field))
            minor = 1
            if kind != "link":
                minor = 0
            else:
                for t in self.issues[i:]:
                    if t[0] != source or t[2] != kind:
                        continue
                    doc = t[3].split(", Section ")[0]
                    v = self.find(1, doc)
                    if not v or v.cls not in (CURRENT, OBSOLETED):
                        minor = 0
            self.findings.append((field, kind, source, minor))

    def settle(self):
        self.timeline()
        self.registered = 1 if self.reg else 0 if self.range else None
        self.official = int(bool(self.trusted))
        mode = 0 if self.reg else 1 if self.range else 2
        cur, regname, fixed, unused_rule, curdocs = None, None, None, False, []
        if self.reg:
            regname = self.reg.name()
            curdocs = [d.value for d in self.reg.docs()]
            if regname:
                cur = regname.value
            else:
                fixed = next((r.name() for r in self.trusted if r.name()), None)
                cur = fixed.value if fixed else None
                unused_rule = True
        else:
            for r in self.top:
                if cur is None and r.name():
                    cur = r.name().value
                n = r.first(NAME)
                if not curdocs and (not n or (cur is not None and
                                              same_key(n.value, cur))):
                    curdocs = [d.value for d in r.docs()]
                if cur is not None and curdocs:
                    break
        for v in self.vals:
            if v.document:
                self.classify_doc(v, curdocs, mode == 0)
        self.classify_names(cur, mode)
        self.settle_record(fixed, unused_rule)
        if not self.official:
            self.statuses.setdefault(4, None)
        self.settle_rules(unused_rule)
        self.settle_aliases(regname)
        self.settle_findings()


def registry_status(cls):
    return cls in (None, CURRENT, FORMER, VARIANT, UNREGISTERED)


def draft_base(d):
    n = len(d)
    if not d.startswith("draft-") or n < 9 or d[n - 3] != "-" or \
            not d[n - 2].isdigit() or not d[n - 1].isdigit() or \
            not d[n - 2:].isascii():
        return -1, d
    return int(d[n - 2:]), d[:n - 3]


class Reference:
    def __init__(self, db):
        self.db = db
        q = db.execute
        self.sources = {}
        for name, series, kind, rank, version in q(
                "SELECT name, series, kind, rank, version FROM source"):
            self.sources[name] = {"name": name, "series": series, "kind": kind,
                                  "rank": rank, "version": version, "votes": 1}
        newest = {}
        for s in self.sources.values():
            if s["series"] is not None:
                v = newest.get(s["series"])
                if s["version"] is not None and (v is None or s["version"] > v):
                    newest[s["series"]] = s["version"]
        for s in self.sources.values():
            if s["series"] is not None:
                s["votes"] = int(s["version"] == newest.get(s["series"]))
        self.claims = {}	# (source, code) -> claims by entry, id
        self.by_source = {}
        for r in q("SELECT id, source, entry, code, field, value, section, url,"
                   " link FROM claim ORDER BY id"):
            c = Claim(r)
            self.claims.setdefault((c.source, c.code), []).append(c)
            self.by_source.setdefault(c.source, []).append(c)
        for v in self.claims.values():
            v.sort(key=lambda c: (c.entry, c.id))
        self.listing = {}
        for (source, code) in self.claims:
            self.listing.setdefault(code, []).append(self.sources[source])
        self.values = {}
        for c in sorted((c for v in self.claims.values() for c in v),
                        key=lambda c: c.id):
            f = value_field(c.field, c.value)
            if not f:
                continue
            v = self.values.setdefault(c.code, {}).setdefault(
                (f, c.value), Val(c.code, f, c.value))
            v.claims += 1
            v.votes += self.sources[c.source]["votes"]
            if v.claim is None:
                v.claim = c.id
        self.ranges = {}
        for source, first, last, value in q(
                "SELECT source, first, last, value FROM code_range ORDER BY id"):
            self.ranges.setdefault(source, []).append((first, last, value))
        self.lineage = Lineage(q("SELECT document, field, value FROM doc_claim"
                                 " ORDER BY id").fetchall())
        regs = sorted((s for s in self.sources.values()
                       if s["kind"] == "registry" and s["votes"]),
                      key=lambda s: (-s["rank"], s["name"]))
        self.registry = regs[0] if regs else None
        self.series, self.versions = None, []
        if self.registry and self.registry["series"] is not None:
            self.series = self.registry["series"]
            self.versions = sorted(
                ((s["name"], s["version"]) for s in self.sources.values()
                 if s["series"] == self.series and s["version"] is not None),
                key=lambda x: (x[1], x[0]))
        elif self.registry and self.registry["version"] is not None:
            self.series = self.registry["name"]
            self.versions = [(self.registry["name"], self.registry["version"])]
        self.issues = {}
        for source, claims in self.by_source.items():
            self.find_issues(source, claims)

    def row(self, source, code):
        return Row(self.sources[source], self.claims.get((source, code), []))

    def find_issues(self, source, claims):
        """A source's links whose label and URL disagree, and duplicates."""
        links = {}
        for c in claims:
            if c.link > 0:
                links.setdefault(c.link, []).append(c)
        for link in sorted(links):
            cs = links[link]
            labels = [c for c in cs if c.field == REF]
            targets = [c for c in cs if c.field == TARGET]
            if not labels or not targets:
                continue
            # they agree; a URL naming no document (its value is the URL)
            # contradicts no label
            if any((l.value == t.value and (not l.section or not t.section or
                                            l.section == t.section)) or
                   (t.url and t.value == t.url)
                   for l in labels for t in targets):
                continue
            for c in cs:
                self.issues.setdefault(c.code, []).append(
                    (source, "reference", "link", c.value + (
                        ", Section %s" % c.section if c.section else ""), c.id))
        groups = {}
        for c in claims:
            if c.field in (NAME, DESC):
                groups.setdefault((c.code, c.field), []).append(c)
        for (code, field), cs in groups.items():
            cs.sort(key=lambda c: (c.entry, c.id))
            entries = len(set(c.entry for c in cs))
            if entries < 2 or all(c.value == cs[0].value for c in cs):
                continue
            for c in cs:
                self.issues.setdefault(code, []).append(
                    (source, field, "duplicate", c.value, c.id))

    def compute(self):
        out = {k: [] for k in ("value", "finding", "timeline", "canonical",
                               "canonical_reference", "canonical_alias",
                               "canonical_status")}
        for code in range(100, 600):
            if code not in self.listing:
                continue
            c = Code(self, code)
            c.settle()
            for v in c.vals:
                out["value"].append((v.code, v.field, v.value, v.claims, v.votes,
                                     v.cls, v.since, v.until, v.by, v.why))
            if self.series:
                for p in c.periods:
                    out["timeline"].append((self.series, code, p["since"],
                                            p["until"], p["name"], p["notes"],
                                            p["refs"], p["first"] or ""))
            if not c.voting:
                continue
            out["canonical"].append((
                code, c.name.value if c.name else None,
                c.name.id if c.name else None, c.name_rule,
                CLASSES[code // 100 - 1], c.desc.value if c.desc else None,
                c.desc.id if c.desc else None, c.desc_rule, c.official,
                c.registered))
            for i, (doc, sec, url, claim) in enumerate(c.refs):
                out["canonical_reference"].append((code, i + 1, doc, sec, url,
                                                   claim, c.ref_rule))
            seen = set()
            for a in c.aliases:
                if a[0] not in seen:
                    seen.add(a[0])
                    out["canonical_alias"].append((code,) + a)
            for st, claim in c.statuses.items():
                out["canonical_status"].append((code, STATUSES[st], claim))
            seen = set()
            for field, kind, source, minor in c.findings:
                if (kind, field, source) not in seen:
                    seen.add((kind, field, source))
                    out["finding"].append((code, kind, field, source, minor))
        return {k: sorted(v, key=sort_key) for k, v in out.items()}

    STORED = {
        "value": "SELECT code, field, value, claims, votes, class, since,"
                 " until, by, why FROM value",
        "finding": "SELECT code, kind, field, source, minor FROM finding"
                   " WHERE kind <> 'identifier'",
        "timeline": "SELECT series, code, since, until, name, notes, refs,"
                    " first FROM timeline",
        "canonical": "SELECT code, name, name_claim, name_rule, class,"
                     " description, description_claim, description_rule,"
                     " official, registered FROM canonical",
        "canonical_reference": "SELECT code, ord, document, section, url,"
                               " claim, rule FROM canonical_reference",
        "canonical_alias": "SELECT code, alias, since, until, by, claim,"
                           " deprecated FROM canonical_alias",
        "canonical_status": "SELECT code, status, claim FROM canonical_status",
    }

    def stored(self):
        return {k: sorted(self.db.execute(sql).fetchall(), key=sort_key)
                for k, sql in self.STORED.items()}


def sort_key(row):
    return tuple((0, "") if x is None else (1, x) if isinstance(x, int)
                 else (2, x) for x in row)


def main(argv):
    if len(argv) not in (1, 2):
        sys.stderr.write("usage: reference.py DB [LABEL]\n")
        return 2
    label = argv[1] + ": " if len(argv) == 2 else ""
    db = sqlite3.connect("file:%s?mode=ro" % argv[0], uri=True)
    ref = Reference(db)
    want, got = ref.compute(), ref.stored()
    bad = 0
    for table in Reference.STORED:
        w, g = want[table], got[table]
        if w == g:
            print("ok - %s%s: %d rows as the policy makes them" % (
                label, table, len(w)))
            continue
        bad += 1
        print("not ok - %s%s: the database has %d rows, the reference %d" %
              (label, table, len(g), len(w)))
        ws, gs = set(w), set(g)
        for r in [r for r in g if r not in ws][:5]:
            print("#   database only:  %r" % (r,))
        for r in [r for r in w if r not in gs][:5]:
            print("#   reference only: %r" % (r,))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
