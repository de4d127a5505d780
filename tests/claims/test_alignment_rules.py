"""Alignment rules for news text in general, on sentences written for these tests."""
import subprocess
import sys
from pathlib import Path

from claims.text import align as align_module
from claims.text.align import JOIN_RATIO, THRESHOLD, Index, align, units_of
from articles.text.tokens import content_terms
from claims.text.values import compare, extract


def _together(groups, *firsts):
    """Is there a group holding, for each (doc, opening words), that unit?"""
    return any(
        all(any(u.doc == doc and u.text.startswith(start) for u in g.units) for doc, start in firsts)
        for g in groups
    )


def test_inflections_and_event_nouns_meet():
    car = set(content_terms("A car bomb blast killed 12 near the bus station."))
    truck = set(content_terms("Twelve died when a truck exploded near the bus station."))
    assert {"blast", "vehicl", "kill"} <= car & truck
    assert set(content_terms("the explosion")) == set(content_terms("the bombing")) == {"blast"}
    assert set(content_terms("killing")) == set(content_terms("died")) == {"kill"}
    assert set(content_terms("the van")) == {"vehicl"}  # short words have synonyms too
    assert set(content_terms("injured")) == set(content_terms("wounded")) == {"wound"}
    assert len({frozenset(content_terms(w)) for w in ("supply", "supplies", "supplied", "funnelling")}) == 1
    assert set(content_terms("ammunition")) == set(content_terms("weapons")) == {"arm"}


def test_a_car_bomb_and_a_truck_bomb_are_one_attack():
    wire = ("Leaders of the two parties met in Kirkuk on Sunday to discuss the coalition.\n\n"
            "A car bomb blast near the crowded Shorja market in central Kirkuk killed at least 12, police said.\n\n"
            "The governor called for calm and ordered extra checkpoints on the main roads.\n\n"
            "The talks are due to continue next week.")
    paper = ("The coalition talks in Kirkuk made little progress, aides said.\n\n"
             "Hours earlier, a truck bomb exploded outside a mosque in the Shorja business district, "
             "killing at least 15 people and wounding dozens.\n\n"
             "Turkmen parties walked out of the provincial council last month.\n\n"
             "Security has improved across the province since the spring, the army says.")
    groups = align([("wire", wire), ("paper", paper)])
    assert _together(groups, ("wire", "A car"), ("paper", "Hours"))


def test_lower_bounds_differ_without_a_discrepancy():
    docs = {"wire": extract("A car bomb ripped through the bus station, killing at least 12 people."),
            "paper": extract("At least 15 were killed when a truck bomb exploded outside the bus station.")}
    comparison = compare(docs)
    assert not comparison.conflicts
    assert comparison.shown["wire"] != comparison.shown["paper"]
    assert "at least 12" in comparison.shown["wire"] and "At least 15" in comparison.shown["paper"]


def test_talks_to_continue_is_one_term_however_worded():
    phrasings = [
        "An aide said no date had been set for a follow-up meeting.",
        "The two delegations will meet again before the end of the month.",
        "The envoy said the sides would meet shortly.",
        "Officials expect a second round of talks in Oslo.",
        "Both sides agreed to resume negotiations in the spring.",
    ]
    for text in phrasings:
        assert "followup" in content_terms(text), text
    for text in ["The meeting was held in a second-floor room.", "Negotiations ended without agreement."]:
        assert "followup" not in content_terms(text), text


def test_reports_of_further_talks_align():
    a = ("Japanese and South Korean officials met in Busan on Friday to discuss fishing quotas.\n\n"
         "The Korean negotiator, Park Ji-hoon, said the two sides would meet again in Seoul.\n\n"
         "The talks lasted five hours.")
    b = ("The five-hour session in Busan ended without a deal on fishing quotas.\n\n"
         "Tokyo's delegation is under pressure from fishermen in Hokkaido.\n\n"
         "A second round of talks will be held in Seoul, the Korean negotiator told reporters.")
    groups = align([("a", a), ("b", b)])
    assert _together(groups, ("a", "The Korean"), ("b", "A second"))


