"""The words of mode, status, format and protocol level (meetings.propose.modes)."""

import pytest

from meetings.propose import modes


@pytest.mark.parametrize(
    "text",
    [
        "Akar spoke by phone on Monday with Hasanov.",
        "Aliyev has today had a phone conversation with Erdogan.",
        "Zarif and Bayramov held a video conference on Tuesday evening.",
        "In a telephone conversation, the ministers discussed the border.",
    ],
)
def test_remote(text):
    assert modes.is_remote(text)


@pytest.mark.parametrize(
    "text", ["Hasanov met Bagheri in Baku.", "He called for the speedy completion of the railway."]
)
def test_not_remote(text):
    assert not modes.is_remote(text)


@pytest.mark.parametrize(
    ("anchors", "others", "status"),
    [
        (["Hasanov met with Bagheri on Wednesday."], [], "held"),
        (["During the visit, Guler is scheduled to hold talks with Hasanov."], [], "planned"),
        (
            ["Ashtiani is expected to visit Baku next month.", "The visit is to take place at his invitation."],
            [],
            "planned",
        ),
        (["Garibashvili was to meet Hasanov."], ["The visit, planned for next week, has been cancelled."], "cancelled"),
        (["The visit of Amir-Abdollahian, where he was to meet Bayramov, has been postponed."], [], "postponed"),
        # A plan told around a meeting held does not make it planned.
        (
            ["Hatami met Hasanov in Tehran today."],
            ["Hasanov is scheduled to visit the naval base on Thursday."],
            "held",
        ),
        (["The next meeting will be held in Baku, after Hasanov met Akar."], [], "held"),
        (["Aliyev said that he was ready to meet Pashinyan to discuss the border."], [], "planned"),
        (["Bayramov invited Zarif to visit Baku at a convenient time."], [], "planned"),
        (["Erdogan and Tokayev attended the summit."], [], "held"),
    ],
)
def test_status(anchors, others, status):
    assert modes.status_of(anchors, anchors + others) == status


@pytest.mark.parametrize(
    ("texts", "remote", "expected"),
    [
        (["The ambassador presented his credentials to the President."], False, "credentials"),
        (["The third meeting of the joint working group was held."], False, "working_group"),
        (["A one-on-one meeting was continued in an expanded format."], False, "expanded"),
        (["The leaders held a one-on-one meeting."], False, "one_on_one"),
        (["in connection with the completion of his diplomatic mission"], False, "courtesy_call"),
        (["They held a video conference."], True, "video_call"),
        (["They spoke by phone."], True, "phone_call"),
        (["The sides held talks."], False, "talks"),
        (["The ministers met."], False, ""),
    ],
)
def test_format(texts, remote, expected):
    assert modes.format_of(texts, remote) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("as part of Aliyev's state visit to Turkey", "state"),
        ("who is on an official visit to Azerbaijan", "official"),
        ("on an official working visit", "official_working"),
        ("who arrived in Baku on a working visit", "working"),
        ("the ministers met", ""),
    ],
)
def test_protocol_level(text, expected):
    assert modes.protocol_level_of([text]) == expected


def test_sidelines_and_multilateral_words():
    assert modes.on_sidelines("on the sidelines of the Antalya Diplomacy Forum")
    assert modes.is_multilateral("for their regular trilateral meeting")
    assert modes.is_multilateral("The 7th Summit of the Cooperation Council of Turkic-Speaking States")
    assert not modes.is_multilateral("Hasanov met Bagheri")


@pytest.mark.parametrize(
    "text",
    [
        "He recalled the meeting between President Xi Jinping and President Ilham Aliyev in Astana last July.",
        "Araghchi recalled his talks with Wang in Beijing in December.",
        "The ministers last met in Ankara in June.",
    ],
)
def test_a_look_back(text):
    assert modes.BACKGROUND.search(text)


@pytest.mark.parametrize(
    "text",
    [
        "The document was signed following the talks between Hasanov and Burchuladze.",
        "The protocol signed a day earlier by Hasanov and Bagheri opens a new stage.",
    ],
)
def test_a_reference_to_a_meeting_reported_before(text):
    assert modes.FOLLOW_UP.search(text)
    assert not modes.FOLLOW_UP.search("Hasanov and Burchuladze held talks in Tbilisi on Tuesday.")


def test_a_signing_speaks_of_a_meeting():
    assert modes.is_meeting_sentence("The sides inked an agreement on civil protection.")
    assert not modes.is_meeting_sentence("The drones were handed over at a ceremony.")
