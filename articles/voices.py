"""Who each article lets speak, and for how many words.

For every article of an event: the people it quotes, the words each gets,
and how many quoted words come from named people, from unnamed sources
("a senior official said") and from no one the text names. Two queries per
event, whatever its size.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from articles.models import Article, Quote
from articles.text.framing import is_anonymous_source

NAMED, ANONYMOUS, UNATTRIBUTED = "named", "anonymous", "unattributed"
# Labels of the two buckets that are not a person.
ANONYMOUS_LABEL = "Unnamed sources"
UNATTRIBUTED_LABEL = "Not attributed"

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


@dataclass
class Voice:
    """One speaker in one article, or one of the two unnamed buckets."""

    label: str  # the person's name, ANONYMOUS_LABEL or UNATTRIBUTED_LABEL
    kind: str  # NAMED, ANONYMOUS or UNATTRIBUTED
    affiliation: str = ""  # curated affiliation, else the role the text gives
    person: str | None = None  # the person's slug, for links
    quotes: int = 0
    words: int = 0

    def as_dict(self) -> dict:
        return {"speaker": self.label if self.kind == NAMED else None, "kind": self.kind,
                "affiliation": self.affiliation or None, "quotes": self.quotes, "words": self.words}


@dataclass
class Voices:
    """The voices of one article, or of all an outlet's articles in an event."""

    outlet: str
    voices: list[Voice] = field(default_factory=list)

    @property
    def people_quoted(self) -> int:
        return sum(1 for v in self.voices if v.kind == NAMED)

    def words(self, kind: str) -> int:
        return sum(v.words for v in self.voices if v.kind == kind)

    @property
    def total_words(self) -> int:
        return sum(v.words for v in self.voices)

    def by_affiliation(self) -> list[tuple[str, int]]:
        """Quoted words per affiliation (named people without one under their
        own name), most first."""
        totals: dict[str, int] = defaultdict(int)
        for v in self.voices:
            totals[v.affiliation or v.label] += v.words
        return sorted(totals.items(), key=lambda item: (-item[1], item[0]))

    def as_dict(self) -> dict:
        return {
            "people_quoted": self.people_quoted,
            "named_words": self.words(NAMED),
            "anonymous_words": self.words(ANONYMOUS),
            "unattributed_words": self.words(UNATTRIBUTED),
            "speakers": [v.as_dict() for v in self.voices],
        }


def _voice_key(quote: Quote) -> tuple[str, object]:
    if quote.speaker_id:
        return NAMED, quote.speaker_id
    if quote.cue and is_anonymous_source(quote.cue):
        return ANONYMOUS, None
    return UNATTRIBUTED, None


def _add(voices: dict, quote: Quote) -> None:
    kind, person_id = _voice_key(quote)
    voice = voices.get((kind, person_id))
    if voice is None:
        if kind == NAMED:
            person = quote.speaker
            voice = Voice(person.name, NAMED, person.affiliation or person.role, person.slug)
        else:
            voice = Voice(ANONYMOUS_LABEL if kind == ANONYMOUS else UNATTRIBUTED_LABEL, kind)
        voices[(kind, person_id)] = voice
    voice.quotes += 1
    voice.words += word_count(quote.text)


def _ordered(voices: dict) -> list[Voice]:
    return sorted(voices.values(), key=lambda v: (v.kind != NAMED, -v.words, v.label))


def article_voices(event) -> dict[int, Voices]:
    """Voices of each of the event's articles, by article id."""
    articles = list(Article.objects.filter(event=event).select_related("outlet").only("id", "outlet__name"))
    quotes = (
        Quote.objects.filter(article__event=event)
        .select_related("speaker")
        .only("article_id", "text", "cue", "speaker__name", "speaker__slug",
              "speaker__role", "speaker__affiliation")
        .order_by("article_id", "start")
    )
    per_article: dict[int, dict] = {a.id: {} for a in articles}
    for quote in quotes:
        _add(per_article[quote.article_id], quote)
    return {a.id: Voices(a.outlet.name, _ordered(per_article[a.id])) for a in articles}


def outlet_voices(event) -> list[Voices]:
    """Voices per outlet, over all its articles in the event, by outlet name."""
    merged: dict[str, dict] = defaultdict(dict)
    for voices in article_voices(event).values():
        bucket = merged[voices.outlet]
        for v in voices.voices:
            key = (v.kind, v.person or None)
            if key in bucket:
                bucket[key].quotes += v.quotes
                bucket[key].words += v.words
            else:
                bucket[key] = Voice(v.label, v.kind, v.affiliation, v.person, v.quotes, v.words)
    return [Voices(outlet, _ordered(merged[outlet])) for outlet in sorted(merged)]
