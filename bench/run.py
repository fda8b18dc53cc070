#!/usr/bin/env python3
"""run.py - statusdb's benchmark: each case against its floor.

  run.py [--small] [--runs N] [--statusdb PATH] [--work DIR] [--only CASE]

Every case runs statusdb (A) and the floor (B) on the same input, paired
and alternated (A B A B ...), --runs times each (default 5), and prints
the medians of CPU time (user + system, of every process the case runs),
wall time and peak RSS, and the ratio A/B.  Cases:

  build-N       'statusdb build' of N generated lists (N = 10, 100, 1000,
                10000; --small: 10, 100) with the registry's 17 versions
                and the RFC index; floor: parsing the same files
                (cmark-gfm -e table for Markdown, xmllint --noout for XML,
                cat for the rest) and sqlite3 .import of the same claims
                and document facts into tables without indexes
  separate-N    N lists imported one 'statusdb import' each; floor: the
                same N lists in one 'statusdb import'
  big-gfm, big-mediawiki
                one table of 100,000 rows (--small: 10,000) imported into
                a new database; floor: cmark-gfm -e table (GFM), or the
                fastest MediaWiki parser packaged for Debian
                (mwparserfromhell or pandoc, timed once each), plus
                sqlite3 .import of the same claims.  big-mediawiki-Nk-cat
                runs beside it with cat for the parser: no goal, but
                --small checks its ratio against bench/ci-limits.tsv
  read-CMD      a reading command on the database of the largest build;
                floor: sqlite3 printing a SELECT of the rows it prints
  make-noop     'make' when nothing changed (no floor)

Growth: the build's time between sizes (10x the lists).  The goals of
issue 14 are checked at the end; --small checks the CI limits instead
(bench/ci-limits.tsv: growth no longer linear, or a ratio twice the
recorded one) and exits 1 when one is broken.

--only CASE runs the cases whose names start with CASE ("build",
"read"), or the one reading command named ("read-report").

The inputs come from bench/gen.py (deterministic) into --work (default
build/bench), made once.  Nothing measured writes outside --work.
"""
import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

CLAIM_COLS = ('source, entry, code, field, value, section, url, link, raw,'
              ' line, "column", end_line, end_column')
DOC_COLS = 'source, document, field, value, raw, line, "column", end_line, end_column'
FLOOR_SCHEMA = (
    "CREATE TABLE claim (source TEXT, entry INTEGER, code INTEGER, field TEXT,"
    " value TEXT, section TEXT, url TEXT, link INTEGER, raw TEXT,"
    " line INTEGER, \"column\" INTEGER, end_line INTEGER, end_column INTEGER);"
    "CREATE TABLE doc_claim (source TEXT, document TEXT, field TEXT,"
    " value TEXT, raw TEXT, line INTEGER, \"column\" INTEGER,"
    " end_line INTEGER, end_column INTEGER);")


class Sample:
    def __init__(self):
        self.cpu = 0.0
        self.wall = 0.0
        self.rss = 0	# KiB, the largest process


def run(cmd, sample=None, cwd=None, stdout=subprocess.DEVNULL, stdin=None):
    """Runs cmd, adding its CPU, wall and peak RSS to sample."""
    t0 = time.monotonic()
    p = subprocess.Popen(cmd, cwd=cwd, stdout=stdout, stdin=stdin,
                         stderr=subprocess.PIPE)
    err = p.stderr.read()
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.monotonic() - t0
    p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode != 0:
        sys.stderr.write(err.decode(errors="replace"))
        raise SystemExit("bench: %s exited with %d" % (" ".join(cmd), p.returncode))
    if sample is not None:
        sample.cpu += ru.ru_utime + ru.ru_stime
        sample.wall += wall
        sample.rss = max(sample.rss, ru.ru_maxrss)
    return p


def sql_out(db, sql, path):
    with open(path, "w") as f:
        run(["sqlite3", "-batch", "-bail", "-csv", db, sql], stdout=f)


