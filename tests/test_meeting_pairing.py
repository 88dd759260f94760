"""Sentences, datelines, the grouping of participants into meetings and their sides.

meetings.propose.sentences, .pairing and .sides, on short texts linked for real.
"""

from datetime import date

from archive.ingest.linking import link
from meetings.propose import article_input
from meetings.propose.pairing import episodes
from meetings.propose.sentences import dateline_end, split
from meetings.propose.sides import parts
from tests.meeting_eval import gazetteer, people

HASANOV, BAGHERI, ILHAM, AKAR, BURCHULADZE = 1, 2, 5, 8, 22


def read(body):
    source = article_input(
        body,
        link(body, gazetteer()),
        gazetteer(),
        date(2019, 1, 16),
        person_countries={p.id: p.country for p in people()},
    )
    sentences = split(body)
    return source, sentences, episodes(sentences, source.participants)


def ids(episode):
    return {p.person_id for p in episode.people}


def test_sentences_carry_offsets_and_paragraphs():
    body = "IRNA\n\nTehran, Feb 21, IRNA – Zarif met Mammadyarov. They talked.\n\nThen they left."
    sentences = split(body)
    assert [(s.text, s.paragraph) for s in sentences] == [
        ("IRNA", 0),
        ("Tehran, Feb 21, IRNA – Zarif met Mammadyarov.", 1),
        ("They talked.", 1),
        ("Then they left.", 2),
    ]
    assert all(body[s.start : s.end] == s.text for s in sentences)
    assert body[: dateline_end(body)].endswith("IRNA –")
    other = "MINSK, 12 November (BelTA) – Sergei Shoigu and Zakir Hasanov met in Minsk on Thursday."
    assert other[: dateline_end(other)] == "MINSK, 12 November (BelTA) –"


def test_one_meeting_told_over_many_sentences():
    _, _, found = read(
        "Zakir Hasanov met with Mohammad Bagheri on Wednesday. Bagheri, in turn, praised the meeting. "
        "In the end, the sides signed a protocol. Hasanov and Bagheri then visited a museum together."
    )
    (meeting,) = found
    assert ids(meeting) == {HASANOV, BAGHERI}
    assert len(meeting.anchors) == 2 and len(meeting.context) == 2


def test_a_second_meeting_shares_at_most_one_person():
    _, _, found = read(
        "Mohammad Bagheri was received by President Ilham Aliyev. "
        "The same day, Bagheri held talks with Defense Minister Zakir Hasanov. "
        "Hasanov and Bagheri signed a plan."
    )
    first, second = found
    assert (ids(first), ids(second)) == ({BAGHERI, ILHAM}, {BAGHERI, HASANOV})
    assert len(second.anchors) == 2


def test_a_look_back_is_a_background_meeting_of_the_same_people():
    _, _, found = read(
        "Zakir Hasanov received Hulusi Akar in Baku on Wednesday. The ministers last met in Ankara in June. "
        "During today's meeting, the sides discussed exercises."
    )
    today, earlier = found
    assert not today.background and earlier.background and ids(earlier) == {HASANOV, AKAR}
    assert [s.text for s in today.context] == ["During today's meeting, the sides discussed exercises."]


def test_at_a_summit_the_host_named_alone_first_joins_the_others():
    _, _, found = read(
        "The trilateral summit in Tbilisi was chaired by Juansher Burchuladze. "
        "Zakir Hasanov and Hulusi Akar met at the summit."
    )
    (summit,) = found
    assert ids(summit) == {BURCHULADZE, HASANOV, AKAR}


def test_two_of_a_gathering_on_its_sidelines_are_a_meeting_of_their_own():
    _, _, found = read(
        "The trilateral meeting in Tbilisi was chaired by Juansher Burchuladze, with Zakir Hasanov and Hulusi Akar. "
        "The ministers signed a memorandum. On the sidelines of the meeting, Hasanov held talks with Akar. "
        "They discussed exercises."
    )
    trilateral, aside = found
    assert ids(trilateral) == {BURCHULADZE, HASANOV, AKAR} and ids(aside) == {HASANOV, AKAR}
    assert [s.text for s in aside.context] == ["They discussed exercises."]
    _, _, (one,) = read(
        "The trilateral meeting in Tbilisi was chaired by Juansher Burchuladze, with Zakir Hasanov and Hulusi Akar. "
        "At the meeting, Hasanov and Akar also discussed bilateral cooperation."
    )
    assert ids(one) == {BURCHULADZE, HASANOV, AKAR}  # bilateral matters, at the table of three


def test_a_meeting_of_the_subject_with_someone_else_told_inside_another():
    _, _, found = read(
        "Zakir Hasanov spoke by phone with Hulusi Akar on Wednesday. "
        "Hasanov briefed Akar on his talks with Chief of General Staff Mohammad Bagheri, whom he had received a day "
        "earlier."
    )
    call, earlier = found
    assert ids(call) == {HASANOV, AKAR} and len(call.anchors) == 2
    assert ids(earlier) == {HASANOV, BAGHERI} and earlier.background


def test_sides_from_the_verbs():
    source, sentences, (meeting,) = read("Mohammad Bagheri was received by Zakir Hasanov on Wednesday.")
    sides = {key: part.side for key, part in parts(meeting.people, sentences, "visit", None).items()}
    assert sides == {"person:2": "visitor", "person:1": "host"}


def test_sides_from_the_place_when_the_verbs_say_nothing():
    source, sentences, (meeting,) = read("Zakir Hasanov and Mohammad Bagheri held talks in Tehran.")
    by_place = parts(meeting.people, sentences, "visit", "IR")
    assert {k: p.side for k, p in by_place.items()} == {"person:1": "visitor", "person:2": "host"}
    assert {p.side for p in parts(meeting.people, sentences, "remote", "IR").values()} == {"participant"}


def test_head_of_a_delegation():
    source, sentences, (meeting,) = read("Zakir Hasanov met with a delegation led by Mohammad Bagheri.")
    found = parts(meeting.people, sentences, "visit", None)
    assert found["person:2"].head_of_delegation and found["person:2"].side == "visitor"
    assert found["person:1"].side == "host" and not found["person:1"].head_of_delegation


def test_an_abbreviation_ends_no_sentence():
    texts = [s.text for s in split("Putin hosted a summit in St. Petersburg on Tuesday. Aliyev attended.")]
    assert texts == ["Putin hosted a summit in St. Petersburg on Tuesday.", "Aliyev attended."]
