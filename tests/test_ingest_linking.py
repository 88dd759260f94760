"""Entity linking: countries, known officials (aliases, accents, surnames), roles, titles, suggestions."""

import json
from pathlib import Path

import pytest
from django.core.management import call_command

from archive.ingest.linking import Gazetteer, link, relink_article
from tests.factories import make_article

COUNTRIES_FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "countries.json"
HASANOV, BAGHERI, JAHANGIRZADEH, HEYDAR, ILHAM = 1, 2, 3, 4, 5
PEOPLE = [
    (HASANOV, ["Zakir Hasanov", "Zakir Həsənov", "Zakir Gasanov", "Zakir Hasanov Ali oglu"]),
    (BAGHERI, ["Mohammad Bagheri", "Mohammad Hossein Bagheri", "Mohammad Baqeri"]),
    (JAHANGIRZADEH, ["Javad Jahangirzadeh", "Seyed Javad Jahangirzadeh"]),
    (HEYDAR, ["Heydar Aliyev", "Heydər Əliyev"]),
    (ILHAM, ["Ilham Aliyev", "İlham Əliyev"]),
]


@pytest.fixture(scope="module")
def gazetteer():
    """Every ISO country with its words (the real fixture) and the seeds' officials, without a database."""
    countries = []
    for record in json.loads(COUNTRIES_FIXTURE.read_text()):
        fields = record["fields"]
        names = [fields["name"], fields["official_name"], *fields["long_forms"], *fields["demonyms"]]
        countries.append((record["pk"], names))
    return Gazetteer(countries, PEOPLE)


def people(links):
    return {p.person_id: (p.role, p.title) for p in links.people}


# --- Countries ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("The Azerbaijani minister spoke.", ["AZ"]),
        ("An Iranian delegation arrived.", ["IR"]),
        ("Chief of Staff of the Islamic Republic of Iran.", ["IR"]),
        ("Azerbaijani-Iranian relations", ["AZ", "IR"]),
        ("the Armenia-Azerbaijan Nagorno-Karabakh conflict", ["AM", "AZ"]),
        ("Azerbaijan's position", ["AZ"]),
        ("The Georgian defense minister came.", ["GE"]),
        ("AZERBAIJAN AND IRAN SIGN PROTOCOL", ["AZ", "IR"]),
        ("Talks with the U.S. and the UK.", ["US", "GB"]),
    ],
)
def test_countries_by_name_long_form_and_demonym(gazetteer, text, codes):
    assert link(text, gazetteer).countries == codes


@pytest.mark.parametrize(
    "text",
    [
        "He flew from Tirana to Indiana.",  # Iran inside Tirana, India inside Indiana
        "The Iranshahr plant.",  # Iran inside a longer word
        "Let us meet for turkey and chad.",  # pronoun "us", lower-case common nouns
        "The Romanovs met Chadwick in Omaha.",  # not whole words of Romania, Chad or Oman
    ],
)
def test_words_that_must_not_link(gazetteer, text):
    codes = link(text, gazetteer).countries
    assert "IR" not in codes and "IN" not in codes and "US" not in codes and "TR" not in codes
    assert "TD" not in codes and "OM" not in codes


def test_longest_name_wins(gazetteer):
    assert link("Troops from Nigeria and Papua New Guinea.", gazetteer).countries == ["NG", "PG"]


# --- Officials ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "spelling", ["Zakir Hasanov", "Zakir Həsənov", "ZAKIR HASANOV", "zakir hasanov", "Zakir Gasanov"]
)
def test_official_by_name_and_alias_whatever_the_case_and_accents(gazetteer, spelling):
    assert HASANOV in people(link(f"Defense Minister {spelling} met the delegation.", gazetteer))


def test_turkish_dotted_capital_i(gazetteer):
    # Python lower-cases "İ" to "i" plus a combining dot; folding must not.
    assert ILHAM in people(link("President İLHAM ƏLİYEV received the minister.", gazetteer))


def test_longest_alias_is_one_mention(gazetteer):
    found = people(link("Zakir Hasanov Ali oglu met the ambassador.", gazetteer))
    assert found == {HASANOV: ("participant", "")}


def test_surname_after_title_once_introduced(gazetteer):
    text = (
        "Zakir Hasanov spoke at the academy. Later that day the ambassador arrived.\n\n"
        "During the talks with the ambassador, Minister Hasanov greeted the guests."
    )
    assert people(link(text, gazetteer))[HASANOV][0] == "participant"


def test_surname_after_with_or_between_once_introduced(gazetteer):
    text = "The book praises Zakir Hasanov. The talks held between Hasanov and the Iranian side lasted an hour."
    (found,) = link(text, gazetteer).people
    assert found.person_id == HASANOV and found.role == "participant"


