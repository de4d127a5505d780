import hashlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"


def seed_body(name, gold):
    """A seed's body as the reader would clean it: clutter and repeats dropped."""
    meta = next(a for a in gold["articles"] if a["file"] == name)
    drop = {line.strip() for line in meta.get("noise_lines", []) + meta.get("metadata_lines", [])}
    seen, paragraphs = set(), []
    for line in (SEEDS / name).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line in drop or line in seen:
            continue
        seen.add(line)
        paragraphs.append(line)
    return "\n\n".join(paragraphs)


@pytest.fixture(scope="session")
def seed_bodies(gold):
    return {a["file"]: seed_body(a["file"], gold) for a in gold["articles"]}


@pytest.fixture
def make_article(db):
    from articles.models import Article, Event, Outlet

    def make(body, outlet="Outlet", event=None, source=None, headline="", published=None):
        if event is None or isinstance(event, str):
            slug = event or "event"
            event, _ = Event.objects.get_or_create(slug=slug, defaults={"title": slug})
        outlet_obj, _ = Outlet.objects.get_or_create(
            name=outlet, defaults={"slug": outlet.lower().replace(" ", "-")}
        )
        return Article.objects.create(
            event=event,
            outlet=outlet_obj,
            source=source or f"{outlet}.txt",
            raw_text=body,
            body=body,
            headline=headline or body[:60],
            published=published,
            content_hash=hashlib.sha256(f"{event.pk}:{outlet}:{body}".encode()).hexdigest(),
        )

    return make


@pytest.fixture(autouse=True)
def _static_root(settings, tmp_path_factory):
    # WhiteNoise warns (an error under our warning filters) when the
    # collected static directory is missing, as it is before collectstatic.
    settings.STATIC_ROOT = str(tmp_path_factory.mktemp("static"))
