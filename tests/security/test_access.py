"""Who may open what: the admin and curation need a login, curators have
exactly their group's permissions, and every form checks its CSRF token."""
import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery staple"


def changelists():
    for model, model_admin in admin.site._registry.items():
        meta = model._meta
        yield meta.app_label, meta.model_name, reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")


@pytest.fixture
def curator(django_user_model):
    user = django_user_model.objects.create_user("curator", "c@example.org", PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="curators"))
    return user


@pytest.fixture
def curator_client(curator):
    client = Client()
    client.force_login(curator)
    return client


def test_the_admin_and_every_changelist_need_a_login(client):
    for url in ["/admin/", *(url for _, _, url in changelists())]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.headers["Location"].startswith("/admin/login/"), url


def test_a_logged_in_visitor_who_is_not_staff_gets_no_admin(client, django_user_model):
    user = django_user_model.objects.create_user("reader", "r@example.org", PASSWORD)
    client.force_login(user)
    assert client.get("/admin/").status_code == 302
    for _, _, url in changelists():
        assert client.get(url).status_code == 302, url


def test_public_pages_need_no_login(client):
    assert client.get("/").status_code == 200


def test_the_curators_group_exists_and_holds_no_user_or_group_rights():
    group = Group.objects.get(name="curators")
    codenames = set(group.permissions.values_list("content_type__app_label", "codename"))
    assert codenames, "the curators group has no permissions at all"
    assert not {c for c in codenames if c[0] in ("auth", "contenttypes", "sessions", "admin")}


def test_a_curator_opens_exactly_what_the_group_allows(curator, curator_client):
    opened = set()
    for app_label, model_name, url in changelists():
        allowed = curator.has_perm(f"{app_label}.view_{model_name}") or curator.has_perm(
            f"{app_label}.change_{model_name}"
        )
        status = curator_client.get(url).status_code
        assert status == (200 if allowed else 403), (url, status)
        if allowed:
            opened.add(f"{app_label}.{model_name}")
    assert "claims.claim" in opened
    assert "auth.user" not in opened and "auth.group" not in opened


def test_a_curator_cannot_make_themselves_a_superuser(curator, curator_client):
    url = reverse("admin:auth_user_change", args=[curator.pk])
    assert curator_client.get(url).status_code == 403
    response = curator_client.post(url, {"username": "curator", "is_superuser": "on", "is_staff": "on"})
    assert response.status_code == 403
    curator.refresh_from_db()
    assert not curator.is_superuser


def test_a_curator_cannot_add_or_delete_articles(curator, curator_client):
    assert not curator.has_perm("articles.add_article")
    assert curator_client.get(reverse("admin:articles_article_add")).status_code == 403


def test_a_curator_can_edit_a_claim(curator_client):
    from articles.models import Event
    from claims.models import Claim

    event = Event.objects.create(slug="talks", title="Talks")
    claim = Claim.objects.create(event=event, statement="The talks lasted four hours.")
    url = reverse("admin:claims_claim_change", args=[claim.pk])
    assert curator_client.get(url).status_code == 200


def test_the_admin_login_refuses_a_post_without_csrf_token(django_user_model):
    django_user_model.objects.create_superuser("boss", "b@example.org", PASSWORD)
    client = Client(enforce_csrf_checks=True)
    response = client.post("/admin/login/", {"username": "boss", "password": PASSWORD})
    assert response.status_code == 403
    assert "_auth_user_id" not in client.session


def test_an_admin_form_refuses_a_post_without_csrf_token(django_user_model):
    from articles.models import Outlet

    boss = django_user_model.objects.create_superuser("boss", "b@example.org", PASSWORD)
    outlet = Outlet.objects.create(name="AFP", slug="afp")
    client = Client(enforce_csrf_checks=True)
    client.force_login(boss)
    url = reverse("admin:articles_outlet_change", args=[outlet.pk])
    response = client.post(url, {"name": "Hijacked", "slug": "afp", "kind": "unknown", "aliases": "[]"})
    assert response.status_code == 403
    outlet.refresh_from_db()
    assert outlet.name == "AFP"


def test_logging_out_needs_a_post_with_a_token(django_user_model):
    boss = django_user_model.objects.create_superuser("boss", "b@example.org", PASSWORD)
    client = Client(enforce_csrf_checks=True)
    client.force_login(boss)
    assert client.get("/admin/logout/").status_code == 405
    assert client.post("/admin/logout/").status_code == 403
    assert client.get("/admin/").status_code == 200