def test_surname_alone_is_not_a_person_before_introduction(gazetteer):
    assert link("Minister Hasanov met the ambassador.", gazetteer).people == []


def test_shared_surname_is_ambiguous(gazetteer):
    text = (
        "The guests praised the legacy of Heydar Aliyev and head of state Ilham Aliyev. Then President Aliyev met them."
    )
    found = people(link(text, gazetteer))
    assert found[HEYDAR][0] == "mentioned" and found[ILHAM][0] == "mentioned"


def test_roles_and_titles_as_reported_in_the_first_seed(gazetteer):
    body = (Path(__file__).parent / "data" / "seeds" / "000_b4fb515cffe29073.txt").read_text().split("\n", 2)[2]
    found = people(link(body, gazetteer))
    assert found == {
        HASANOV: ("participant", "Defense Minister, Colonel General"),
        BAGHERI: (
            "participant",
            "Chief of the General Staff of the Armed Forces of the Islamic Republic of Iran, Major General",
        ),
        HEYDAR: ("mentioned", "national leader of the Azerbaijani people"),
        ILHAM: ("mentioned", "head of state"),
    }


def test_title_in_apposition_and_office_rank_comma(gazetteer):
    text = (
        "Azerbaijan's Defense Minister Colonel General Zakir Hasanov met with Javad Jahangirzadeh, "
        "Ambassador of Iran to Azerbaijan on July 18."
    )
    assert people(link(text, gazetteer)) == {
        HASANOV: ("participant", "Defense Minister, Colonel General"),
        JAHANGIRZADEH: ("participant", "Ambassador of Iran to Azerbaijan"),
    }


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("Zakir Hasanov received the Iranian delegation.", "participant"),
        ("The delegation was led by Major General Mohammad Bagheri.", "participant"),
        ("Javad Jahangirzadeh is the new envoy. In turn, Jahangirzadeh noted that cooperation grows.", "participant"),
        ("Speaking about President Ilham Aliyev, the minister said cooperation grows.", "mentioned"),
        ("The minister praised the merits of Heydar Aliyev.", "mentioned"),
        # The meeting shapes the meeting proposer needs: a call, an intended meeting, a co-chair, "X and Y".
        ("Ilham Aliyev has today had a phone conversation with the Turkish president.", "participant"),
        ("The minister was to meet Zakir Hasanov this week.", "participant"),
        ("The session was co-chaired by Zakir Hasanov.", "participant"),
        ("They signed it at the meeting of the ministers Zakir Hasanov and others.", "participant"),
        ("The protocol was signed by Zakir Hasanov during the meeting.", "participant"),
        ("It follows the talks held between Zakir Hasanov and his guest.", "participant"),
        ("The Turkish president phoned Zakir Hasanov on Thursday.", "participant"),
        ("Last week, the Iranian minister held talks in Baku with Zakir Hasanov.", "participant"),
        ("He briefed them on his consultations with Zakir Hasanov.", "participant"),
        ("The Turkish minister spoke by phone with Zakir Hasanov.", "participant"),
        ("President Ilham Aliyev and the Turkish president attended the summit.", "participant"),
        # Who chaired, represented a country, accompanied the guest, was due to arrive, or had a "phone talk".
        ("The forum opened in Baku under the chairmanship of President Ilham Aliyev.", "participant"),
        ("Iran was represented at the session by Major General Mohammad Bagheri.", "participant"),
        ("Defense Minister Zakir Hasanov accompanied the president on the trip.", "participant"),
        ("Zakir Hasanov is expected to arrive in Tashkent on Friday.", "participant"),
        ("In the evening the minister held a short phone talk with Zakir Hasanov.", "participant"),
        ("Before the talks, President Ilham Aliyev received the two ministers.", "participant"),
        # Greetings, messages and errands: the sender stays at home.
        ("He was received by the minister, to whom he conveyed the greetings of President Ilham Aliyev.", "mentioned"),
        ("Bagheri met the minister on behalf of President Ilham Aliyev.", "mentioned"),
    ],
)
def test_participant_or_mentioned(gazetteer, text, role):
    (found,) = link(text, gazetteer).people
    assert found.role == role


# --- Unknown officials ---------------------------------------------------------------------------


def test_unknown_official_after_rank_becomes_a_suggestion(gazetteer):
    text = (
        "Zakir Hasanov met with a delegation led by Chief of Staff of the Pakistani Army "
        "Lieutenant General Nadeem Raza in Baku."
    )
    links = link(text, gazetteer)
    (suggestion,) = links.suggestions
    assert suggestion.name == "Nadeem Raza"
    assert suggestion.title == "Chief of Staff of the Pakistani Army, Lieutenant General"
    assert suggestion.role == "participant" and suggestion.country == "PK"
    assert set(people(links)) == {HASANOV}


