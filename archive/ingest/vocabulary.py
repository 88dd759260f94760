"""Words that mark offices, ranks and meetings in English news, used by linking.

Kept in one place so curators' experience can extend them. All lower case.
"""


def _words(text: str) -> frozenset[str]:
    """Return the set of white-space separated words in ``text``."""
    return frozenset(text.split())


# Words an official's title may start with ("Defense Minister", "head of state",
# "national leader of ...", "Chief of the General Staff", "Major General").
TITLE_START = _words(
    """acting adviser advisor ambassador assistant attache brigadier captain chairman chairwoman chancellor
    charge chief colonel commander consul crown defense defence deputy director emir envoy first foreign
    former general governor head interior internal king leader lieutenant major marshal mayor military
    minister national premier president prime prince queen rear secretary senator sheikh speaker special spokesman
    spokesperson spokeswoman sultan supreme vice admiral"""
)

# Lower-case words that may stand inside a title ("head of state", "leader of the ... people").
TITLE_INNER = TITLE_START | _words(
    """of the for to in state people staff forces armed affairs ministry republic country council service
    security navy army air force troops general affairs interior economy"""
)

# Offices and ranks that, capitalised and followed by a name, introduce an official: the
# heads of a suggestion ("Major General Mohammad Bagheri", "Ambassador Javad Jahangirzadeh").
OFFICE_HEADS = _words(
    """admiral ambassador attache brigadier captain chairman chairwoman chancellor chief colonel commander
    consul director emir envoy general governor head king lieutenant marshal minister premier president
    prince queen secretary senator sheikh speaker spokesman spokesperson spokeswoman sultan"""
)

# Capitalised words an office phrase is made of, between its head and the holder's name:
# "Minister of National Defense Hulusi Akar", "Chief of the General Staff of the Armed Forces
# Yasar Guler", "Military Attache of the Embassy of Azerbaijan in Kazakhstan, Colonel Rauf Mammadov".
OFFICE_WORDS = TITLE_INNER | _words(
    """administration affairs agency apparatus army assembly attache border chiefs command commander
        committee communications consulate cooperation corps council culture customs d'affaires defense
        defence department development digital directorate division ecology economic economy education
        embassy emergency energy environment federation finance force forces foreign gendarmerie ground
        guard guards headquarters health home industry intelligence interior internal joint justice labor
        labour land logistics main military ministry mission national natural naval navy office parliament
        police policy political population presidential protection public relations republic resources
        revolutionary security service situations social sport sports staff state technologies tourism
        trade transport youth charge roads urban railways highways
        milli majlis mejlis oliy duma knesset rada verkhovna
        extraordinary plenipotentiary petroleum oil gas mines minerals agriculture water power information
        broadcasting planning commerce investment investments aviation maritime housing privatization"""
)
# Lower-case words that stand inside an office phrase ("Ambassador of Georgia to Azerbaijan").
OFFICE_CONNECTORS = _words("of the for to in and at d'affaires")

# Military ranks, longest first, that a title may end with: "Defense Minister, Colonel General".
RANKS = [
    "general of the army",
    "lieutenant colonel",
    "colonel general",
    "lieutenant general",
    "major general",
    "brigadier general",
    "army general",
    "rear admiral",
    "vice admiral",
    "general",
    "admiral",
    "colonel",
    "major",
    "captain",
    "marshal",
]
# "Attorney General" and friends are offices, not an office followed by a rank.
RANK_COMPOUNDS = _words("attorney secretary consul governor inspector director surgeon solicitor")

# Capitalised words that are never part of a person's name in these stories.
NOT_NAMES = _words(
    """affairs agency air armed army assembly bank border central committee council cup defense defence
    department embassy federation force forces foreign games general government group guard headquarters
    international interior islamic joint military ministry minister national navy office parliament
    people president republic sea security service staff state states summit union united university
    war working the of and on in at with for to by from"""
)

