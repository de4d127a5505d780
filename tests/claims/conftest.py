import hashlib

import pytest

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