def test_unknown_official_after_an_office_of_a_country(gazetteer):
    text = "President of the Kyrgyz Republic Sadyr Japarov attended the summit with Ilham Aliyev."
    (suggestion,) = link(text, gazetteer).suggestions
    assert (suggestion.name, suggestion.title, suggestion.country) == (
        "Sadyr Japarov",
        "President of the Kyrgyz Republic",
        "KG",
    )


def test_a_suggestion_takes_part_if_any_of_its_mentions_does(gazetteer):
    text = (
        "The roadmap signed in Moscow is ready, Foreign Minister Sergey Lavrov said. "
        "It follows the talks held between Zakir Hasanov and Foreign Minister Sergey Lavrov."
    )
    (suggestion,) = link(text, gazetteer).suggestions
    assert (suggestion.name, suggestion.role) == ("Sergey Lavrov", "participant")


def test_a_suggestion_takes_part_if_its_surname_alone_does(gazetteer):
    text = (
        "The talks were prepared by Qatari Minister of State Khalid Al Khulaifi, officials said. "
        "On Tuesday, Zakir Hasanov met Khulaifi in Doha."
    )
    (suggestion,) = link(text, gazetteer).suggestions
    assert (suggestion.name, suggestion.role) == ("Khalid Al Khulaifi", "participant")


def test_an_envoy_in_lower_case_before_a_name_is_suggested(gazetteer):
    text = "Zakir Hasanov held talks on Monday with the UN special envoy Peter Lindqvist in Geneva."
    (suggestion,) = link(text, gazetteer).suggestions
    assert (suggestion.name, suggestion.title, suggestion.role) == ("Peter Lindqvist", "special envoy", "participant")


def test_an_envoy_named_after_his_remit_is_suggested(gazetteer):
    text = "The EU's special representative for the South Caucasus, Magnus Brand, met Zakir Hasanov on Monday."
    (suggestion,) = link(text, gazetteer).suggestions
    assert (suggestion.name, suggestion.role) == ("Magnus Brand", "participant")


def test_a_meeting_noun_before_a_name_is_no_verb_of_another_subject(gazetteer):
    text = "The meeting comes a month after President Ilham Aliyev hosted the Turkish minister."
    assert people(link(text, gazetteer)) == {ILHAM: ("participant", "President")}


def test_unknown_official_in_apposition_becomes_a_suggestion(gazetteer):
    text = "Zakir Hasanov met with Abbas Ali Mousavi, Ambassador of Iran to Azerbaijan, on Monday."
    (suggestion,) = link(text, gazetteer).suggestions
    assert (suggestion.name, suggestion.title, suggestion.country) == (
        "Abbas Ali Mousavi",
        "Ambassador of Iran to Azerbaijan",
        "IR",
    )


def test_known_officials_and_institutions_are_not_suggested(gazetteer):
    for seed in (Path(__file__).parent / "data" / "seeds").glob("*.txt"):
        assert link(seed.read_text(), gazetteer).suggestions == []
    text = "The General Staff and the Defense Ministry met the Secretary General of the Joint Working Group."
    assert link(text, gazetteer).suggestions == []


def test_explicit_participants_and_countries(gazetteer):
    links = link(
        "The ministers met.",
        gazetteer,
        explicit_people=["ZAKIR HƏSƏNOV", {"name": "Levan Izoria", "role": "participant", "title": "Defense Minister"}],
        explicit_countries=["AZ", "Georgia", "Atlantis"],
    )
    assert people(links) == {HASANOV: ("participant", "")}
    assert [(s.name, s.title) for s in links.suggestions] == [("Levan Izoria", "Defense Minister")]
    assert links.countries == ["AZ", "GE"]


# --- Re-linking a stored article -----------------------------------------------------------------


@pytest.mark.django_db
def test_relink_article_adds_what_is_missing_and_keeps_the_rest(tmp_path):
    call_command("loaddata", "countries", "seeds", verbosity=0)
    article = make_article(
        title="Hasanov meets Ambassador",
        body="Zakir Hasanov met with Abbas Ali Mousavi, Ambassador of Iran to Azerbaijan, in Baku.",
    )
    found = relink_article(article)
    assert found.countries == ["IR", "AZ"]
    assert set(article.countries.values_list("code", flat=True)) == {"AZ", "IR"}
    assert list(article.participations.values_list("person__slug", "role")) == [("zakir-hasanov", "participant")]
    assert list(article.suggestions.values_list("name", "status")) == [("Abbas Ali Mousavi", "pending")]
    relink_article(article)  # idempotent
    assert article.participations.count() == 1 and article.suggestions.count() == 1


def test_the_inviting_official_is_the_host_of_the_visit(gazetteer):
    text = "The Georgian prime minister will visit Baku on 3 March at the invitation of President Ilham Aliyev."
    (found,) = link(text, gazetteer).people
    assert (found.person_id, found.role) == (ILHAM, "participant")
