#!/usr/bin/env python3
"""gen.py - the benchmark's inputs, made deterministically from sources/.

  gen.py lists SOURCES OUT N      OUT/manifest.tsv listing the registry's
                                  history, the RFC index, the real lists
                                  and N generated lists (OUT/lists/*)
  gen.py big FORMAT SOURCES ROWS FILE
                                  one table of ROWS rows (gfm-table or
                                  mediawiki)

A generated list is a copy of one of the real seed files (MediaWiki, the
two GFM tables, the link list, the plain-text list, the registry's XML)
with realistic mutations drawn from a generator seeded by the list's
number: rows dropped, names renamed (case and punctuation, a name the
registry had before, another code's name, a typo), references changed
(RFC 7231 to RFC 2616 or 9110, and the like) and unofficial codes added.
List i is the same whatever N is, so the 10-list set is the first 10 of
the 10,000.  Nothing here reads the clock or the environment.
"""
import os
import random
import re
import shutil
import sys

SEED = 20251122

# The seeds: file in sources/, format, and the kinds/ranks copies get.
SEEDS = [
    ("iana-registry-2015.mediawiki", "mediawiki", "mediawiki"),
    ("community-list.md", "gfm-table", "md"),
    ("rfc7231-table.md", "gfm-table", "md"),
    ("webconcepts.md", "linklist", "md"),
    ("wikipedia-list.txt", "plaintext", "txt"),
    ("iana-registry/http-status-codes-2025-09-15.xml", "iana-xml", "xml"),
    ("iana-registry/http-status-codes-2015-05-19.xml", "iana-xml", "xml"),
]
WEIGHTS = [1, 4, 3, 1, 4, 1, 1]

# Names the registry or common lists gave these codes at some time.
OLD_NAMES = {
    302: ["Moved Temporarily"], 306: ["Switch Proxy", "(Unused)"],
    408: ["Request Time-out"], 413: ["Request Entity Too Large",
                                     "Payload Too Large"],
    414: ["Request-URI Too Long", "URI Too Long"],
    416: ["Requested Range Not Satisfiable", "Range Not Satisfiable"],
    418: ["I'm a Teapot"], 421: ["Misdirected Request"],
    422: ["Unprocessable Entity", "Unprocessable Content"],
    425: ["Unordered Collection", "Too Early"], 504: ["Gateway Time-out"],
    505: ["HTTP Version not supported"], 509: ["Bandwidth Limit Exceeded"],
}
UNOFFICIAL = [
    (218, "This is fine"), (419, "Page Expired"), (420, "Enhance Your Calm"),
    (430, "Request Header Fields Too Large"), (440, "Login Time-out"),
    (444, "No Response"), (449, "Retry With"),
    (450, "Blocked by Windows Parental Controls"), (494, "Request header too large"),
    (495, "SSL Certificate Error"), (499, "Client Closed Request"),
    (509, "Bandwidth Limit Exceeded"), (520, "Web Server Returned an Unknown Error"),
    (522, "Connection Timed Out"), (530, "Site is frozen"),
    (598, "Network read timeout error"), (599, "Network Connect Timeout Error"),
]
# References lists get wrong or stale: (from, to) RFC numbers.
REREFS = [("7231", "2616"), ("7231", "9110"), ("9110", "7231"),
          ("2518", "4918"), ("7538", "7238"), ("7233", "2616"),
          ("7232", "2616"), ("6585", "7231"), ("4918", "2518"),
          ("7235", "2617"), ("9110", "2616")]


class Row:
    """One row of a seed: its text, its code, and how to change it."""

    def __init__(self, text, code, fixed=False):
        self.text = text
        self.code = code
        self.fixed = fixed	# not a status row (a link definition)


def split_mediawiki(text):
    lines = text.split("\n")
    head, rows, tail, i = [], [], [], 0
    while i < len(lines) and lines[i] != "|-":
        head.append(lines[i])
        i += 1
    body = []
    while i < len(lines):
        if lines[i] == "|-":
            j = i + 1
            while j < len(lines) and lines[j] not in ("|-", "|}"):
                j += 1
            block = lines[i:j]
            m = re.match(r"\| (\d{3})$", block[1]) if len(block) > 1 else None
            body.append(Row("\n".join(block) + "\n", int(m.group(1)) if m else 0,
                            not m))
            i = j
        else:
            j = i
            while j < len(lines) and lines[j] != "|-":
                j += 1
            body.append(Row("\n".join(lines[i:j]) + ("\n" if j < len(lines) else ""),
                            0, True))
            i = j
    return "\n".join(head) + "\n", body, ""


