"""Inputs that are not ordinary article files: each is one `error:` line
(or a clean import) within seconds, and the rest of the folder imports."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError

from articles import pipeline, sources
from articles.sources import Failure, read_sources, walk
from articles.text import limits
from articles.text.errors import InputError
from tests.conftest import ROOT_DIR, SEEDS, run_ingest

pytestmark = pytest.mark.django_db
ARTICLE = (SEEDS / sorted(os.listdir(SEEDS))[0]).read_text(encoding="utf-8")


def errors(err: str) -> dict[str, str]:
    found = {}
    for line in err.splitlines():
        assert line.startswith("error: "), line
        path, reason = line[len("error: "):].rsplit(": ", 1)
        found[Path(path).name] = reason
    return found


@pytest.fixture
def folder(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(ARTICLE, encoding="utf-8")
    return folder


def test_a_named_pipe_is_refused_not_waited_on(folder, nlp):
    os.mkfifo(folder / "pipe.txt")
    status, out, err = run_ingest(folder)
    assert (status, errors(err)) == (1, {"pipe.txt": "not a regular file"})
    assert "imported 1, skipped 0, failed 1" in out


@pytest.mark.parametrize("device", ["/dev/urandom", "/dev/zero"])
def test_a_link_to_a_device_is_refused(folder, nlp, device):
    (folder / "dev.txt").symlink_to(device)
    status, out, err = run_ingest(folder, "--follow-links")
    assert (status, errors(err)) == (1, {"dev.txt": "not a regular file"})


def test_a_link_out_of_the_folder_is_refused_unless_asked(folder, tmp_path, nlp):
    outside = tmp_path / "elsewhere.txt"
    outside.write_text(ARTICLE.replace("Baghdad", "Basra"), encoding="utf-8")
    (folder / "link.txt").symlink_to(outside)
    (folder / "inside.txt").symlink_to(folder / "good.txt")  # stays inside: read (and skipped as a repeat)
    status, out, err = run_ingest(folder)
    assert errors(err) == {"link.txt": "link leads outside the folder being imported (use --follow-links)"}
    assert "skipped inside.txt (already imported)" in out
    status, out, err = run_ingest(folder, "--follow-links")
    assert (status, err) == (0, "") and "imported link.txt" in out


def test_an_unreadable_folder_is_reported(folder, monkeypatch):
    (folder / "locked").mkdir()
    real_scandir = os.scandir

    def scandir(path):
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    found = list(walk([str(folder)]))
    assert Failure(str(folder / "locked"), "folder cannot be read (Permission denied)") in found
    assert folder / "good.txt" in found


def test_a_name_that_is_not_utf8_is_reported_and_printed_escaped(folder, tmp_path):
    fd = os.open(os.fsencode(folder) + b"/caf\xe9.txt", os.O_WRONLY | os.O_CREAT)
    os.write(fd, ARTICLE.encode())
    os.close(fd)
    env = {**os.environ, "PYTHONIOENCODING": "utf-8:strict", "DATABASE_URL": f"sqlite:///{tmp_path}/db.sqlite3"}
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT_DIR, env=env, check=True)
    done = subprocess.run([sys.executable, "manage.py", "ingest", str(folder), "--dry-run"],
                          cwd=ROOT_DIR, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert done.stderr.strip().endswith("caf\\xe9.txt: file name is not valid UTF-8; rename the file")


def test_a_file_too_large_is_caught_on_the_open_file(tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 2000)
    with pytest.raises(InputError, match="file too large"):
        sources.read_capped(big, 1000)


def test_json_lines_keep_line_separators_inside_strings(tmp_path):
    record = {"text": ARTICLE.replace("\n\n", "\u2028", 1).replace("\n\n", "\u0085", 1), "title": "T"}
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    [source] = read_sources([str(path)], max_bytes=10**7)
    assert not isinstance(source, Failure) and source.hints["title"] == "T"


def test_an_outlet_longer_than_the_registry_holds_is_a_bad_line(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"text": ARTICLE, "outlet": "O" * 201}) + "\n", encoding="utf-8")
    [failure] = read_sources([str(path)], max_bytes=10**7)
    assert failure.reason == '"outlet" is longer than 200 characters'


def test_an_over_long_event_title_is_a_usage_error(folder):
    with pytest.raises(CommandError, match="--event-title is longer than 300 characters") as raised:
        run_ingest(folder, "--event", "x", "--event-title", "T" * 301)
    assert raised.value.returncode == 2


def test_a_five_character_file_is_too_short_to_be_an_article(folder, nlp):
    (folder / "tiny.txt").write_text("Hello", encoding="utf-8")
    status, out, err = run_ingest(folder)
    assert errors(err) == {"tiny.txt": "too short to be an article (5 characters of text)"}


@pytest.mark.parametrize("shape", ['"', "“", "«", "&", "!?", "'"])
def test_runs_of_punctuation_reach_the_parser_blanked_past_32_characters(nlp, shape):
    """spaCy's tokenizer works quadratically on a long run with no space:
    the parser's text holds no run over 32 characters, is as long as the
    body (offsets hold), and its token count does not grow with the run."""
    tokens = []
    for n in (5_000, 20_000):
        text = "Officials met. " + shape * n + " They left."
        parsed = limits.for_parser(text)
        assert len(parsed) == len(text)
        assert max(len(run) for run in parsed.split()) <= 32
        tokens.append(len(nlp.make_doc(parsed)))
    assert tokens[1] == tokens[0]


@pytest.mark.parametrize("text", [
    ("The minister said the talks would go on. " * 100 + "\n\n") * 3,
    "& " * 3_000,
    "x" * 13_000,
])
def test_a_long_text_is_parsed_in_pieces_that_join_back_exactly(nlp, text):
    parts = limits.pieces(text)
    assert "".join(parts) == text and len(parts) > 1
    assert all(len(p) <= limits.PIECE_CHARS and len(p.split()) <= limits.PIECE_WORDS + 1 for p in parts)
    [doc] = pipeline._pipe([text], nlp)
    assert doc.text == text  # offsets into the parse are offsets into the body


def test_a_page_of_quotation_marks_is_refused_before_analysis():
    limits.check("“x” " * 700)  # 1,400 marks: a long interview
    with pytest.raises(InputError, match="too many quotation marks"):
        limits.check("“x” " * 2_000)
    limits.check("It’s what they’re saying " * 2_000)  # apostrophes are not quotation marks


def test_nothing_an_input_holds_reaches_the_terminal_raw(folder, nlp):
    """A title with escape sequences, a file name with a newline: every
    line printed is one of the command's own, with controls escaped."""
    record = {"text": ARTICLE.replace("Baghdad", "Mosul"), "title": "Talks \x1b[2J\x1b[31mred\x07"}
    (folder / "a.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    (folder / "x.txt\nimported fake.txt: Forged — line").write_text("Hi", encoding="utf-8")
    status, out, err = run_ingest(folder)
    printed = out + err
    assert "\x1b" not in printed and "\x07" not in printed and "\\x1b[2J" in printed
    assert not any(line.startswith("imported fake.txt") for line in printed.splitlines())
    assert "x.txt\\nimported fake.txt: Forged — line: too short to be an article" in err
