"""The controlled list of offices (roles) and sectors, with what each role implies.

A role says what kind of office a position is, across countries: Azerbaijan's
Minister of Defense and Türkiye's Minister of National Defense are both
``defense_minister``. The sector groups roles for search ("defense officials" are
the military sector). A curator can give a position another sector.
"""

from dataclasses import dataclass

from django.db import models


class Sector(models.TextChoices):
    GOVERNMENT = "government", "Government"
    MILITARY = "military", "Military"
    DIPLOMATIC = "diplomatic", "Diplomatic"
    LEGISLATURE = "legislature", "Legislature"
    SECURITY = "security", "Security"


class Role(models.TextChoices):
    HEAD_OF_STATE = "head_of_state", "Head of state"
    HEAD_OF_GOVERNMENT = "head_of_government", "Head of government"
    VICE_PRESIDENT = "vice_president", "Vice president"
    FOREIGN_MINISTER = "foreign_minister", "Foreign minister"
    DEPUTY_FOREIGN_MINISTER = "deputy_foreign_minister", "Deputy foreign minister"
    DEFENSE_MINISTER = "defense_minister", "Defense minister"
    DEPUTY_DEFENSE_MINISTER = "deputy_defense_minister", "Deputy defense minister"
    INTERIOR_MINISTER = "interior_minister", "Interior minister"
    MINISTER = "minister", "Minister (other portfolio)"
    DEPUTY_MINISTER = "deputy_minister", "Deputy minister (other portfolio)"
    CHIEF_OF_GENERAL_STAFF = "chief_of_general_staff", "Chief of general staff"
    DEPUTY_CHIEF_OF_GENERAL_STAFF = "deputy_chief_of_general_staff", "Deputy chief of general staff"
    SERVICE_CHIEF = "service_chief", "Service chief (army, navy, air force...)"
    COMMANDER = "commander", "Military commander (other)"
    AMBASSADOR = "ambassador", "Ambassador"
    MILITARY_ATTACHE = "military_attache", "Military attaché"
    ENVOY = "envoy", "Special envoy or representative"
    SPEAKER = "speaker", "Speaker of parliament"
    LEGISLATOR = "legislator", "Member of parliament"
    SECURITY_COUNCIL_SECRETARY = "security_council_secretary", "Security council secretary or adviser"
    SECURITY_SERVICE_CHIEF = "security_service_chief", "Head of a security or intelligence service"
    SPOKESPERSON = "spokesperson", "Spokesperson"


@dataclass(frozen=True)
class RoleFacts:
    """What a role implies: its usual sector, whether several people hold it at once, its usual organisation."""

    sector: str
    several_holders: bool = False
    organisation: str = ""


ROLE_FACTS = {
    Role.HEAD_OF_STATE: RoleFacts(Sector.GOVERNMENT),
    Role.HEAD_OF_GOVERNMENT: RoleFacts(Sector.GOVERNMENT),
    Role.VICE_PRESIDENT: RoleFacts(Sector.GOVERNMENT, several_holders=True),
    Role.FOREIGN_MINISTER: RoleFacts(Sector.DIPLOMATIC, organisation="Ministry of Foreign Affairs"),
    Role.DEPUTY_FOREIGN_MINISTER: RoleFacts(Sector.DIPLOMATIC, True, "Ministry of Foreign Affairs"),
    # "Azerbaijani defense officials" include the minister: the defense ministry counts as military.
    Role.DEFENSE_MINISTER: RoleFacts(Sector.MILITARY, organisation="Ministry of Defense"),
    Role.DEPUTY_DEFENSE_MINISTER: RoleFacts(Sector.MILITARY, True, "Ministry of Defense"),
    Role.INTERIOR_MINISTER: RoleFacts(Sector.SECURITY, organisation="Ministry of Internal Affairs"),
    Role.MINISTER: RoleFacts(Sector.GOVERNMENT),
    Role.DEPUTY_MINISTER: RoleFacts(Sector.GOVERNMENT, several_holders=True),
    Role.CHIEF_OF_GENERAL_STAFF: RoleFacts(Sector.MILITARY, organisation="General Staff"),
    Role.DEPUTY_CHIEF_OF_GENERAL_STAFF: RoleFacts(Sector.MILITARY, True, "General Staff"),
    Role.SERVICE_CHIEF: RoleFacts(Sector.MILITARY),
    Role.COMMANDER: RoleFacts(Sector.MILITARY),
    Role.AMBASSADOR: RoleFacts(Sector.DIPLOMATIC),
    Role.MILITARY_ATTACHE: RoleFacts(Sector.MILITARY),
    Role.ENVOY: RoleFacts(Sector.DIPLOMATIC, several_holders=True),
    Role.SPEAKER: RoleFacts(Sector.LEGISLATURE),
    Role.LEGISLATOR: RoleFacts(Sector.LEGISLATURE, several_holders=True),
    Role.SECURITY_COUNCIL_SECRETARY: RoleFacts(Sector.SECURITY),
    Role.SECURITY_SERVICE_CHIEF: RoleFacts(Sector.SECURITY),
    Role.SPOKESPERSON: RoleFacts(Sector.GOVERNMENT),
}

# Roles held by one envoy per pair of countries: the accredited-to country tells positions apart.
ENVOY_ROLES = frozenset({Role.AMBASSADOR, Role.MILITARY_ATTACHE, Role.ENVOY})


def facts(role: str) -> RoleFacts:
    """Return what ``role`` implies (a plain government office for an unknown role)."""
    return ROLE_FACTS.get(role, RoleFacts(Sector.GOVERNMENT))