# A sentence verb that, after an official's name, makes them a participant:
# they met, received, led, held talks, or spoke at the meeting.
PARTICIPATION_VERBS = (
    r"met|meets|meet|meeting|received|receives|receive|hosted|hosts|host|held|holds|greeted|greets|welcomed|welcomes|"
    r"welcome|hold|"
    r"visited|visits|arrived|arrives|arrive|accompanied|accompanies|accompany|travelled|traveled|travels|travel|introduced|led|leads|headed|heads|noted|notes|said|says|stressed|stresses|"
    r"added|adds|emphasized|emphasised|emphasizes|emphasises|stated|states|underlined|underlines|"
    r"expressed|expresses|told|tells|signed|signs|discussed|discusses|thanked|thanks|briefed|informed|"
    r"appreciated|appreciates|praised|praises|hailed|hails|pointed|highlighted|highlights|invited|invites|"
    r"congratulated|called|urged|assured|reaffirmed|confirmed|spoke|speaks|talked|talks|co-chaired|chaired|co-chair|co-chairs|phoned|"
    r"attended|attends|took part|takes part|participated|participates|"
    # "presented his credentials to President X": the envoy at the ceremony.
    r"presented (?:his |her )?(?:credentials|copies)|presents (?:his |her )?(?:credentials|copies)|"
    # "has today had a phone conversation with": the call is the meeting, "had" alone is too common.
    r"had (?:a )?(?:phone|telephone|video) (?:conversation|call)|had talks"
)

# What comes before an official's name when they are the other side of a meeting.
MEETING_OBJECT_TRIGGERS = (
    r"met with|meets with|meet with|met|meets|meeting with|meetings with|talks with|received|receives|"
    r"hosted|hosts|host|receive|welcomed|welcome|greeted|led by|headed by|visit of|delegation of|accompanied by|"
    r"phone call with|"
    # "under the chairmanship of President X", "Turkey by Minister X" after "was represented by": at the table.
    r"chairmanship of|represented\s+(?:[\w'’-]+\s+){0,3}?by|"
    r"conversation with|talk with|together with|meet|to meet|spoke with|spoken with|talked with|speaks with|"
    r"co-chaired with|co-chaired by|chaired by|meeting of|meeting between|"
    r"talks between|conversation between|held between|signed by|phoned|telephoned|invitation of|"
    # "held talks in Baku with", "met on Tuesday with", "a phone call on Tuesday with", "the meeting in Washington
    # between": a few words between the meeting and its other side.
    r"(?:talks|talk|met|meeting|consultations|negotiations|conversation|spoke|talked|call)\s+(?:[\w'’-]+\s+){1,3}?with|"
    r"(?:talks|meeting|meetings|consultations|negotiations)\s+(?:[\w'’-]+\s+){1,3}?between|"
    # "had spoken by phone on Friday with": the call's words, then a day, then its other side.
    r"(?:spoke|spoken|talked)\s+(?:by|over\s+the|on\s+the)\s+(?:tele)?phone\s+(?:[\w'’-]+\s+){0,3}?with|"
    # "was accompanied in the meeting by", "attended by", "which was opened on Tuesday by": at the meeting too.
    r"accompanied\s+(?:[\w'’-]+\s+){1,3}?by|attended\s+by|opened\s+(?:[\w'’-]+\s+){0,3}?by|"
    # "the Iranian foreign minister called on Prime Minister X": a courtesy call.
    r"called\s+on|calls\s+on|call\s+on|"
    # "held a video conference with", "a video call with", "presented his credentials to".
    r"conference with|videoconference with|call with|credentials to|"
    # "where he is meeting Defense Minister X": a meeting going on as the story is filed.
    r"is meeting|are meeting|was meeting|were meeting|"
    r"consultations with|negotiations with"
)

# Family names written first (Chinese, Korean): "Wang Yi" is "Wang" on second mention, "Xi Jinping" "Xi".
# English words that are also such names (he, ma, yu, lu, su, ye) are left out: "He said" is no one.
FAMILY_NAME_FIRST = _words(
    """wang li zhang liu chen yang huang zhao wu zhou xu sun zhu hu guo gao lin luo zheng liang xie song tang
    han feng deng cao peng zeng xiao tian dong pan yuan cai jiang du wei cheng ding ren shen yao xi qin
    zhong fu qian dai kong mao hou shi bai qiu jin kim park choi yoon moon jang cho"""
)
