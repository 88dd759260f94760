"""Meeting vocabularies and their export codes (meetings.vocabulary)."""

import pytest

from meetings.vocabulary import Mode, Side, Status, cameo_code, cameo_codes, plover_event, plover_mode


@pytest.mark.parametrize(
    ("mode", "side", "code"),
    [
        (Mode.VISIT, Side.VISITOR, "042"),
        (Mode.VISIT, Side.HOST, "043"),
        (Mode.VISIT, Side.DELEGATION_MEMBER, "042"),
        (Mode.VISIT, Side.PARTICIPANT, "040"),  # a visit whose sides are not told apart
        (Mode.REMOTE, Side.PARTICIPANT, "041"),
        (Mode.THIRD_PARTY, Side.PARTICIPANT, "044"),
        (Mode.MULTILATERAL, Side.HOST, "044"),
    ],
)
def test_cameo_code_per_side(mode, side, code):
    assert cameo_code(mode, side) == code


def test_a_visit_is_coded_twice_and_signing_adds_057():
    assert cameo_codes(Mode.VISIT, [Side.HOST, Side.VISITOR], agreements=1) == ["043", "042", "057"]
    assert cameo_codes(Mode.THIRD_PARTY, [Side.PARTICIPANT, Side.PARTICIPANT]) == ["044"]
    assert cameo_codes(Mode.THIRD_PARTY, [], negotiation=True) == ["046"]


def test_plover():
    assert [plover_mode(m) for m in Mode] == ["visit", "third-party", "multilateral", "phone"]
    assert plover_event(Status.HELD) == "CONSULT"
    assert plover_event(Status.PLANNED) == "AGREE"  # announced meetings are intentions in PLOVER
    assert plover_mode("unknown") == ""
