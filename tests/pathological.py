#!/usr/bin/env python3
"""pathological.py DIR [SCALE] - writes cmark's pathological inputs as
status lists, repeats multiplied by SCALE (default 1).

The inputs are cmark-gfm's own (test/pathological_tests.py: nested
emphasis, unmatched openers and closers, nested brackets, block quotes and
lists, backticks, unclosed links, many tables, U+0000) and two of ours
(KumaScript macros left open; a table's header far wider than its rows),
each put where the Markdown importers walk: inside a GFM table's
description cell, inside a link-list entry and inside an MDN term and
definition (inline cases), or before the table or list (block cases).  One file per case and format:
DIR/FORMAT/CASE.md.  tests/t17-markdown.sh imports each within a time
bound; tests/fuzz/run.sh seeds the fuzzers with them.

At SCALE 1 the sizes are cmark's, except "bang brackets": cmark-gfm 0.29.0.gfm.6 (Debian's)
is itself quadratic on "![[]()" repeated, so 160,000 repeats (cmark-gfm's
newer tests) take minutes in the library alone; 16,000 are used here.
"""
import os
import sys

K = float(sys.argv[2]) if __name__ == "__main__" and len(sys.argv) > 2 else 1.0


def n(count):
    """count scaled, at least 1"""
    return max(1, int(count * K))


INLINE = {
    "nested-strong-emph": ("*a **a " * n(50000)) + "b" + (" a** a*" * n(50000)),
    "emph-closers-no-openers": "a_ " * n(65000),
    "emph-openers-no-closers": "_a " * n(65000),
    "link-closers-no-openers": "a]" * n(65000),
    "link-openers-no-closers": "[a" * n(65000),
    "mismatched-openers-closers": "*a_ " * n(50000),
    "openers-closers-multiple-of-3": "a**b" + ("c* " * n(50000)),
    "link-openers-emph-closers": "[ a_" * n(50000),
    "pattern-bracket-paren": "[ (](" * n(80000),
    "pattern-bang-brackets": "![[]()" * n(16000),
    "hard-link-emph": "**x [a*b**c*](d)",
    "nested-brackets": ("[" * n(50000)) + "a" + ("]" * n(50000)),
    "nested-links": ("[" * n(50000)) + "a" + ("](b)" * n(50000)),
    "backticks": "".join("e" + "`" * i for i in range(1, n(2000))),
    "unclosed-links-a": "[a](<b" * n(30000),
    "unclosed-links-b": "[a](b" * n(30000),
    "unclosed-html-comment": "</" + "<!--" * n(100000),
    "escaped-pipes-in-links": "[a\\|b](c) " * n(2000),
    "many-entities": "&amp;&#34;&nbsp;" * n(30000),
    "nul-in-input": "abc\u0000de\u0000",  # refused by statusdb's input
    # not cmark's: KumaScript macros left open, for the mdn importer
    "unclosed-macros": "{{HTTPHeader(\"" * n(50000),
}

BLOCK = {
    "nested-block-quotes": ("> " * n(50000)) + "a\n",
    "deeply-nested-lists": "".join("  " * i + "* a\n" for i in range(n(1000))),
    "many-references": "".join("[%d]: u\n" % i for i in range(1, n(80000))) +
                       "[0] " * n(5000) + "\n",
    "tables-cr-vt": "aaa\rbbb\n-\v\n" * n(30000),
    "many-columns": "| " + " | ".join("h%d" % i for i in range(n(5000))) +
                    " |\n|" + "-|" * n(5000) + "\n|" + " x |" * n(5000) + "\n",
    "many-empty-rows": "| Code | Name |\n|---|---|\n" + "| | |\n" * n(50000),
    "unclosed-fences": "```\n" * n(50000),
    # not in cmark-gfm 0.29.0.gfm.6's tests: a table's rows are filled
    # out to its header's width (gfm.13 caps that), so this asks for
    # 18 million cells; statusdb refuses it at a line (importers/md.h)
    "wide-header-short-rows": "|" + "h|" * n(900) + "\n|" + "-|" * n(900) +
                              "\n" + "a\n" * n(20000),
}

TABLE = "Code | Name | Description\n---|---|---\n100 | Continue | %s\n"
LINKS = ("* [`100: Continue`](100 \"Go on.\") [RFC 7231](r) %s\n"
         "* [`101 Switching Protocols`](101)\n")
MDN = ("## Informational responses\n\n"
       "- {{HTTPStatus(100, \"100 Continue\")}} {{deprecated_inline}}\n"
       "  - : %s\n"
       "- {{HTTPStatus(101, \"101 Switching Protocols\")}}\n  - : Go on.\n"
       "- `103 Early Hints`\n  - : Hints.\n")


def files():
    for name, x in INLINE.items():
        yield "gfm-table", name, TABLE % x
        yield "linklist", name, LINKS % x
        yield "mdn", name, MDN % x
    for name, x in BLOCK.items():
        yield "gfm-table", name, x + "\n\n" + TABLE % "Fine."
        yield "linklist", name, x + "\n\n" + LINKS % ""
        yield "mdn", name, x + "\n\n" + MDN % "Fine."


def main():
    out = sys.argv[1]
    for fmt, name, text in files():
        os.makedirs(os.path.join(out, fmt), exist_ok=True)
        with open(os.path.join(out, fmt, name + ".md"), "w",
                  encoding="utf-8", newline="") as f:
            f.write(text)


if __name__ == "__main__":
    main()