def test_sentences_of_common_words_still_find_their_match():
    # Every article of an event repeats its main words; a sentence made only
    # of them must still be able to find its counterpart.
    common = ["ambassador", "ministers", "Lima", "Chile", "fishing", "treaty", "signed", "coast"]
    docs = []
    for n in range(30):
        words = [common[(n + k) % len(common)] for k in range(3)]
        docs.append((n, f"Reporter {n} wrote about {words[0]} and {words[1]} near {words[2]} in district {n}."))
    docs.append(("a", "The ambassador told ministers in Lima that Chile signed the fishing treaty on the coast."))
    docs.append(("b", "Chile signed the coast fishing treaty, the ambassador told ministers in Lima."))
    units = [u for doc, body in docs for u in units_of(doc, body)]
    index = Index(units)
    a, b = units[-2], units[-1]
    assert min(index.df[t] for t in a.terms) > 8 and len(a.terms) > 6  # all common, and many
    assert b.index in {i for _, i in index.neighbours(a)}


def test_exact_cosines_are_computed_for_a_bounded_number_of_candidates(monkeypatch):
    body = "The ambassador of Chile and the ambassador of Peru met ministers in Lima to discuss fishing rights."
    units = [u for n in range(300) for u in units_of(n, body.replace("Lima", f"Lima district {n}"))]
    index = Index(units)
    calls = []
    real = Index.similarity
    monkeypatch.setattr(Index, "similarity", lambda self, a, b: calls.append(1) or real(self, a, b))
    index.neighbours(units[0])
    assert len(calls) <= align_module.SCORED


def test_alignment_does_not_depend_on_hash_order():
    root = Path(__file__).resolve().parents[2]
    script = (
        "from claims.text.align import align\n"
        "a = 'A car bomb killed 12 in Kirkuk. Talks on the coalition resumed. The envoy will meet them again.'\n"
        "b = 'At least 12 died when a truck bomb exploded in Kirkuk. The coalition talks resumed on Monday.'\n"
        "print(sorted(sorted((u.doc, u.start) for u in g.units) for g in align([('a', a), ('b', b)])))\n"
    )
    outputs = {
        subprocess.run([sys.executable, "-c", script], cwd=root, capture_output=True, text=True, check=True,
                       env={"PYTHONHASHSEED": seed, "PATH": ""}).stdout
        for seed in ("1", "2", "3")
    }
    assert len(outputs) == 1


def test_long_sentences_are_also_compared_clause_by_clause():
    [unit] = units_of("a", "Canada and Mexico on Tuesday opened their first trade talks in Ottawa since 2019, "
                           "with the Mexican side calling the mood constructive but also demanding that Canada "
                           "lift its tariffs on steel imports.")
    assert len(unit.clauses) == 3
    assert {"tarif", "steel", "lift"} <= unit.clauses[-1] and "ottawa" not in unit.clauses[-1]
    [short] = units_of("b", "Mexico's trade envoy said Canada must scrap its steel tariffs.")
    assert short.clauses == ()


def test_a_fact_inside_a_long_sentence_meets_its_short_report():
    a = ("Canada and Mexico on Tuesday opened their first formal trade talks in Ottawa since 2019, with the Mexican "
         "delegation calling the mood constructive but also demanding that Canada lift its tariffs on steel imports.\n\n"
         "Trade between Canada and Mexico has doubled in a decade.\n\n"
         "The Canada-Mexico talks are due to continue in Monterrey in the autumn.\n\n"
         "Farm groups in Canada protested outside the venue of the talks.")
    b = ("Mexican negotiators, who arrived on an overnight flight with a team of lawyers, want Canada to lift the "
         "tariffs it imposed on steel imports.\n\n"
         "Mexico sees Canada as its second trade partner.\n\n"
         "Mexico and Canada last held trade talks in 2019.\n\n"
         "Dairy quotas were not discussed at the talks, Canadian officials said.")
    groups = align([("a", a), ("b", b)])
    assert _together(groups, ("a", "Canada and Mexico"), ("b", "Mexican negotiators"))


def test_a_clause_does_not_match_on_a_name_or_a_stock_phrase_alone():
    long = ("Nurses at four city hospitals walked out on Monday in a dispute over overtime pay, "
            "closing emergency wards for the first time in a decade.")
    others = [
        "Rival envoys sat down in Vienna for the first time in decades.",  # stock phrase only
        "Health minister Ana Ruiz visited the hospitals.",
        "The strike closed emergency wards across the city, a union spokesman said.",
    ]
    units = [u for n, body in enumerate([long] + others) for u in units_of(n, body)]
    index = Index(units)
    stock, _, wards = (index.similarity(units[0], u) for u in units[1:])
    assert units[0].clauses
    assert stock < THRESHOLD * JOIN_RATIO
    assert wards >= THRESHOLD