def split_lines(text, row_re, fixed_re=None):
    head, rows = [], []
    started = False
    for line in text.splitlines(keepends=True):
        m = re.match(row_re, line)
        if m:
            started = True
            rows.append(Row(line, int(m.group(1))))
        elif fixed_re and re.match(fixed_re, line):
            rows.append(Row(line, int(re.match(fixed_re, line).group(1)), True))
        elif not started:
            head.append(line)
        else:
            rows.append(Row(line, 0, True))
    return "".join(head), rows, ""


def heading_like(line):
    s = line.strip()
    if not s or len(s) > 60 or s[-1] in ".:;,!?":
        return False
    return all(w[0].isupper() or w[0].isdigit() for w in s.split())


def split_plaintext(text):
    lines = text.splitlines(keepends=True)
    head, rows, i = [], [], 0
    while i < len(lines) and not re.match(r"\d{3} ", lines[i]):
        head.append(lines[i])
        i += 1
    while i < len(lines):
        m = re.match(r"(\d{3}) ", lines[i])
        j = i + 1
        while j < len(lines) and not re.match(r"\d{3} ", lines[j]) and \
                not heading_like(lines[j]):
            j += 1
        if m:
            rows.append(Row("".join(lines[i:j]), int(m.group(1))))
        else:
            rows.append(Row("".join(lines[i:j]), 0, True))
        i = j
    return "".join(head), rows, ""


def split_xml(text):
    parts = re.split(r"(    <record[^>]*>\n.*?</record>\n)", text, flags=re.S)
    head, rows, tail = parts[0], [], parts[-1]
    for k in range(1, len(parts) - 1):
        p = parts[k]
        m = re.search(r"<value>(\d{3})</value>", p)
        rows.append(Row(p, int(m.group(1)) if m else 0, not m))
    return head, rows, tail


# Per seed format: how rows split, where the name is, how a code is set.
NAME_RE = {
    "mediawiki": r"(\| \d{3}\n\| )([^\n]*)()",
    "community": r"^(\|\s*\d{3}<br/>\s*\|\s*)([^|<]*?)(<br/>)",
    "rfc7231": r"^(\[\d{3}\]\[\d{3}\]\s*\|\s*)(.*?)(\s*\|)",
    "linklist": r"^(\[`\d{3}: )([^`]*)(`)",
    "plaintext": r"^(\d{3} )([^(\n]*?)(\s*\(.*\))?$",
    "xml": r"(<description>)([^<]*)(</description>)",
}


def seed_style(path):
    if path.endswith(".mediawiki"):
        return "mediawiki"
    if path.endswith(".xml"):
        return "xml"
    if path.endswith(".txt"):
        return "plaintext"
    if "webconcepts" in path:
        return "linklist"
    if "rfc7231" in path:
        return "rfc7231"
    return "community"


def split_seed(style, text):
    if style == "mediawiki":
        return split_mediawiki(text)
    if style == "xml":
        return split_xml(text)
    if style == "plaintext":
        return split_plaintext(text)
    if style == "linklist":
        return split_lines(text, r"\[`(\d{3}): ")
    if style == "rfc7231":
        return split_lines(text, r"\[(\d{3})\]\[\d{3}\]", r"\[(\d{3})\]: ")
    return split_lines(text, r"\|\s*(\d{3})<br/>")


def row_name(style, row):
    m = re.search(NAME_RE[style], row.text, re.M)
    return m.group(2).strip() if m else None


def set_name(style, row, name):
    def repl(m):
        return m.group(1) + name + (m.group(3) or "")
    row.text = re.sub(NAME_RE[style], repl, row.text, count=1, flags=re.M)


def set_code(style, row, code):
    old = str(row.code)
    if style == "mediawiki":
        row.text = row.text.replace("| " + old + "\n", "| %d\n" % code, 1)
    elif style == "xml":
        row.text = row.text.replace("<value>" + old, "<value>%d" % code, 1)
    elif style == "linklist":
        row.text = row.text.replace("[`" + old + ":", "[`%d:" % code, 1) \
            .replace("](" + old + " ", "](%d " % code, 1)
    else:
        row.text = re.sub(r"\b" + old + r"\b", str(code), row.text, count=1)
    row.code = code


def rename(rng, name, code, names):
    r = rng.random()
    if r < 0.3:
        return name.lower() if rng.random() < 0.5 else name.upper()
    if r < 0.45:
        return name.replace(" ", "-") if " " in name else name + "."
    if r < 0.7 and code in OLD_NAMES:
        return rng.choice(OLD_NAMES[code])
    if r < 0.85 and len(name) > 4:
        k = rng.randrange(1, len(name) - 1)
        return name[:k] + name[k + 1:]	# a typo
    return rng.choice(names)		# another code's name


