"""Curated words for reading titles: ranks, services, legislatures, organisations that imply a country.

All folded (lower case ASCII, as ``archive.text.fold`` gives) and in US spelling; the
title is brought to that form before these are matched. Extend freely.
"""

import re

# Military and police ranks, canonical form. Longest first when matched.
RANKS = [
    "General of the Army",
    "Army General",
    "Colonel General",
    "Lieutenant General",
    "Major General",
    "Second Brigadier General",
    "Brigadier General",
    "Police Colonel General",
    "Police Lieutenant General",
    "Police Major General",
    "Police Colonel",
    "Air Chief Marshal",
    "Air Marshal",
    "Air Vice Marshal",
    "Field Marshal",
    "Marshal",
    "Vice Admiral",
    "Rear Admiral",
    "Admiral",
    "Commodore",
    "Captain First Rank",
    "Captain Second Rank",
    "Lieutenant Colonel",
    "Colonel",
    "Brigadier",
    "General",
    "Major",
    "Captain",
]

# Abbreviations as outlets write them, each token with or without its full stop.
RANK_ABBREVIATIONS = {
    "gen": "general",
    "maj": "major",
    "brig": "brigadier",
    "lt": "lieutenant",
    "lieut": "lieutenant",
    "col": "colonel",
    "adm": "admiral",
    "capt": "captain",
    "1st": "first",
    "2nd": "second",
}

# "General" after these words is an office ("Attorney General"), not a rank; before these, a body.
NOT_RANK_BEFORE = frozenset(
    [
        "attorney",
        "secretary",
        "consul",
        "governor",
        "inspector",
        "director",
        "surgeon",
        "solicitor",
        "prosecutor",
        "procurator",
        "auditor",
        "postmaster",
        "adjutant",
    ]
)
NOT_RANK_AFTER = frozenset(["staff", "directorate", "assembly", "prosecutor", "command", "headquarters"])

# Armed services: folded phrase → canonical organisation. "IRGC" combines with a branch ("IRGC Navy").
SERVICES = {
    "naval forces": "Navy",
    "navy": "Navy",
    "naval force": "Navy",
    "air and air defense forces": "Air Force",
    "air forces": "Air Force",
    "air force": "Air Force",
    "aerospace force": "Aerospace Force",
    "land forces": "Land Forces",
    "ground forces": "Land Forces",
    "ground force": "Land Forces",
    "special forces": "Special Forces",
    "internal troops": "Internal Troops",
    "quds force": "Quds Force",
    "army": "Army",
}
IRGC_WORDS = (
    "islamic revolutionary guard corps",
    "islamic revolutionary guards corps",
    "revolutionary guards",
    "irgc",
    "quds force",
)
# Inside the IRGC the branches keep their own names.
IRGC_BRANCHES = {"Navy": "Navy", "Aerospace Force": "Aerospace Force", "Land Forces": "Ground Force"}

# Legislatures: folded phrase → (canonical name, the country it implies or "").
LEGISLATURES = {
    "milli majlis": ("Milli Majlis", "AZ"),
    "islamic consultative assembly": ("Islamic Consultative Assembly", "IR"),
    "grand national assembly": ("Grand National Assembly", "TR"),
    "state duma": ("State Duma", "RU"),
    "verkhovna rada": ("Verkhovna Rada", "UA"),
    "knesset": ("Knesset", "IL"),
    "national assembly": ("National Assembly", ""),
    "parliament": ("Parliament", ""),
    "majlis": ("Islamic Consultative Assembly", "IR"),
}

# Security bodies headed by a "head", "chief" or "director": folded phrase → canonical name.
SECURITY_BODIES = {
    "state border service": "State Border Service",
    "state security service": "State Security Service",
    "foreign intelligence service": "Foreign Intelligence Service",
    "state security committee": "State Security Committee",
    "border guard service": "Border Guard Service",
    "intelligence organization": "Intelligence Organization",
}
SECURITY_COUNCILS = {
    "supreme national security council": "Supreme National Security Council",
    "national security council": "National Security Council",
    "security council": "Security Council",
}

# Names of bodies that tell the country when the title does not.
IMPLIED_COUNTRIES = {
    "irgc": "IR",
    "islamic revolutionary guard": "IR",
    "revolutionary guards": "IR",
    "islamic revolution": "IR",
    "supreme national security council": "IR",
    "basij": "IR",
    **{phrase: code for phrase, (_, code) in LEGISLATURES.items() if code},
}

# Ministry portfolios: folded words → (role, the portfolio's canonical name). Other portfolios are
# plain ministers, their name title-cased ("emergency situations" → Ministry of Emergency Situations).
PORTFOLIOS = {
    "defense": ("defense_minister", "Defense"),
    "national defense": ("defense_minister", "National Defense"),
    "defense and armed forces logistics": ("defense_minister", "Defense and Armed Forces Logistics"),
    "foreign affairs": ("foreign_minister", "Foreign Affairs"),
    "foreign": ("foreign_minister", "Foreign Affairs"),
    "internal affairs": ("interior_minister", "Internal Affairs"),
    "interior": ("interior_minister", "Internal Affairs"),
    "the interior": ("interior_minister", "Internal Affairs"),
    "home affairs": ("interior_minister", "Internal Affairs"),
    "intelligence": ("security_service_chief", "Intelligence"),
    "national security": ("security_service_chief", "National Security"),
    "economy": ("minister", "Economy"),
}
DEPUTY_ROLES = {
    "defense_minister": "deputy_defense_minister",
    "foreign_minister": "deputy_foreign_minister",
    "minister": "deputy_minister",
    "interior_minister": "deputy_minister",
}

# British spellings and other variants, brought to one form before matching.
SPELLINGS = [
    (re.compile(r"\bdefence\b"), "defense"),
    (re.compile(r"\bvice[- ]president"), "vice president"),
    (re.compile(r"\bcommander[- ]in[- ]chief\b"), "commander"),
    (re.compile(r"\bchief[- ]of[- ]staff\b"), "chief of staff"),
    (re.compile(r"\bmilitary and defense attache\b"), "military attache"),
    (re.compile(r"\bex-"), "former "),
]
