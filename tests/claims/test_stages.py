"""Each stage of alignment on text written for these tests: units, pair
features and model, blocking, clustering, labels, pair scoring."""
import numpy as np

from claims.scoring import KeySentence, _span, pair_figures
from claims.text.align import Event, align, cluster
from claims.text.baseline import baseline_pairs
from claims.text.embedding import embed
from claims.text.pairs import FEATURES, Model, load_model
from claims.text.units import core, is_clutter, units_of
from claims.text.values import KINDS, compare, extract


def test_units_skip_clutter_and_keep_body_offsets():
    body = ("By Jane Roe\n\nOSLO (Reuters) - The ferry sank off the coast on Sunday, the coast guard said.\n\n"
            "Read the full story here:\n\nRescuers pulled 40 people from the water.")
    units = units_of("a", body)
    assert [u.text.split()[0] for u in units] == ["OSLO", "Rescuers"]
    assert all(body[u.start:u.end] == u.text for u in units)
    assert is_clutter("Reporting by John Doe; Editing by Alex Poe")


def test_the_core_drops_dateline_and_attribution():
    assert core("OSLO (Reuters) - The ferry sank off the coast on Sunday, the coast guard said.") == (
        "The ferry sank off the coast on Sunday.")
    assert core("WASHINGTON — Officials said on Monday that the bridge would reopen in May.") == (
        "the bridge would reopen in May.")


def test_long_sentences_are_cut_into_clauses():
    text = ("The minister opened the new railway line to the northern port on Friday, "
            "while protesters outside the station demanded compensation for farmland taken for the tracks.")
    [unit] = units_of("a", text)
    assert len(unit.clauses) == 2 and all(unit.start <= a < b <= unit.end for a, b in unit.clauses)


def test_embeddings_are_unit_vectors_that_meet_paraphrase():
    v = embed(["The talks were businesslike.", "The meeting was business-like.", "A storm flooded the valley."])
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-5)
    assert v[0] @ v[1] > v[0] @ v[2] + 0.3


def test_the_shipped_model_has_a_weight_per_feature_and_a_threshold():
    model = load_model()
    assert len(model.weights) == len(FEATURES) and 0 < model.threshold < 1
    # Sharing wording makes a pair more likely to state one fact. For a
    # sentence of one clause, overlap and clause_overlap are one measure, so
    # their weights count together (either alone may turn negative in a fit).
    wording = model.weights[FEATURES.index("overlap")] + model.weights[FEATURES.index("clause_overlap")]
    assert wording > 0


def _docs():
    return [
        ("a", "The ferry Nordlys sank off Bergen on Sunday with 212 passengers aboard.\n\n"
              "The prime minister ordered an inquiry into the shipping company."),
        ("b", "Nearly all of the 212 passengers of the Nordlys ferry, which sank near Bergen on Sunday, were rescued.\n\n"
              "Shares in the shipping company fell sharply."),
        ("c", "The Nordlys ferry went down off Bergen on Sunday.\n\nAn inquiry was ordered by the prime minister."),
    ]


def test_blocking_proposes_pairs_from_different_articles_only():
    units = [u for doc, body in _docs() for u in units_of(doc, body)]
    event = Event(units, load_model())
    pairs = event.candidates()
    assert pairs and all(units[i].doc != units[j].doc for i, j in pairs)


def test_clustering_groups_one_fact_and_cannot_chain():
    groups = align(_docs())
    sinking = [g for g in groups if any("sank" in u.text for u in g.units)]
    assert sinking and len(sinking[0].docs) >= 2
    for g in groups:
        assert len({u.doc for u in g.units}) == len(g.units)  # one statement per article here
    # A chain a~b, b~c with a and c unlike never makes one group: with a
    # model that trusts only wording, a weak link cannot pull in a stranger.
    units = [u for doc, body in _docs() for u in units_of(doc, body)]
    strict = Model(tuple(12.0 if f == "overlap" else 0.0 for f in FEATURES), -6.0, 0.5)
    event = Event(units, strict)
    for g in cluster(event, event.candidates()):
        members = [u.index for u in g.units]
        link = np.mean([event.score(i, j) for i in members for j in members if i < j])
        assert link >= 0.5


def test_the_label_is_a_whole_statement_without_dateline():
    docs = [("a", "OSLO (Reuters) - The ferry Nordlys sank off Bergen on Sunday, police said."),
            ("b", "The ferry Nordlys sank off Bergen on Sunday.")]
    [group] = align(docs)
    assert group.statement == "The ferry Nordlys sank off Bergen on Sunday."


def test_the_baseline_pairs_every_close_cross_article_pair():
    pairs = baseline_pairs(_docs())
    assert pairs and all(a.doc != b.doc for a, b in pairs)


def test_pair_precision_and_recall_count_sentence_pairs():
    body_a, body_b = "One. Two fact here.", "Uno. Two fact there."
    sentences = [KeySentence("a", "Two fact here.", _span(body_a, "Two fact here."), {"f"}),
                 KeySentence("b", "Two fact there.", _span(body_b, "Two fact there."), {"f"})]
    right = pair_figures(sentences, [[("a", (5, 19), ""), ("b", (5, 20), "")]])
    wrong = pair_figures(sentences, [[("a", (0, 4), ""), ("b", (5, 20), "")]])
    assert (right.precision, right.recall) == (1.0, 1.0)
    assert (wrong.precision, wrong.recall) == (0.0, 0.0) and wrong.missed


def test_every_kind_is_one_row_and_weekdays_differ():
    assert {"victims", "duration", "date", "title", "place"} <= set(KINDS)
    docs = {"a": extract("The aide apologized on Friday."), "b": extract("The aide apologized Saturday.")}
    assert compare(docs).kind == "date"
    docs = {"a": extract("At least 19 people were killed."), "b": extract("The blast killed at least 21.")}
    assert compare(docs).kind == "victims"


def test_a_printed_headline_is_a_unit_unless_the_body_opens_with_it():
    body = "The ferry Nordlys sank off Bergen on Sunday with 212 passengers aboard."
    [headline, sentence] = units_of("a", body, "Ferry sinks off Bergen with 212 aboard")
    assert headline.headline and headline.text == "Ferry sinks off Bergen with 212 aboard" and not sentence.headline
    assert not any(u.headline for u in units_of("a", body, "The ferry Nordlys sank off Bergen"))


def test_headlines_align_but_evidence_is_always_a_body_sentence():
    from claims.text.candidates import draft_claims

    docs = [
        ("a", "Rescuers searched the fjord all night.", "Ferry Nordlys sinks off Bergen with 212 aboard"),
        ("b", "The ferry Nordlys sank off Bergen with 212 passengers aboard.\n\nThe weather was calm."),
    ]
    assert any(u.headline for g in align(docs) for u in g.units)
    for draft in draft_claims(docs):
        for e in draft.evidence:
            body = dict((d[0], d[1]) for d in docs)[e.doc]
            assert body[e.start:e.end] == e.excerpt


def test_soft_overlap_meets_words_of_like_meaning():
    from claims.text.pairs import soft_overlap

    units = units_of("a", "Troops fired weapons at the crowd.") + units_of("b", "Soldiers shot guns into the protest.") \
        + units_of("c", "The central bank raised interest rates.")
    event = Event(units, load_model())
    a, b, c = event.profiles
    assert soft_overlap(a, b) > soft_overlap(a, c)
