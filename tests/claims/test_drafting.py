"""Claims are drafted in worker processes exactly as in one process."""
from claims.drafting import draft_events
from tests.conftest import SEEDS


def test_two_workers_draft_the_claims_one_process_drafts():
    texts = [(i, path.read_text(encoding="utf-8")) for i, path in enumerate(sorted(SEEDS.glob("*.txt")))]
    events = ["first", "second", "third"]
    documents = {"first": texts[:3], "second": texts[2:], "third": texts[::2]}.__getitem__
    serial = list(draft_events(events, workers=1, documents=documents))
    parallel = list(draft_events(events, workers=2, documents=documents))
    assert [event for event, _ in parallel] == events
    assert parallel == serial
    assert all(drafts for _, drafts in serial)
