"""Helpers for the robustness tests: a generated corpus of hostile inputs
and a way to run ``manage.py`` in a child process against its own database.

The corpus is made afresh in a temporary folder on every run and never
committed: it is what a careless scraper, a broken disk or a malicious page
hands to ``ingest``.
"""
from __future__ import annotations

import codecs
import json
import os
import random
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
MB = 1024 * 1024

# One line per failed input, as the ingest contract says.
ERROR_LINE = re.compile(r"^error: (?P<path>.+?): (?P<reason>\S.*)$")
SUMMARY = re.compile(r"^(?:dry run: )?imported (\d+), skipped (\d+), failed (\d+)$")


def child_env(database_url: str, **extra) -> dict:
    """The environment for a child ``manage.py``: our settings, its own database."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    env.update(
        DJANGO_SETTINGS_MODULE="coverage_site.settings",
        DATABASE_URL=database_url,
        DJANGO_DEBUG="true",
        PYTHONUNBUFFERED="1",
        PYTHONWARNINGS="ignore",
    )
    env.pop("INGEST_MAX_BYTES", None)
    env.update({k: str(v) for k, v in extra.items()})
    return env


def manage(*args, env: dict, timeout: float = 600) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *map(str, args)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout,
    )


# Run the command from a small parent process so that RUSAGE_CHILDREN there
# covers exactly that one command, not every child this test session made.
_MEASURE = """
import json, resource, subprocess, sys
done = subprocess.run(sys.argv[1:], capture_output=True, text=True, errors="replace")
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
print(json.dumps({"status": done.returncode, "out": done.stdout, "err": done.stderr, "peak": peak}))
"""


@dataclass
class Run:
    status: int
    out: str
    err: str
    peak_rss: int  # bytes, the child's peak resident set

    @property
    def summary(self) -> tuple[int, int, int]:
        lines = self.out.strip().splitlines()
        match = SUMMARY.match(lines[-1]) if lines else None
        assert match, f"no summary line at the end of stdout:\n{self.out[-2000:]}\n{self.err[-2000:]}"
        return tuple(int(n) for n in match.groups())


def measured_manage(*args, env: dict, timeout: float = 900) -> Run:
    """Run ``manage.py ARGS`` and measure its peak RSS with getrusage(RUSAGE_CHILDREN)."""
    done = subprocess.run(
        [sys.executable, "-c", _MEASURE, sys.executable, str(ROOT / "manage.py"), *map(str, args)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout,
    )
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    return Run(data["status"], data["out"], data["err"], data["peak"])


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory):
    """A migrated SQLite database file; tests copy it rather than migrate again."""
    path = tmp_path_factory.mktemp("db") / "template.sqlite3"
    done = manage("migrate", "--noinput", env=child_env(f"sqlite:///{path}"))
    assert done.returncode == 0, done.stderr
    return path


@pytest.fixture
def child_db(sqlite_template, tmp_path):
    """(DATABASE_URL, path) of a fresh migrated SQLite database for one test."""
    path = tmp_path / "child.sqlite3"
    path.write_bytes(sqlite_template.read_bytes())
    return f"sqlite:///{path}", path


# --- the hostile corpus ---------------------------------------------------------

SCRIPT = "<script>window.__pwned=1</script>"
IMG = '<img src=x onerror="window.__pwned=1">'
CLUTTER = [
    "Advertisement", "Share this article", "Share on Facebook", "Tweet", "Email",
    "Subscribe to our newsletter", "Sign up", "Read more", "Related stories",
    "We use cookies to improve your experience. Accept all cookies",
    "Skip to main content", "Menu", "Home | World | Business | Sport",
    "© 2007 All rights reserved", "Most popular", "Comments (0)", "Print",
    "Click here to subscribe", "Follow us on Twitter", "Loading...",
]
RTL = [
    "قال السفير الأمريكي رايان كروكر إن المحادثات كانت \"صريحة\" ومفيدة.",
    "הנשיא אמר כי \"השיחות היו מועילות\" ביום שני בבגדד.",
    "\u202eThe ambassador said \u201cthis is dangerous for Iraq\u201d.\u202c",
    "\u200fBAGHDAD\u200f (AFP) \u2014 \u061c\u0627\u0644\u0645\u062d\u0627\u062f\u062b\u0627\u062a",
]


def _seed_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]


def build_corpus(folder: Path, *, seed: int = 20070528) -> dict[str, int]:
    """Write the hostile corpus into ``folder``; return {file name: expected
    minimum of reported units} (a JSON Lines file reports each line)."""
    rng = random.Random(seed)
    seeds = _seed_texts()
    units: dict[str, int] = {}

    def put(name: str, data: bytes | str, units_for: int = 1):
        path = folder / name
        assert not path.exists(), name
        if isinstance(data, str):
            data = data.encode("utf-8", "surrogatepass")
        path.write_bytes(data)
        units[name] = units_for

    def article(i: int) -> str:
        # A real article, made unique so idempotency does not hide it.
        return seeds[i % len(seeds)] + f"\n\nCorrection {i}: an earlier version misspelt a name.\n"

    # Empty and whitespace only.
    for ext in ("txt", "html", "htm", "jsonl", "ndjson", "md", ""):
        put(f"empty{'.' + ext if ext else '-noext'}", b"")
    for i, ws in enumerate([" ", "\n", "\r\n" * 50, "\t \t\n", " " * 10_000, "\u00a0\u2003\u3000\n",
                            "\ufeff", "\ufeff\n\n", "\u200b\u200b\u200b", "\x0b\x0c\n"]):
        for ext in ("txt", "html", "jsonl"):
            put(f"whitespace-{i}.{ext}", ws)
    put("bom-utf16-only.txt", codecs.BOM_UTF16_LE)
    put("bom-utf32-only.txt", codecs.BOM_UTF32_LE)

    # Binary: random bytes, and files with the signatures of real formats.
    for i in range(12):
        put(f"binary-random-{i}.txt", rng.randbytes(rng.choice([1, 7, 512, 4096, 65536])))
    for i, magic in enumerate([b"%PDF-1.4\n", b"\x89PNG\r\n\x1a\n", b"GIF89a", b"\xff\xd8\xff\xe0",
                               b"PK\x03\x04", b"\x1f\x8b\x08", b"BZh9", b"\x7fELF\x02\x01"]):
        put(f"binary-magic-{i}.html", magic + rng.randbytes(2048))
        put(f"binary-magic-{i}.jsonl", magic + rng.randbytes(300))
    put("binary-all-bytes.txt", bytes(range(256)) * 64)

    # NUL bytes inside otherwise good text.
    for i in range(8):
        text = article(100 + i).encode()
        cut = rng.randrange(len(text))
        put(f"nul-{i}.txt", text[:cut] + b"\x00" * rng.choice([1, 3, 100]) + text[cut:])
    put("nul-only.txt", b"\x00" * 1000)
    put("nul-jsonl.jsonl", json.dumps({"text": "Before\u0000after " * 20}) + "\n", 1)

    # Invalid UTF-8: stray continuation bytes, truncated sequences, overlongs, surrogates.
    bad_bits = [b"\x80", b"\xbf", b"\xc3", b"\xe2\x80", b"\xf0\x9f\x98", b"\xc0\xaf", b"\xed\xa0\x80",
                b"\xf8\x88\x80\x80\x80", b"\xff\xfe", b"\xfe\xff"]
    for i in range(16):
        text = article(200 + i).encode()
        pieces = bytearray()
        for line in text.split(b"\n"):
            pieces += line
            if rng.random() < 0.5:
                pieces += rng.choice(bad_bits)
            pieces += b"\n"
        put(f"invalid-utf8-{i}.txt", bytes(pieces))
    put("invalid-utf8-dense.txt", b"".join(rng.choice(bad_bits) + b"ab" for _ in range(5000)))
    put("invalid-utf8-lone-surrogates.txt", ("Caf\udce9 talks " * 200).encode("utf-8", "surrogateescape"))

    # Mixed encodings within one file, UTF-16 with and without a mark, mojibake.
    for i in range(8):
        a, b = article(300 + i).split("\n\n", 1)
        data = a.encode("utf-8") + b"\n\n" + b.encode("cp1252", "replace") + "\n\nZ\u00fcrich \u2019".encode("latin-1", "replace")
        put(f"mixed-encoding-{i}.txt", data)
    put("utf16-bom.txt", codecs.BOM_UTF16_LE + article(310).encode("utf-16-le"))
    put("utf16-be-bom.txt", codecs.BOM_UTF16_BE + article(311).encode("utf-16-be"))
    put("utf16-nobom.txt", article(312).encode("utf-16-le"))
    put("utf16-odd-length.txt", codecs.BOM_UTF16_LE + article(313).encode("utf-16-le") + b"\x00")
    put("utf32-bom.txt", codecs.BOM_UTF32_LE + article(314).encode("utf-32-le"))
    put("mojibake.txt", article(315).encode("utf-8").decode("cp1252", "replace").encode("utf-8"))
    put("cp1252.txt", article(316).encode("cp1252", "replace"))
    put("latin1-html.html", f"<html><head><meta charset=iso-8859-1><title>Caf\u00e9</title></head>"
                            f"<body><p>{article(317)}</p></body></html>".encode("latin-1", "replace"))

    # Very large: 50 MB (over INGEST_MAX_BYTES) and 100,000 lines (under it).
    line = b"The talks lasted four hours and both sides said they would meet again.\n"
    with open(folder / "huge-50mb.txt", "wb") as out:
        for _ in range(50 * MB // len(line) + 1):
            out.write(line)
    units["huge-50mb.txt"] = 1
    put("lines-100000.txt", "".join(f"Line {n}: talks {n % 97}.\n" for n in range(100_000)))
    put("one-long-line.txt", ("word " * 400_000).strip())
    put("many-paragraphs.txt", "\n\n".join(f"Paragraph {n} said \"{n}\"." for n in range(20_000)))

    # Only clutter, no article.
    for i in range(10):
        lines = rng.sample(CLUTTER, k=rng.randint(3, len(CLUTTER)))
        put(f"clutter-only-{i}.txt", "\n".join(lines * rng.randint(1, 4)))
    put("clutter-only.html", "<html><body><nav>" + "".join(f"<a href=/>{c}</a>" for c in CLUTTER)
        + "</nav><footer>\u00a9 2007</footer></body></html>")

    # Quotation marks: ten thousand of them, and unbalanced ones.
    put("quotes-10000-straight.txt", "Headline\n\n" + '"' * 10_000)
    put("quotes-10000-curly.txt", "Headline\n\nHe said " + "\u201c" * 10_000 + " loudly.")
    put("quotes-10000-mixed.txt", "Headline\n\n" + "".join(rng.choice('"\u201c\u201d\u2018\u2019\u00ab\u00bb\'') for _ in range(10_000)))
    put("quotes-10000-words.txt", "Headline\n\n" + " ".join(f'"w{n}"' if n % 2 else f'\u201cw{n}' for n in range(10_000)))
    for i in range(10):
        text = article(400 + i)
        marks = [m.start() for m in re.finditer("[\u201c\u201d\"]", text)]
        for pos in sorted(rng.sample(marks, k=min(len(marks), rng.randint(1, 3))), reverse=True):
            text = text[:pos] + text[pos + 1:]
        put(f"unbalanced-quotes-{i}.txt", text + '\n\nShe said "this never ends.\n')
    put("unbalanced-opening.txt", "Talks end\n\n" + "\u201cHe said \u201cno \u201cwe \u201cwill\n" * 50)

    # Right-to-left text, bidi controls, combining marks, emoji.
    for i, para in enumerate(RTL):
        put(f"rtl-{i}.txt", article(500 + i) + "\n\n" + para * 5)
        put(f"rtl-only-{i}.txt", "\n\n".join([para] * 20))
    put("combining.txt", "Ta\u0301lks\n\n" + ("Z\u0351\u0352\u0353\u0354\u0355a\u0356\u0357lgo " * 2000))
    put("emoji.txt", article(510) + "\n\n" + "\U0001f600\U0001f1fa\U0001f1f8\u200d" * 500)
    put("control-chars.txt", article(511).replace(" ", "\x01 ", 50))

    # HTML with scripts, event handlers and other hostile markup.
    for i in range(12):
        body = article(600 + i).replace("\n\n", "</p><p>")
        put(f"script-{i}.html",
            f"<!doctype html><html><head><title>{SCRIPT} Talks {i}</title>"
            f"<script>window.__pwned=1;document.write('x')</script>"
            f"<meta property=og:site_name content='{IMG}'></head>"
            f"<body onload=\"window.__pwned=1\"><h1>{SCRIPT}{IMG} Talks {i}</h1>"
            f"<p>{body}</p><p>{IMG}</p><iframe src=javascript:alert(1)></iframe>"
            f"<svg><script>window.__pwned=1</script></svg><a href=\"javascript:alert(1)\">x</a>"
            f"</body></html>")
    put("script-only.html", f"<html><body>{SCRIPT * 200}</body></html>")
    put("html-unclosed.html", "<html><body><div><p><b><i>" * 2000 + article(620))
    put("html-deep-nesting.html", "<div>" * 5000 + article(621) + "</div>" * 5000)
    put("html-comment-bomb.html", "<!--" * 10_000 + article(622))
    put("html-entities.html", "<p>" + "&amp;" * 5000 + "&#0;&#xD800;&#x110000;&#99999999999;" + article(623) + "</p>")
    put("html-cdata.xhtml", f"<?xml version='1.0'?><!DOCTYPE x [<!ENTITY a '{'x' * 1000}'>]><html><body><![CDATA[{article(624)}]]>&a;&a;</body></html>")
    put("html-as-txt.txt", f"<html><body><h1>{SCRIPT}</h1><p>{article(625)}</p></body></html>")
    put("html-in-text-article.txt", f"{SCRIPT} headline {IMG}\n\n" + article(626).replace("\n\n", f"\n\n{IMG} ", 3))

    # JSON Lines: broken lines, wrong types, huge and hostile values.
    good = json.dumps({"text": article(700), "title": "Talks", "outlet": "AFP"})
    cases = [
        [good, "{not json", "", "   ", "[1, 2, 3]", "null", "42", '"just a string"'],
        [json.dumps({"text": 42}), json.dumps({"text": None}), json.dumps({"text": ["a"]}), json.dumps({"text": {"a": 1}})],
        [json.dumps({"text": article(701), "title": 7}), json.dumps({"text": article(702), "byline": [1, 2]}),
         json.dumps({"text": article(703), "published": {"y": 2007}}), json.dumps({"text": article(704), "url": ["x"]})],
        [json.dumps({"text": article(705), "published": "not a date"}), json.dumps({"text": article(706), "published": "2007-02-30"}),
         json.dumps({"text": article(707), "url": "javascript:alert(1)"}), json.dumps({"text": article(708), "url": "x" * 5000})],
        [json.dumps({"text": article(709), "title": SCRIPT + IMG, "outlet": SCRIPT, "byline": [IMG]})],
        [json.dumps({"text": ""}), json.dumps({"text": "   "}), json.dumps({"title": "no text"}), json.dumps({})],
        ['{"text": "unterminated', '{"text": "a\\ud800b talks"}', '{"text": "dup", "text": "' + article(710).replace("\n", "\\n").replace('"', '\\"') + '"}'],
        [json.dumps({"text": article(715) + "\ud800 end", "title": "Talks \udc00", "outlet": "A\udfff"})],
        [json.dumps({"text": "x" * 10 + "\"" * 5000}), json.dumps({"text": article(711), "byline": "A" * 10_000}),
         json.dumps({"text": article(712), "outlet": "\u202eAFP\u202c"}), json.dumps({"text": article(713), "extra": [[[[[[]]]]]]})],
        ["[" * 100_000],
        ["\ufeff" + good.replace(str(700), "714")],
    ]
    for i, lines in enumerate(cases):
        put(f"lines-{i}.jsonl", "\n".join(lines) + "\n", units_for=sum(1 for l in lines if l.strip()))
    put("jsonl-crlf.ndjson", "\r\n".join(json.dumps({"text": article(720 + n)}) for n in range(3)), units_for=3)
    put("jsonl-binary.jsonl", rng.randbytes(4096))
    put("jsonl-invalid-utf8.jsonl", good.encode()[:-20] + b"\xff\xfe\xc3" + good.encode()[-20:] + b"\n", units_for=1)

    # Real articles among the junk: the run must still import them.
    for i in range(20):
        put(f"good-{i:02d}.txt", article(800 + i))
    for i in range(5):
        put(f"good-crlf-{i}.txt", article(850 + i).replace("\n", "\r\n"))
    for i in range(5):
        put(f"good-{i}.html", f"<html><head><title>Talks {i}</title></head><body><article><p>"
            + article(860 + i).replace("\n\n", "</p><p>") + "</p></article></body></html>")
    # A duplicate of a good file: skipped, not imported twice.
    put("good-00-copy.txt", article(800))

    # Odd names: spaces, unicode, shell characters, a leading dash.
    for i, name in enumerate(["with space.txt", "ünïcödé-名前.txt", "semi;colon$(x).txt", "-dash.txt",
                              "quote'\"name.txt", "newline-free\tname.txt"]):
        put(name, article(900 + i))
    # Hidden files and folders are skipped, and so not counted.
    (folder / ".hidden.txt").write_text(article(950))
    (folder / ".git").mkdir()
    (folder / ".git" / "x.txt").write_text(article(951))
    return units


needs_postgres = pytest.mark.skipif(
    "postgresql" not in __import__("django.conf").conf.settings.DATABASES["default"]["ENGINE"],
    reason="needs DATABASE_URL to name a PostgreSQL database (CI runs the suite on both)",
)


@pytest.fixture
def postgres_database():
    """make(name) -> (url, psycopg2 params): a fresh, migrated PostgreSQL
    database beside the suite's (its name suffixed with this process's id),
    dropped after the test."""
    import psycopg2
    from django.conf import settings
    from urllib.parse import urlsplit, urlunsplit

    db = settings.DATABASES["default"]
    params = dict(host=db["HOST"] or None, port=db["PORT"] or None, user=db["USER"] or None,
                  password=db["PASSWORD"] or None, dbname="postgres")
    made = []

    def admin(sql):
        con = psycopg2.connect(**params)
        con.autocommit = True
        try:
            with con.cursor() as cur:
                cur.execute(sql)
        finally:
            con.close()

    def make(name):
        # Suites running side by side on one server must not share one.
        name = f"{name}_{os.getpid()}"
        admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin(f"CREATE DATABASE {name}")
        made.append(name)
        url = urlunsplit(urlsplit(os.environ.get("DATABASE_URL", ""))._replace(path=f"/{name}"))
        done = manage("migrate", "--noinput", env=child_env(url))
        assert done.returncode == 0, done.stderr
        return url, dict(params, dbname=name)

    yield make
    for name in made:
        admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