class Bench:
    def __init__(self, args):
        self.a = args
        self.sdb = os.path.abspath(args.statusdb)
        self.work = os.path.abspath(args.work)
        self.rows = []		# (case, A, B) medians
        self.results = {}

    # -- inputs -------------------------------------------------------

    def gen(self):
        lists = self.sizes[-1]
        d = os.path.join(self.work, "lists-%d" % lists)
        if not os.path.exists(os.path.join(d, "manifest.tsv")):
            shutil.rmtree(d, ignore_errors=True)
            run([sys.executable, os.path.join(HERE, "gen.py"), "lists",
                 os.path.join(ROOT, "sources"), d, str(lists)])
        self.lists = d
        with open(os.path.join(d, "manifest.tsv")) as f:
            lines = [l for l in f if not l.startswith("#")]
        self.nreal = sum(1 for l in lines if not l.startswith("list-"))
        for n in self.sizes:
            with open(os.path.join(d, "m%d.tsv" % n), "w") as f:
                f.writelines(lines[:self.nreal + n])
        with open(os.path.join(d, "m0.tsv"), "w") as f:
            f.writelines(lines[:self.nreal])
        self.files = [l.split("\t")[1] for l in lines]
        for fmt in ("gfm", "mediawiki"):
            p = os.path.join(self.work, "big-%d.%s" % (self.bigrows, fmt))
            if not os.path.exists(p):
                run([sys.executable, os.path.join(HERE, "gen.py"), "big",
                     "mediawiki" if fmt == "mediawiki" else "gfm-table",
                     os.path.join(ROOT, "sources"), str(self.bigrows), p])

    def db(self, name):
        return os.path.join(self.work, name + ".db")

    def fresh(self, path):
        for ext in ("", "-journal", "-wal", "-shm"):
            if os.path.exists(path + ext):
                os.remove(path + ext)

    def claims_csv(self, db, stem):
        """The claims (and document facts) of db as CSV, for the floor."""
        c, d = stem + ".claims.csv", stem + ".docs.csv"
        sql_out(db, "SELECT %s FROM claim ORDER BY id" % CLAIM_COLS, c)
        sql_out(db, "SELECT %s FROM doc_claim ORDER BY id" % DOC_COLS, d)
        return c, d

    def floor_import(self, s, c, d, path):
        self.fresh(path)
        run(["sqlite3", "-batch", "-bail", path, FLOOR_SCHEMA,
             ".import --csv %s claim" % c, ".import --csv %s doc_claim" % d], s)

    # -- measuring ----------------------------------------------------

    def pair(self, case, a, b, note=""):
        """Runs a() and b() alternately; each returns a Sample."""
        sa, sb = [], []
        for _ in range(self.a.runs):
            sa.append(a())
            if b:
                sb.append(b())
        med = lambda v, k: statistics.median(getattr(x, k) for x in v)
        A = {k: med(sa, k) for k in ("cpu", "wall", "rss")}
        A["spread"] = (max(x.cpu for x in sa) - min(x.cpu for x in sa)) / A["cpu"] \
            if A["cpu"] else 0
        B = {k: med(sb, k) for k in ("cpu", "wall", "rss")} if b else None
        self.results[case] = (A, B)
        self.print_row(case, A, B, note)
        return A, B

    def print_row(self, case, A, B, note):
        def r(x, y):
            return "%6.2f" % (x / y) if y else "     -"
        if B:
            line = "%-18s %8.3f %8.3f %s  %8.3f %8.3f %s  %7d %7d %s %s" % (
                case, A["cpu"], B["cpu"], r(A["cpu"], B["cpu"]),
                A["wall"], B["wall"], r(A["wall"], B["wall"]),
                A["rss"] // 1024, B["rss"] // 1024, r(A["rss"], B["rss"]), note)
        else:
            line = "%-18s %8.3f %8s %6s  %8.3f %8s %6s  %7d %7s %6s %s" % (
                case, A["cpu"], "-", "-", A["wall"], "-", "-",
                A["rss"] // 1024, "-", "-", note)
        print(line, flush=True)
        self.rows.append(line)

    # -- cases --------------------------------------------------------

    def case_build(self, n):
        m = os.path.join(self.lists, "m%d.tsv" % n)
        db = self.db("build-%d" % n)
        fdb = self.db("floor-build-%d" % n)
        run([self.sdb, "build", "--db", db, "-m", m])	# warm, and the claims
        c, d = self.claims_csv(db, os.path.join(self.work, "build-%d" % n))
        files = self.files[:self.nreal + n]
        md = [f for f in files if f.endswith(".md")]
        xml = [f for f in files if f.endswith(".xml")]
        other = [f for f in files if not f.endswith((".md", ".xml"))]

        def a():
            s = Sample()
            self.fresh(db)
            run([self.sdb, "build", "--db", db, "-m", m], s)
            return s

        def b():
            s = Sample()
            run(["cmark-gfm", "-e", "table"] + md, s, cwd=self.lists)
            if xml:
                run(["xmllint", "--noout"] + xml, s, cwd=self.lists)
            run(["cat"] + other, s, cwd=self.lists)
            self.floor_import(s, c, d, fdb)
            return s
        claims = int(subprocess.check_output(
            ["sqlite3", db, "SELECT count(*) FROM claim"]).decode())
        return self.pair("build-%d" % n, a, b, "%d claims" % claims)

    def case_separate(self, n):
        m = os.path.join(self.lists, "m%d.tsv" % n)
        base = self.db("base")
        self.fresh(base)
        run([self.sdb, "build", "--db", base, "-m",
             os.path.join(self.lists, "m0.tsv")])
        files = self.files[self.nreal:self.nreal + n]
        db = self.db("separate")

        def a():
            s = Sample()
            self.fresh(db)
            shutil.copyfile(base, db)
            for f in files:
                run([self.sdb, "import", "--db", db, "-m", m, f], s,
                    cwd=self.lists)
            return s

        def b():
            s = Sample()
            self.fresh(db)
            shutil.copyfile(base, db)
            run([self.sdb, "import", "--db", db, "-m", m] + files, s,
                cwd=self.lists)
            return s
        return self.pair("separate-%d" % n, a, b, "%d imports vs 1" % n)

    def case_big(self, fmt):
        path = os.path.join(self.work, "big-%d.%s" % (self.bigrows, fmt))
        db = self.db("big-" + fmt)
        fdb = self.db("floor-big-" + fmt)
        name = ["--name", "big", "--format",
                "mediawiki" if fmt == "mediawiki" else "gfm-table"]
        self.fresh(db)
        run([self.sdb, "import", "--db", db] + name + [path])
        c, d = self.claims_csv(db, os.path.join(self.work, "big-" + fmt))

        def a():
            s = Sample()
            self.fresh(db)
            run([self.sdb, "import", "--db", db] + name + [path], s)
            return s

        parse = (["cmark-gfm", "-e", "table", path] if fmt == "gfm"
                 else self.mediawiki_parser(path))

        def b():
            s = Sample()
            run(parse, s)
            self.floor_import(s, c, d, fdb)
            return s
        case = "big-%s-%dk" % (fmt, self.bigrows // 1000)
        res = self.pair(case, a, b, "%d rows" % self.bigrows)
        if fmt == "mediawiki":
            # The stricter floor: reading the file, as if parsing were
            # free.  Printed, not a goal (issue 14 names the parser).
            def r():
                s = Sample()
                run(["cat", path], s)
                self.floor_import(s, c, d, fdb)
                return s
            self.pair(case + "-cat", a, r, "floor: cat + .import (no goal)")
        return res

    # MediaWiki parsers packaged for Debian; the floor takes the fastest.
    # mwparserfromhell (C tokenizer) builds the tree of the wikitext,
    # tables and their cells included; pandoc reads it into its AST.
    MWP = ("import sys, mwparserfromhell\n"
           "mwparserfromhell.parse(open(sys.argv[1], encoding='utf-8').read())")

    def mediawiki_parser(self, path):
        cands = []
        for py in (sys.executable, "/usr/bin/python3"):
            if subprocess.run([py, "-c", "import mwparserfromhell"],
                              stderr=subprocess.DEVNULL).returncode == 0:
                cands.append(("mwparserfromhell", [py, "-c", self.MWP, path]))
                break
        if shutil.which("pandoc"):
            cands.append(("pandoc", ["pandoc", "-f", "mediawiki", "-t", "json",
                                     "-o", os.devnull, path]))
        if not cands:
            raise SystemExit("bench: no MediaWiki parser (python3-mwparserfromhell"
                             " or pandoc): run it with make bench")
        timed = []
        for name, cmd in cands:
            s = Sample()
            run(cmd, s)
            timed.append((s.cpu, name, cmd))
        timed.sort()
        print("# MediaWiki parsers, one run each: %s; the floor uses %s"
              % (", ".join("%s %.2f s" % (n, t) for t, n, _ in timed),
                 timed[0][1]), flush=True)
        return timed[0][2]

    # The rows each reading command prints, as one SELECT.
    READS = [
        ("claims", ["claims"],
         "SELECT s.file, c.line, c.\"column\", c.code, c.source, c.field,"
         " c.value, c.section, v.class FROM claim c JOIN source s ON"
         " s.name = c.source LEFT JOIN value v ON v.id = c.vid"
         " ORDER BY c.code, c.source, c.field, c.entry, c.id"),
        ("claims-413", ["claims", "--code", "413"],
         "SELECT s.file, c.line, c.\"column\", c.code, c.source, c.field,"
         " c.value, c.section, v.class FROM claim c JOIN source s ON"
         " s.name = c.source LEFT JOIN value v ON v.id = c.vid"
         " WHERE c.code = 413 ORDER BY c.source, c.field, c.entry, c.id"),
        ("conflicts", ["conflicts"],
         "SELECT f.code, f.kind, v.value, v.class, v.why, c.source, s.file,"
         " c.line, c.\"column\" FROM finding f JOIN value v ON v.code = f.code"
         " AND v.field = (CASE f.field WHEN 'name' THEN 'name' ELSE"
         " 'document' END) AND v.votes > 0 JOIN claim c ON c.vid = v.id"
         " JOIN source s ON s.name = c.source AND s.votes = 1"
         " WHERE f.kind IN ('name', 'name-case', 'reference')"
         " ORDER BY f.code, f.kind, v.value, c.source, c.line"),
        ("conflicts-summary", ["conflicts", "--summary"],
         "SELECT kind, minor, group_concat(code, ' ') FROM (SELECT DISTINCT"
         " code, kind, minor FROM finding ORDER BY code) GROUP BY kind, minor"),
        ("coverage", ["coverage"],
         "SELECT s.name, s.kind, s.rank, l.code FROM source s JOIN listing l"
         " ON l.source = s.name WHERE s.votes = 1 ORDER BY s.rank DESC,"
         " s.name, l.code"),
        ("show-413", ["show", "413"],
         "SELECT c.source, s.file, c.line, c.\"column\", c.field, c.value,"
         " v.class, v.why FROM claim c JOIN source s ON s.name = c.source"
         " LEFT JOIN value v ON v.id = c.vid WHERE c.code = 413"
         " ORDER BY c.source, c.field, c.entry, c.id"),
        ("history-413", ["history", "413"],
         "SELECT c.source, s.file, c.line, c.\"column\", c.field, c.value,"
         " v.class, v.why FROM claim c JOIN source s ON s.name = c.source"
         " LEFT JOIN value v ON v.id = c.vid WHERE c.code = 413"
         " ORDER BY c.source, c.field, c.entry, c.id"),
        ("export-c", ["export", "--format", "c"],
         "SELECT coalesce(series, name), min(file), count(*), min(version),"
         " max(version) FROM source GROUP BY 1 ORDER BY 1;"
         " SELECT k.code, k.name, k.ident, a.alias, a.ident FROM canonical k"
         " LEFT JOIN canonical_alias a ON a.code = k.code ORDER BY k.code"),
        ("export-json", ["export", "--format", "json"],
         "SELECT k.code, k.name, k.description, (SELECT group_concat(s, ',')"
         " FROM (SELECT DISTINCT coalesce(s.series, s.name) AS s FROM listing"
         " l JOIN source s ON s.name = l.source WHERE l.code = k.code AND"
         " l.votes = 1 ORDER BY 1)) FROM canonical k ORDER BY k.code"),
        ("export-csv", ["export", "--format", "csv"],
         "SELECT k.code, k.name, k.description, (SELECT group_concat(s, ' ')"
         " FROM (SELECT DISTINCT coalesce(s.series, s.name) AS s FROM listing"
         " l JOIN source s ON s.name = l.source WHERE l.code = k.code AND"
         " l.votes = 1 ORDER BY 1)) FROM canonical k ORDER BY k.code"),
        # the report's cells and evidence: every claim of the lists it
        # shows (the 100 highest-ranked, exporters/audit.h) with its class
        # and place; the registry's timeline; the findings its summary
        # lists; the sources its footer names; the canonical records
        ("report", ["report"],
         "SELECT c.code, c.source, c.field, c.value, c.raw, c.line,"
         " c.\"column\", v.class, v.why FROM claim c"
         " LEFT JOIN value v ON v.id = c.vid WHERE c.source IN (SELECT name"
         " FROM source WHERE votes = 1 AND kind <> 'documents' ORDER BY"
         " rank DESC, coalesce(series, name), name LIMIT 100)"
         " ORDER BY c.code, c.source, c.id;"
         " SELECT * FROM timeline ORDER BY code, since;"
         " SELECT code, kind, field, source, minor FROM finding"
         " ORDER BY code, kind, field, source;"
         " SELECT coalesce(series, name), min(file), count(*), min(version),"
         " max(version) FROM source GROUP BY 1 ORDER BY 1;"
         " SELECT code, name, description FROM canonical ORDER BY code"),
    ]

    def case_read(self, name, args, sql, db):
        probe = subprocess.run([self.sdb] + args[:1] + ["--help"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if probe.returncode != 0 or not sql:
            print("%-18s skip - 'statusdb %s' is not in this build%s" % (
                "read-" + name, args[0], "" if sql else
                " (or has no floor here)"), flush=True)
            return None

        def a():
            s = Sample()
            run([self.sdb] + args + ["--db", db], s)
            return s

        def b():
            s = Sample()
            run(["sqlite3", "-batch", "-bail", db, sql], s)
            return s
        return self.pair("read-" + name, a, b)

    def case_make(self):
        """make in the tree, when the statusdb measured is the tree's."""
        if self.sdb != os.path.join(ROOT, "build", "statusdb"):
            print("%-18s skip - --statusdb is not this tree's build/statusdb"
                  % "make-noop", flush=True)
            return None

        def a():
            s = Sample()
            run(["make", "-s", "-C", ROOT], s)
            return s
        run(["make", "-s", "-C", ROOT])
        return self.pair("make-noop", a, None, "make, nothing changed")

    # -- the whole run ------------------------------------------------

    def main(self):
        a = self.a
        self.sizes = [10, 100] if a.small else [10, 100, 1000, 10000]
        self.bigrows = 10000 if a.small else 100000
        nsep = 10 if a.small else 100
        os.makedirs(self.work, exist_ok=True)
        self.gen()
        print("# statusdb benchmark: %s, %d runs each, paired (A B A B ...)"
              % ("small (CI)" if a.small else "full", a.runs))
        print("# machine: %s, %s, %d CPUs; load average %.2f at start" % (
            platform.node() and platform.machine(), cpu_model(), os.cpu_count(),
            os.getloadavg()[0]))
        print("# medians; cpu = user + sys of every process (s), wall (s),"
              " rss = peak of one process (MiB); A = statusdb, B = floor")
        print("%-18s %8s %8s %6s  %8s %8s %6s  %7s %7s %6s" % (
            "case", "cpu A", "cpu B", "A/B", "wall A", "wall B", "A/B",
            "rss A", "rss B", "A/B"))
        only = a.only
        want = lambda c: not only or c.startswith(only)
        for n in self.sizes:
            if want("build"):
                self.case_build(n)
        if want("separate"):
            self.case_separate(nsep)
        for fmt in ("gfm", "mediawiki"):
            if want("big"):
                self.case_big(fmt)
        if want("build") or want("reference"):
            self.reference(100)
        db = self.db("build-%d" % self.sizes[-1])
        if (want("read") or only.startswith("read-")) and os.path.exists(db):
            for name, args, sql in self.READS:
                if only.startswith("read-") and only != "read-" + name:
                    continue    # --only read-report: that one case
                self.case_read(name, args, sql, db)
        if want("make"):
            self.case_make()
        print("# load average %.2f at the end" % os.getloadavg()[0])
        return self.verdict()

    def reference(self, n):
        """The 100-list build against tests/reference.py, byte for byte."""
        db = self.db("reference-%d" % n)
        self.fresh(db)
        run([self.sdb, "build", "--db", db, "-m",
             os.path.join(self.lists, "m%d.tsv" % n)])
        p = subprocess.run([sys.executable, os.path.join(ROOT, "tests",
                                                         "reference.py"),
                            db, "reference-%d" % n], stdout=subprocess.PIPE,
                           universal_newlines=True)
        for line in p.stdout.splitlines():
            print("# " + line)
        self.exact = p.returncode == 0
        print("%-18s %s" % ("reference-%d" % n, "the same as tests/reference.py"
                            if self.exact else "DIFFERS from tests/reference.py"),
              flush=True)

    def growth(self):
        out = []
        for x, y in zip(self.sizes, self.sizes[1:]):
            kx, ky = "build-%d" % x, "build-%d" % y
            if kx in self.results and ky in self.results:
                g = self.results[ky][0]["cpu"] / self.results[kx][0]["cpu"]
                gb = self.results[ky][1]["cpu"] / self.results[kx][1]["cpu"]
                out.append((x, y, g, gb))
                print("# growth %5d -> %5d lists (x%d): statusdb x%.2f,"
                      " floor x%.2f (cpu)" % (x, y, y // x, g, gb))
        return out

    def verdict(self):
        growth = self.growth()
        res = self.results
        fails = []
        if getattr(self, "exact", True) is False:
            fails.append("the 100-list build differs from tests/reference.py")

        def ratio(case, k="cpu"):
            A, B = res[case]
            return A[k] / B[k]
        if self.a.small:
            limits = read_limits(os.path.join(HERE, "ci-limits.tsv"))
            for case, (A, B) in res.items():
                key = case
                if B and key in limits and ratio(case) > 2 * limits[key]:
                    fails.append("%s: ratio %.2f, twice the recorded %.2f"
                                 % (case, ratio(case), limits[key]))
            for x, y, g, gb in growth:
                if g > 1.1 * (y / x):
                    fails.append("growth %d -> %d lists x%.2f: superlinear"
                                 % (x, y, g))
        else:
            goals = []
            big = self.sizes[-1]
            if "build-%d" % big in res:
                goals.append(("build %d lists <= 2x floor" % big,
                              ratio("build-%d" % big) <= 2))
            for x, y, g, gb in growth:
                goals.append(("growth %d -> %d lists <= x%.0f" % (x, y, 1.1 * y / x),
                              g <= 1.1 * y / x))
            for case in res:
                if case.startswith("separate"):
                    goals.append(("separate imports <= 1.5x one call",
                                  ratio(case) <= 1.5))
                if case.startswith("big") and not case.endswith("-cat"):
                    goals.append(("%s cpu <= 1.5x floor" % case, ratio(case) <= 1.5))
                    goals.append(("%s rss <= 1.5x floor" % case,
                                  ratio(case, "rss") <= 1.5))
                if case.startswith("read-"):
                    goals.append(("%s <= 2x its SELECT" % case, ratio(case) <= 2))
            if "make-noop" in res:
                goals.append(("make, nothing changed, < 1 s wall",
                              res["make-noop"][0]["wall"] < 1))
            for what, ok in goals:
                print("%s %s" % ("met    " if ok else "NOT MET", what))
                if not ok:
                    fails.append(what)
        for f in fails:
            print("not ok - %s" % f)
        print("%d goals missed" % len(fails))
        return 1 if fails and self.a.small else 0


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def read_limits(path):
    out = {}
    with open(path) as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            k, v = line.split()[:2]
            out[k] = float(v)
    return out


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--small", action="store_true")
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--statusdb", default=os.path.join(ROOT, "build", "statusdb"))
    p.add_argument("--work", default=os.path.join(ROOT, "build", "bench"))
    p.add_argument("--only", default="")
    return Bench(p.parse_args()).main()


if __name__ == "__main__":
    sys.exit(main())
