"""Guessing passwords at the admin login is slowed to a crawl: after
LOGIN_RATE_LIMIT failures for one address and user name within the window
the login answers 429, whatever the password."""
import time

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery staple"


@pytest.fixture
def boss(django_user_model):
    return django_user_model.objects.create_superuser("boss", "b@example.org", PASSWORD)


def attempt(client, username="boss", password="wrong", **extra):
    return client.post("/admin/login/", {"username": username, "password": password}, **extra)


def test_five_failures_then_429_with_a_clear_message(client, boss):
    for _ in range(5):
        assert attempt(client).status_code == 200
    response = attempt(client)
    assert response.status_code == 429
    assert "Too many failed login attempts" in response.content.decode()
    assert int(response.headers["Retry-After"]) == 15 * 60


def test_once_locked_even_the_right_password_is_refused(client, boss):
    for _ in range(5):
        attempt(client)
    assert attempt(client, password=PASSWORD).status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_lock_is_per_user_name_and_per_address(boss, django_user_model):
    django_user_model.objects.create_superuser("other", "o@example.org", PASSWORD)
    attacker = Client(REMOTE_ADDR="198.51.100.7")
    for _ in range(5):
        attempt(attacker)
    assert attempt(attacker).status_code == 429
    # The same user name from elsewhere, and another name from here, still work.
    assert attempt(Client(REMOTE_ADDR="198.51.100.8"), password=PASSWORD).status_code == 302
    assert attempt(attacker, username="other", password=PASSWORD).status_code == 302


def test_user_names_differing_in_case_or_spaces_share_a_count(client, boss):
    for name in ["boss", "BOSS", " Boss", "boss ", "bOsS"]:
        attempt(client, username=name)
    assert attempt(client).status_code == 429


def test_a_success_clears_the_count(client, boss):
    for _ in range(4):
        attempt(client)
    assert attempt(client, password=PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        assert attempt(client).status_code == 200


def test_the_lock_lifts_after_the_window(client, boss, settings):
    settings.LOGIN_RATE_WINDOW = 1
    for _ in range(5):
        attempt(client)
    assert attempt(client).status_code == 429
    time.sleep(1.2)
    assert attempt(client, password=PASSWORD).status_code == 302


def test_a_forged_forwarded_for_does_not_escape_the_lock(boss, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    client = Client(REMOTE_ADDR="198.51.100.7")
    for n in range(5):
        attempt(client, HTTP_X_FORWARDED_FOR=f"10.0.0.{n}")
    assert attempt(client, HTTP_X_FORWARDED_FOR="10.0.0.99").status_code == 429


def test_behind_a_proxy_the_address_the_proxy_saw_counts(boss, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = Client(REMOTE_ADDR="127.0.0.1")
    for n in range(5):
        # The client may prepend anything; the proxy appends the real address.
        attempt(proxy, HTTP_X_FORWARDED_FOR=f"10.0.0.{n}, 203.0.113.5")
    assert attempt(proxy, HTTP_X_FORWARDED_FOR="10.9.9.9, 203.0.113.5").status_code == 429
    assert attempt(proxy, HTTP_X_FORWARDED_FOR="203.0.113.6", password=PASSWORD).status_code == 302


def test_hostile_user_names_do_not_break_the_counter(client, boss):
    for name in ["", " ", "\x00", "a" * 5000, "é\u202e\ud7ff", "boss\r\nSet-Cookie: x=1", "名前" * 100]:
        assert attempt(client, username=name).status_code == 200


def test_a_post_without_csrf_token_does_not_count(boss):
    client = Client(enforce_csrf_checks=True)
    for _ in range(10):
        assert attempt(client).status_code == 403
    assert attempt(Client(), password=PASSWORD).status_code == 302


def test_get_requests_to_the_login_page_are_never_throttled(client, boss):
    for _ in range(6):
        attempt(client)
    assert client.get("/admin/login/").status_code == 200


@pytest.mark.parametrize("spelling", ["ｂｏｓｓ", "𝐛𝐨𝐬𝐬", "𝖻𝗈𝗌𝗌", "ｂoss", "BOSS", " boss "])
def test_compatibility_spellings_of_a_name_share_its_count(client, boss, spelling):
    """Django's login form applies NFKC: these all log in as "boss", so they
    all count against "boss"."""
    for _ in range(5):
        assert attempt(client).status_code == 200
    assert attempt(client, username=spelling).status_code == 429


def test_one_address_trying_many_names_is_throttled_too(client, settings):
    settings.LOGIN_RATE_LIMIT_PER_ADDRESS = 8
    for n in range(8):
        assert attempt(client, username=f"user{n}").status_code == 200
    assert attempt(client, username="someone-else").status_code == 429