def reref(rng, text):
    for a, b in rng.sample(REREFS, len(REREFS)):
        pat = re.compile(r"(?i)(rfc[ /]?)" + a + r"\b")
        if pat.search(text):
            return pat.sub(lambda m: m.group(1) + b, text)
    return text


def mutate(rng, style, head, rows, tail, drop=0.06, ren=0.08, ref=0.08,
           add=0.03):
    names = [n for n in (row_name(style, r) for r in rows if not r.fixed) if n]
    out = []
    templates = [r for r in rows if not r.fixed]
    for r in rows:
        r = Row(r.text, r.code, r.fixed)
        if not r.fixed and rng.random() < drop:
            continue
        if not r.fixed and rng.random() < ren:
            n = row_name(style, r)
            if n:
                set_name(style, r, rename(rng, n, r.code, names))
        if rng.random() < ref:
            r.text = reref(rng, r.text)
        out.append(r)
        if style != "rfc7231" and not r.fixed and rng.random() < add:
            code, name = rng.choice(UNOFFICIAL)
            t = rng.choice(templates)
            t = Row(t.text, t.code)
            set_code(style, t, code)
            set_name(style, t, name)
            out.append(t)
    return head + "".join(r.text for r in out) + tail


def load_seeds(sources):
    seeds = []
    for path, fmt, ext in SEEDS:
        with open(os.path.join(sources, path), encoding="utf-8",
                  newline="") as f:
            text = f.read()
        style = seed_style(path)
        seeds.append((fmt, ext, style, split_seed(style, text)))
    return seeds


def write(path, text):
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(text)


def gen_lists(sources, out, n):
    seeds = load_seeds(sources)
    os.makedirs(os.path.join(out, "lists"), exist_ok=True)
    man = []
    with open(os.path.join(sources, "manifest.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            cols = line.rstrip("\n").split("\t")
            dst = os.path.join(out, "src", cols[1])
            os.makedirs(os.path.dirname(dst), exist_ok=True)
            shutil.copyfile(os.path.join(sources, cols[1]), dst)
            cols[1] = "src/" + cols[1]
            man.append("\t".join(cols))
    for i in range(1, n + 1):
        rng = random.Random(SEED * 100003 + i)
        k = rng.choices(range(len(SEEDS)), WEIGHTS)[0]
        fmt, ext, style, (head, rows, tail) = seeds[k]
        text = mutate(rng, style, head, rows, tail)
        name = "list-%05d" % i
        write(os.path.join(out, "lists", name + "." + ext), text)
        kind, rank = "community", rng.choice([0, 10, 20, 30, 40, 50])
        man.append("%s\tlists/%s.%s\t%s\t%s\t%d\tgenerated from %s" % (
            name, name, ext, fmt, kind, rank, SEEDS[k][0]))
    write(os.path.join(out, "manifest.tsv"),
          "# generated by bench/gen.py; do not edit\n" + "\n".join(man) + "\n")


def gen_big(fmt, sources, rows_wanted, path):
    """One table of rows_wanted rows, every code 100..599 in turn."""
    rng = random.Random(SEED)
    if fmt == "mediawiki":
        style, seed = "mediawiki", "iana-registry-2015.mediawiki"
    else:
        style, seed = "community", "community-list.md"
    with open(os.path.join(sources, seed), encoding="utf-8", newline="") as f:
        head, rows, tail = split_seed(style, f.read())
    tmpl = [r for r in rows if not r.fixed]
    by_code = {r.code: r for r in tmpl}
    names = [row_name(style, r) for r in tmpl]
    extra = dict(UNOFFICIAL)
    parts = []
    if style == "mediawiki":
        parts.append("{|\n! Code\n! Status\n! Description\n! Defining Reference\n")
    else:
        parts.append(head)
    for k in range(rows_wanted):
        code = 100 + k % 500
        r = by_code.get(code) or tmpl[k % len(tmpl)]
        r = Row(r.text, r.code)
        if code not in by_code:
            set_code(style, r, code)
            set_name(style, r, extra.get(code, "Status %d" % code))
        if rng.random() < 0.08:
            set_name(style, r, rename(rng, row_name(style, r) or "X", code, names))
        if rng.random() < 0.08:
            r.text = reref(rng, r.text)
        parts.append(r.text)
    if style == "mediawiki":
        parts.append("|}\n")
    write(path, "".join(parts))


def main(argv):
    if len(argv) == 4 and argv[0] == "lists":
        gen_lists(argv[1], argv[2], int(argv[3]))
    elif len(argv) == 5 and argv[0] == "big":
        gen_big(argv[1], argv[2], int(argv[3]), argv[4])
    else:
        sys.stderr.write(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
