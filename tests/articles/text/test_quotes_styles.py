"""Quotations and speakers in house styles the seeds do not use.

Every article here is invented; each test names the convention it covers.
"""

from articles.text.analyse import analyse


def run(nlp, body):
    analysis = analyse(body, nlp(body))
    for q in analysis.quotes:
        assert body[q.start:q.end] == q.text
    return analysis


def quote(analysis, text):
    found = [q for q in analysis.quotes if q.text == text]
    assert found, [q.text for q in analysis.quotes]
    return found[0]


def speaker(analysis, text):
    q = quote(analysis, text)
    return analysis.people[q.speaker].name if q.speaker is not None else None


def test_wire_style_with_quote_interrupted_by_attribution(nlp):
    body = (
        "WASHINGTON (AP) — President Joe Biden said Tuesday that the spending bill would pass "
        "before the recess.\n\n"
        "“We have the votes,” Biden told reporters at the White House. “It’s going to happen.”\n\n"
        "Senate Majority Leader Chuck Schumer was more cautious. “Nothing is done until it’s done,” "
        "he said."
    )
    a = run(nlp, body)
    assert speaker(a, "We have the votes") == "Joe Biden"
    assert speaker(a, "It’s going to happen.") == "Joe Biden"
    assert speaker(a, "Nothing is done until it’s done") == "Chuck Schumer"
    assert {q.kind for q in a.quotes} == {"direct"}


def test_broadcaster_style_straight_marks_and_inverted_attribution(nlp):
    body = (
        "A man has been arrested after a fire at a block of flats in Leeds, police said.\n\n"
        "\"This was a shocking and deliberate attack on people in their homes,\" said Det Insp "
        "Mark Hughes.\n\n"
        "Residents were moved to a nearby leisure centre overnight.\n\n"
        "Local councillor Jane Whitfield said: \"The community has been amazing.\""
    )
    a = run(nlp, body)
    assert speaker(a, "This was a shocking and deliberate attack on people in their homes") == "Mark Hughes"
    assert speaker(a, "The community has been amazing.") == "Jane Whitfield"


def test_single_quote_style_keeps_apostrophes_and_plural_possessives_inside(nlp):
    body = (
        "Maria Lopez, 52, has lived on the estate for 30 years.\n\n"
        "‘We met the residents’ association twice and nothing changed,’ she told the paper. "
        "‘It’s the council’s fault, not ours.’\n\n"
        "Iraq‘s neighbours were not mentioned."
    )
    a = run(nlp, body)
    assert [q.text for q in a.quotes] == [
        "We met the residents’ association twice and nothing changed",
        "It’s the council’s fault, not ours.",
    ]
    assert {speaker(a, q.text) for q in a.quotes} == {"Maria Lopez"}


def test_honorific_style_and_pronoun_gender(nlp):
    body = (
        "Mr. Johnson, a retired teacher, said he had voted in every election since 1970.\n\n"
        "“I never thought I’d see this,” Mr. Johnson said, standing beside his neighbor, "
        "Ms. Rivera.\n\n"
        "“It has been a long time coming,” she said."
    )
    a = run(nlp, body)
    assert speaker(a, "I never thought I’d see this") == "Johnson"
    assert speaker(a, "It has been a long time coming") == "Rivera"
    names = {p.name: p for p in a.people}
    assert "Mr. Johnson" in names["Johnson"].aliases


def test_interview_answers_without_attribution_keep_the_interviewee(nlp):
    body = (
        "In an interview this week, the novelist Ann Patel spoke about her new book.\n\n"
        "“I wrote it in six weeks,” she said.\n\n"
        "Why so fast?\n\n"
        "“Because I had no choice. The deadline was real.”\n\n"
        "And the ending?\n\n"
        "“I changed it three times.”"
    )
    a = run(nlp, body)
    for text in ("I wrote it in six weeks", "Because I had no choice. The deadline was real.",
                 "I changed it three times."):
        assert speaker(a, text) == "Ann Patel"


def test_live_blog_entries(nlp):
    body = (
        "10:42\n\n"
        "The prime minister has just spoken outside Downing Street. “We will get this done,” "
        "Rishi Sunak said.\n\n"
        "10:35\n\n"
        "Labour leader Keir Starmer responded: “This is chaos, pure and simple.”"
    )
    a = run(nlp, body)
    assert speaker(a, "We will get this done") == "Rishi Sunak"
    assert speaker(a, "This is chaos, pure and simple.") == "Keir Starmer"


def test_partial_quotes_inside_the_narrators_sentence(nlp):
    body = (
        "Los Angeles Mayor Karen Bass criticised the budget on Monday.\n\n"
        "The mayor called the plan “reckless and unfunded” and said it would “hurt the very "
        "people it claims to help”."
    )
    a = run(nlp, body)
    assert quote(a, "reckless and unfunded").kind == "partial"
    assert quote(a, "hurt the very people it claims to help").kind == "partial"
    assert speaker(a, "reckless and unfunded") == "Karen Bass"
    assert speaker(a, "hurt the very people it claims to help") == "Karen Bass"


def test_scare_quotes_titles_and_terms_are_not_quotes(nlp):
    body = (
        "The so-called “peace dividend” never arrived.\n\n"
        "The company’s “unlimited” plan costs $80 a month.\n\n"
        "She starred in the film “The Long Night” last year.\n\n"
        "Analysts have written about the “surge” of new applicants for months."
    )
    assert run(nlp, body).quotes == []


