"""Documents signed at a meeting (meetings.propose.agreements)."""

import pytest

from meetings.propose.agreements import signed_documents


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "In the end, the sides signed a protocol on the results of the meeting.",
            [("protocol", "a protocol on the results of the meeting")],
        ),
        ("Following the talks, an action plan was signed.", [("plan", "an action plan")]),
        (
            "At the end of the talks, a memorandum of understanding on military-technical cooperation was signed.",
            [("memorandum", "a memorandum of understanding on military-technical cooperation")],
        ),
        (
            "A plan of bilateral military cooperation between the defense ministries of Azerbaijan and Georgia "
            "for 2020 was signed.",
            [
                (
                    "plan",
                    "A plan of bilateral military cooperation between the defense ministries of Azerbaijan and "
                    "Georgia for 2020",
                )
            ],
        ),
        (
            "Hasanov and Shoigu signed a protocol on the results of the meeting and a plan of military "
            "cooperation for 2019.",
            [
                ("protocol", "a protocol on the results of the meeting"),
                ("plan", "a plan of military cooperation for 2019"),
            ],
        ),
        (
            "Following the summit, the heads of state signed the Baku Declaration.",
            [("declaration", "the Baku Declaration")],
        ),
        (
            "The three ministers adopted a joint statement reaffirming their commitment.",
            [("joint_statement", "a joint statement")],
        ),
        (
            "the two sides signed a document on expanding military cooperation",
            [("agreement", "a document on expanding military cooperation")],
        ),
        (
            "The ministers signed a memorandum of understanding on consular cooperation and a programme of "
            "cooperation between the two foreign ministries for 2025-2027.",
            [
                ("memorandum", "a memorandum of understanding on consular cooperation"),
                ("plan", "a programme of cooperation between the two foreign ministries for 2025-2027"),
            ],
        ),
        ("A program of cultural exchanges was signed.", [("plan", "A program of cultural exchanges")]),
        # "put their signatures on": no signing verb was found.
        (
            "The two ministers put their signatures on a memorandum of understanding on military education.",
            [("memorandum", "a memorandum of understanding on military education")],
        ),
    ],
)
def test_documents_signed(text, expected):
    assert [(d.kind, d.title) for d in signed_documents(text)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "The ministers are expected to sign a memorandum next month.",  # not signed yet
        "The two sides will sign an agreement on transit.",
        "The two sides agreed to set up a joint committee.",  # agreed is not signed
        "Bayramov stressed that the statements made against Azerbaijan do not serve good relations.",
        "The exercise plan had been prepared in advance.",
        # A signing that may come (blind-c h148: "before the treaty can be signed" was an agreement of the meeting).
        "Yerevan wants the border commission to finish its work before the peace treaty can be signed.",
        "Officials said a roadmap could not be signed before the elections.",
    ],
)
def test_nothing_signed(text):
    assert signed_documents(text) == []


def test_the_document_that_refers_back_is_not_a_second_one():
    text = "The document was signed in Baku following the talks."
    assert signed_documents(text, known=1) == []
    assert [d.kind for d in signed_documents(text)] == ["agreement"]


def test_offsets_point_into_the_body():
    body = "Talks were held. In the end, the sides signed a protocol on the results of the meeting."
    (document,) = signed_documents(body[17:], offset=17)
    assert body[document.start : document.end] == "a protocol on the results of the meeting"
