"""Scraped text is data: markup in a headline, body, quote, outlet or person
name is shown literally and never runs, on every public page and in the
admin. Checked in a real browser, once with the Content-Security-Policy
stripped (so escaping alone must hold) and once with it (so the pages work
under it: no violation reports)."""
from __future__ import annotations


import pytest
from django.urls import reverse

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SCRIPT = "<script>window.__pwned=1</script>"
IMG = '<img src=x onerror="window.__pwned=1">'
PAYLOAD = f"{SCRIPT}{IMG}"
PASSWORD = "correct horse battery staple"


@pytest.fixture
def hostile(django_user_model):
    """One event whose every piece of text carries the payload."""
    from articles.models import Article, Event, Mention, Outlet, Person, PersonAlias, Quote, QuoteGroup
    from claims.models import Claim, Evidence

    event = Event.objects.create(slug="hostile", title=f"Event {PAYLOAD}")
    outlet = Outlet.objects.create(name=f"Outlet {PAYLOAD}", slug="hostile-outlet", country=PAYLOAD,
                                   aliases=[PAYLOAD])
    person = Person.objects.create(name=f"Person {PAYLOAD}", slug="hostile-person", role=PAYLOAD)
    PersonAlias.objects.create(person=person, name=f"Alias {PAYLOAD}", key="alias")
    quote_text = f"quote {PAYLOAD} end"
    body = f"Body {PAYLOAD} first.\n\nPerson {PAYLOAD} said \u201c{quote_text}\u201d.\n\nMore {IMG} text."
    articles = []
    for n in range(2):
        article = Article.objects.create(
            event=event, outlet=outlet, source=f"{PAYLOAD}.txt", url="javascript:window.__pwned=1",
            raw_text=body, body=body, headline=f"Headline {n} {PAYLOAD}", byline=[f"By {PAYLOAD}"],
            dateline=PAYLOAD[:200], content_hash=f"{n:064d}",
        )
        start = body.index(quote_text)
        group = QuoteGroup.objects.get_or_create(event=event, speaker=person, label=quote_text)[0]
        Quote.objects.create(article=article, speaker=person, text=quote_text, kind="direct", start=start,
                             end=start + len(quote_text), cue=f"said {PAYLOAD}"[:300], group=group)
        Mention.objects.create(article=article, person=person, start=body.index("Person"),
                               end=body.index("Person") + 6)
        articles.append(article)
    claim = Claim.objects.create(event=event, statement=f"Claim {PAYLOAD}", discrepancy=True,
                                 discrepancy_note=f"Note {PAYLOAD}")
    for article in articles:
        Evidence.objects.create(claim=claim, article=article, excerpt=f"Body {PAYLOAD} first.", value=PAYLOAD)
    django_user_model.objects.create_superuser("boss", "b@example.org", PASSWORD)
    public = [
        "/",
        reverse("articles:event", args=[event.slug]),
        reverse("articles:article", args=[articles[0].pk]),
        reverse("articles:person", args=[person.slug]),
        reverse("articles:outlet", args=[outlet.slug]),
        reverse("claims:claim", args=[claim.pk]),
        reverse("articles:event_quotes", args=[event.slug]),
        reverse("articles:quote_group", args=[event.slug, group.pk]),
        reverse("articles:compare", args=[event.slug]),
        reverse("articles:people"),
        reverse("claims:event_claims", args=[event.slug]),
        reverse("articles:search") + "?q=Body",
    ]
    change = [
        ("articles_event", event.pk), ("articles_outlet", outlet.pk), ("articles_article", articles[0].pk),
        ("articles_person", person.pk), ("articles_quote", Quote.objects.first().pk),
        ("articles_quotegroup", group.pk), ("articles_mention", Mention.objects.first().pk),
        ("claims_claim", claim.pk),
    ]
    admin = [reverse(f"admin:{name}_change", args=[pk]) for name, pk in change]
    admin += [reverse(f"admin:{name}_changelist") for name, _ in change]
    return {"public": public, "admin": admin, "headline": articles[0].headline}


def _strip_csp(route):
    response = route.fetch()
    headers = {k: v for k, v in response.headers.items() if k.lower() != "content-security-policy"}
    route.fulfill(response=response, headers=headers)


def _log_in(page, base):
    page.goto(base + "/admin/login/")
    page.fill("#id_username", "boss")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#user-tools")


def _assert_inert(page, url):
    assert page.evaluate("typeof window.__pwned") == "undefined", url
    # No element the payload could have made: a live <img src=x> or a script carrying it.
    assert page.locator("img[src='x']").count() == 0, url
    scripts = page.evaluate("Array.from(document.scripts).map(s => s.textContent).join(' ')")
    assert "__pwned" not in scripts, url
    assert page.locator("a[href^='javascript:' i]").count() == 0, f"{url}: a javascript: link"
    assert page.locator("[onerror], [onload], [onclick]").count() == 0, url


def test_markup_in_content_is_shown_literally_and_never_runs(live_server, hostile, browser):
    context = browser.new_context()
    page = context.new_page()
    page.route("**/*", _strip_csp)
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    base = live_server.url
    for url in hostile["public"]:
        response = page.goto(base + url)
        assert response.status == 200, url
        page.wait_for_load_state("load")
        _assert_inert(page, url)
        assert SCRIPT in page.inner_text("body"), f"{url}: the payload is not shown as text"
    page.goto(base + hostile["public"][2])
    assert hostile["headline"] in page.inner_text("body")

    _log_in(page, base)
    for url in hostile["admin"]:
        response = page.goto(base + url)
        assert response.status == 200, url
        _assert_inert(page, url)
        shown = page.inner_text("body") + " ".join(
            page.eval_on_selector_all("input, textarea", "els => els.map(e => e.value)")
        )
        assert SCRIPT in shown, f"{url}: the payload is not shown literally"
    assert not errors, errors
    context.close()


def test_pages_work_under_the_content_security_policy(live_server, hostile, browser):
    context = browser.new_context()
    page = context.new_page()
    violations = []
    page.on("console", lambda msg: violations.append(f"{page.url}: {msg.text}")
            if "Content Security Policy" in msg.text else None)
    base = live_server.url
    for url in hostile["public"]:
        assert page.goto(base + url).status == 200, url
        page.wait_for_load_state("load")
        _assert_inert(page, url)
    _log_in(page, base)
    for url in hostile["admin"]:
        assert page.goto(base + url).status == 200, url
        page.wait_for_load_state("load")
        _assert_inert(page, url)
    assert not violations, "\n".join(violations)
    context.close()