def test_nested_quotes_stay_inside_the_outer_quote(nlp):
    body = (
        "“He told me, ‘Don’t worry about it,’ and then he left,” said Tom Smith, a neighbour.\n\n"
        "‘She said “leave now” and we did,’ said Ruth Jones."
    )
    a = run(nlp, body)
    assert [q.text for q in a.quotes] == [
        "He told me, ‘Don’t worry about it,’ and then he left",
        "She said “leave now” and we did",
    ]
    assert speaker(a, "She said “leave now” and we did") == "Ruth Jones"


def test_stray_and_wrong_way_marks_do_not_derail_the_article(nlp):
    body = (
        "Workers replaced a 6” pipe that burst under the road.\n\n"
        "”We are ready for the season,” coach Mike Dunn said.\n\n"
        "Fans queued from dawn \" some said since midnight.\n\n"
        "“It was worth the wait,” said supporter Alan Price."
    )
    a = run(nlp, body)
    assert [q.text for q in a.quotes] == ["We are ready for the season", "It was worth the wait"]
    assert speaker(a, "We are ready for the season") == "Mike Dunn"
    assert speaker(a, "It was worth the wait") == "Alan Price"


def test_quote_running_over_paragraphs_is_one_span_per_paragraph(nlp):
    body = (
        "Economist Priya Shah said the figures were worrying.\n\n"
        "\"Inflation is still far above target. Wages have not kept up.\n\n"
        "\"Households will feel this for years,\" she said."
    )
    a = run(nlp, body)
    assert [q.text for q in a.quotes] == [
        "Inflation is still far above target. Wages have not kept up.",
        "Households will feel this for years",
    ]
    assert {speaker(a, q.text) for q in a.quotes} == {"Priya Shah"}
    assert {q.kind for q in a.quotes} == {"direct"}


def test_words_of_a_group_get_no_speaker(nlp):
    body = (
        "Defence Minister Ali Hassan visited the border on Sunday.\n\n"
        "“We reject these claims entirely,” the ministry said in a statement.\n\n"
        "Officials said the talks had been “productive”.\n\n"
        "“It was a mistake to come here,” they said."
    )
    a = run(nlp, body)
    assert speaker(a, "We reject these claims entirely") is None
    assert speaker(a, "productive") is None
    assert speaker(a, "It was a mistake to come here") is None


def test_brackets_ellipses_and_the_trailing_comma(nlp):
    body = "Judge Helen Carr said: “The [defendant] showed … no remorse.” “None at all,” she added."
    a = run(nlp, body)
    assert quote(a, "The [defendant] showed … no remorse.").kind == "direct"
    assert quote(a, "None at all").cue == "she added"
    assert {speaker(a, q.text) for q in a.quotes} == {"Helen Carr"}


def test_according_to_and_said_that(nlp):
    body = (
        "The economy is “on the brink of collapse”, according to Finance Minister Tendai Biti.\n\n"
        "Central bank governor John Mangudya said that “the numbers simply do not add up”."
    )
    a = run(nlp, body)
    assert speaker(a, "on the brink of collapse") == "Tendai Biti"
    q = quote(a, "the numbers simply do not add up")
    assert q.kind == "partial"
    assert speaker(a, q.text) == "John Mangudya"


def test_descriptions_resolve_by_nationality_and_role(nlp):
    body = (
        "French President Emmanuel Macron met German Chancellor Olaf Scholz in Berlin on Friday.\n\n"
        "“Europe must stand together,” the French leader said.\n\n"
        "“We agree on the essentials,” the German chancellor replied."
    )
    a = run(nlp, body)
    assert speaker(a, "Europe must stand together") == "Emmanuel Macron"
    assert speaker(a, "We agree on the essentials") == "Olaf Scholz"
    roles = {p.name: p.role for p in a.people}
    assert roles["Emmanuel Macron"] == "French President"


def test_crossheads_echoing_a_quote_are_not_quotes(nlp):
    body = (
        "‘Disaster’ warning\n\n"
        "Climate scientist Dr Emma Clarke said the findings pointed to a “disaster” for coastal towns."
    )
    a = run(nlp, body)
    assert [q.text for q in a.quotes] == ["disaster"]
    assert speaker(a, "disaster") == "Emma Clarke"


def test_quote_split_around_the_attribution_mid_sentence(nlp):
    body = "“The problem,” said Rosa Diaz, “is that nobody in this building listens to us.”"
    a = run(nlp, body)
    assert [q.text for q in a.quotes] == ["The problem", "is that nobody in this building listens to us."]
    assert {speaker(a, q.text) for q in a.quotes} == {"Rosa Diaz"}


def test_people_keep_every_surface_form(nlp):
    body = (
        "Prime Minister Nouri al-Maliki opened the session. Later Mr. al-Maliki left.\n\n"
        "Al-Maliki said little."
    )
    a = run(nlp, body)
    assert len(a.people) == 1
    person = a.people[0]
    assert person.name == "Nouri al-Maliki"
    assert {"Mr. al-Maliki", "al-Maliki", "Al-Maliki"} <= set(person.aliases)
    assert [body[s:e] for s, e in person.mentions][0] == "Nouri al-Maliki"
