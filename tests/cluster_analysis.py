"""Text analysis and spelling as the stand-in engines (tests/cluster_engines.py) apply them: only what
the index settings (Elasticsearch) or the configset (Solr) say, in the documented engines' terms.

Modelled: a mapping character filter (``\\uXXXX`` escapes), a pattern tokenizer keeping whole matches
(``group`` 0; Java's ``(?U)`` flag is Python's default), lower case, ASCII folding, stop words, word
length and the English Snowball stemmer (Porter2); the term suggester (``suggest_mode`` missing) and
Solr's DirectSolrSpellChecker (suggestions only for words the index lacks). Anything else, a built-in
analyzer (``standard``, ``snowball``) included, raises :class:`Unmodelled`, which the stand-ins turn
into a 400: a test can only pass on analysis the settings spell out.

ASCII folding is modelled as Unicode decomposition without its combining marks (what Lucene's table
gives accented letters); the letters Lucene folds without a decomposition (ø, ł, ı, đ) are all in
Parley's own mapping table, so no test depends on the difference.
"""

import functools
import json
import re
import unicodedata
from dataclasses import dataclass, field
from xml.etree import ElementTree

from whoosh.lang.porter2 import stem as porter2

MAX_INT = 2**31 - 1
ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")


class Unmodelled(Exception):
    """The settings ask for analysis the stand-ins do not model."""


@dataclass
class Analyzer:
    mappings: dict[str, str] = field(default_factory=dict)
    pattern: re.Pattern | None = None
    filters: list = field(default_factory=list)

    def tokens(self, text: str) -> list[tuple[str, int, int]]:
        """Return ``[(term, start, end)]``, offsets in ``text`` as given (before the character filter)."""
        mapped, starts, ends = self._map(text)
        found = []
        for match in self.pattern.finditer(mapped):
            if match.end() > match.start():
                found.append((match.group(), starts[match.start()], ends[match.end() - 1]))
        for step in self.filters:
            found = [(term, start, end) for word, start, end in found for term in step(word)]
        return found

    def terms(self, text: str) -> list[str]:
        return [term for term, _, _ in self.tokens(text)]

    def _map(self, text: str):
        """Apply the mapping (longest key first) and return the text with each character's original span."""
        lengths = sorted({len(key) for key in self.mappings}, reverse=True)
        out, starts, ends, position = [], [], [], 0
        while position < len(text):
            key = next(
                (text[position : position + n] for n in lengths if text[position : position + n] in self.mappings), None
            )
            replacement, width = (self.mappings[key], len(key)) if key else (text[position], 1)
            for character in replacement:
                out.append(character)
                starts.append(position)
                ends.append(position + width)
            position += width
        return "".join(out), starts, ends


def unescape(text: str) -> str:
    return ESCAPE.sub(lambda match: chr(int(match.group(1), 16)), text)


def mapping_rule(rule: str) -> tuple[str, str]:
    """Return ``(source, target)`` of a rule ``a => b`` (Elasticsearch) or ``"a" => "b"`` (Solr's file)."""
    source, arrow, target = rule.partition("=>")
    if not arrow:
        raise Unmodelled(f"mapping rule {rule!r}")
    return unescape(source.strip().strip('"')), unescape(target.strip().strip('"'))


def word_pattern(pattern: str) -> re.Pattern:
    if pattern.startswith("(?U)"):
        pattern = pattern[4:]  # Unicode word characters: Python's default
    if "(?" in pattern.replace("(?:", ""):
        raise Unmodelled(f"pattern flags in {pattern!r}")
    return re.compile(pattern)


def ascii_fold(word: str) -> list[str]:
    folded = []
    for character in word:
        if not character.isascii():
            plain = "".join(c for c in unicodedata.normalize("NFKD", character) if not unicodedata.combining(c))
            character = plain if plain and plain.isascii() else character
        folded.append(character)
    return ["".join(folded)]


def stop_filter(words) -> callable:
    stops = set(words)
    return lambda word: [] if word in stops else [word]


def length_filter(least: int, most: int) -> callable:
    return lambda word: [word] if least <= len(word) <= most else []


def snowball(language: str) -> callable:
    if language.lower() != "english":
        raise Unmodelled(f"Snowball language {language!r}")
    return lambda word: [porter2(word)]


def lowercase(word: str) -> list[str]:
    return [word.lower()]


# Elasticsearch ------------------------------------------------------------------------------------------


def elasticsearch_analyzer(analysis: dict, name: str) -> Analyzer:
    """Return the analyzer ``name`` of an index's ``settings.analysis``."""
    return _elasticsearch_analyzer(json.dumps(analysis, sort_keys=True), name)


@functools.lru_cache(maxsize=16)
def _elasticsearch_analyzer(analysis_json: str, name: str) -> Analyzer:
    analysis = json.loads(analysis_json)
    definition = analysis.get("analyzer", {}).get(name)
    if definition is None or definition.get("type", "custom") != "custom":
        raise Unmodelled(f"analyzer {name!r}")
    analyzer = Analyzer()
    for filter_name in definition.get("char_filter", []):
        char_filter = analysis.get("char_filter", {}).get(filter_name, {})
        if char_filter.get("type") != "mapping" or set(char_filter) != {"type", "mappings"}:
            raise Unmodelled(f"char_filter {filter_name!r}")
        analyzer.mappings.update(mapping_rule(rule) for rule in char_filter["mappings"])
    tokenizer = analysis.get("tokenizer", {}).get(definition.get("tokenizer"), {})
    if (
        tokenizer.get("type") != "pattern"
        or tokenizer.get("group") != 0
        or set(tokenizer) - {"type", "pattern", "group"}
    ):
        raise Unmodelled(f"tokenizer {definition.get('tokenizer')!r}")
    analyzer.pattern = word_pattern(tokenizer["pattern"])
    analyzer.filters = [_elasticsearch_filter(analysis, name) for name in definition.get("filter", [])]
    return analyzer


def _elasticsearch_filter(analysis: dict, name: str):
    if name == "lowercase":
        return lowercase
    if name == "asciifolding":
        return ascii_fold
    spec = analysis.get("filter", {}).get(name, {})
    kind, options = spec.get("type"), set(spec) - {"type"}
    if kind == "stop" and options == {"stopwords"} and isinstance(spec["stopwords"], list):
        return stop_filter(spec["stopwords"])
    if kind == "length" and options <= {"min", "max"}:
        return length_filter(spec.get("min", 0), spec.get("max", MAX_INT))
    if kind == "snowball" and options == {"language"}:
        return snowball(spec["language"])
    raise Unmodelled(f"token filter {name!r}")


# Solr ---------------------------------------------------------------------------------------------------


def solr_class(element) -> str:
    return element.get("class", "").removeprefix("solr.")


def solr_field_analyzers(configset: dict[str, str]) -> tuple[dict[str, Analyzer | None], dict[str, Analyzer]]:
    """Return ``({field: analyzer, or None for a whole-value field}, {field type: analyzer})`` of a configset."""
    return _solr_field_analyzers(tuple(sorted(configset.items())))


@functools.lru_cache(maxsize=4)
def _solr_field_analyzers(files: tuple) -> tuple[dict, dict]:
    configset = dict(files)
    schema = ElementTree.fromstring(configset["schema.xml"])  # noqa: S314 - written by Parley in this test
    types: dict[str, Analyzer | None] = {}
    for element in schema.iter("fieldType"):
        kind = solr_class(element)
        if kind == "TextField":
            types[element.get("name")] = _solr_analyzer(element, configset)
        elif kind in ("StrField", "BoolField", "LongPointField", "FloatPointField", "DatePointField"):
            types[element.get("name")] = None
        else:
            raise Unmodelled(f"field type class {kind!r}")
    fields = {}
    for element in schema.iter("field"):
        if element.get("type") not in types:
            raise Unmodelled(f"field {element.get('name')!r} of an undefined type {element.get('type')!r}")
        fields[element.get("name")] = types[element.get("type")]
    return fields, {name: analyzer for name, analyzer in types.items() if analyzer}


def _solr_analyzer(field_type, configset: dict[str, str]) -> Analyzer:
    analyzers = field_type.findall("analyzer")
    if len(analyzers) != 1 or analyzers[0].get("type"):
        raise Unmodelled(f"field type {field_type.get('name')!r}: one analyzer for index and query is modelled")
    element, analyzer = analyzers[0], Analyzer()
    for char_filter in element.findall("charFilter"):
        if solr_class(char_filter) != "MappingCharFilterFactory":
            raise Unmodelled(f"char filter {solr_class(char_filter)!r}")
        lines = _word_file(configset, char_filter.get("mapping"))
        analyzer.mappings.update(mapping_rule(line) for line in lines)
    tokenizer = element.find("tokenizer")
    if solr_class(tokenizer) != "PatternTokenizerFactory" or tokenizer.get("group") != "0":
        raise Unmodelled(f"tokenizer {solr_class(tokenizer)!r}")
    analyzer.pattern = word_pattern(tokenizer.get("pattern"))
    analyzer.filters = [_solr_filter(item, configset) for item in element.findall("filter")]
    return analyzer


def _solr_filter(element, configset: dict[str, str]):
    kind, options = solr_class(element), set(element.keys()) - {"class"}
    if kind == "LowerCaseFilterFactory" and not options:
        return lowercase
    if kind == "ASCIIFoldingFilterFactory" and not options:
        return ascii_fold
    if kind == "StopFilterFactory" and options == {"words"}:
        return stop_filter(_word_file(configset, element.get("words")))
    if kind == "LengthFilterFactory" and options == {"min", "max"}:
        return length_filter(int(element.get("min")), int(element.get("max")))
    if kind == "SnowballPorterFilterFactory" and options == {"language"}:
        return snowball(element.get("language"))
    raise Unmodelled(f"filter {kind!r} with {sorted(options)}")


def _word_file(configset: dict[str, str], name: str) -> list[str]:
    if name not in configset:
        raise Unmodelled(f"the configset has no file {name!r}")
    return [line for line in configset[name].splitlines() if line.strip() and not line.startswith("#")]


# Spelling -----------------------------------------------------------------------------------------------


def edits(a: str, b: str) -> int:
    """Return the optimal string alignment distance (a transposition is one edit, as Lucene counts)."""
    previous2, previous = None, list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        current = [i]
        for j, y in enumerate(b, 1):
            cost = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y))
            if previous2 is not None and i > 1 and j > 1 and x == b[j - 2] and a[i - 2] == y:
                cost = min(cost, previous2[j - 2] + 1)
            current.append(cost)
        previous2, previous = previous, current
    return previous[-1]


@dataclass
class Speller:
    """Suggestions for words the index lacks, from the index's own terms of one field."""

    max_edits: int = 2
    prefix: int = 1
    min_length: int = 4
    accuracy: float = 0.5

    def options(self, term: str, frequencies: dict[str, int], size: int) -> list[tuple[str, float, int]]:
        """Return up to ``size`` ``(word, score, frequency)``: none when the term is indexed or too short."""
        if frequencies.get(term) or len(term) < self.min_length:
            return []
        found = []
        for word, frequency in frequencies.items():
            if word[: self.prefix] != term[: self.prefix]:
                continue
            distance = edits(term, word)
            score = 1 - distance / max(len(term), len(word))
            if distance <= self.max_edits and score >= self.accuracy:
                found.append((word, score, frequency))
        found.sort(key=lambda item: (-item[1], -item[2], item[0]))
        return found[:size]


def solr_speller(configset: dict[str, str]) -> tuple[Speller, str, str] | None:
    """Return ``(speller, field, query field type)`` of the spellcheck component on ``/select``, or ``None``."""
    config = ElementTree.fromstring(configset["solrconfig.xml"])  # noqa: S314 - written by Parley in this test
    select = next((h for h in config.iter("requestHandler") if h.get("name") == "/select"), None)
    components = [] if select is None else [item.text for item in select.iterfind("arr[@name='last-components']/str")]
    if "spellcheck" not in components:
        return None
    component = next(c for c in config.iter("searchComponent") if c.get("name") == "spellcheck")
    query_type = component.findtext("str[@name='queryAnalyzerFieldType']")
    checker = {item.get("name"): item.text for item in component.find("lst[@name='spellchecker']")}
    if checker.pop("classname", None) != "solr.DirectSolrSpellChecker" or checker.pop("name", None) != "default":
        raise Unmodelled("only the default DirectSolrSpellChecker is modelled")
    spell_field = checker.pop("field")
    numbers = {"maxEdits": "max_edits", "minPrefix": "prefix", "minQueryLength": "min_length", "accuracy": "accuracy"}
    if set(checker) - set(numbers):
        raise Unmodelled(f"spellchecker options {sorted(set(checker) - set(numbers))}")
    speller = Speller(
        **{numbers[key]: float(value) if key == "accuracy" else int(value) for key, value in checker.items()}
    )
    return speller, spell_field, query_type


def term_suggest(request: dict, analyzer: Analyzer, frequencies: dict[str, int]) -> list[dict]:
    """Return Elasticsearch's answer to a ``term`` suggestion: one entry per token of its text."""
    options = dict(request["term"])
    options.pop("field")
    if options.pop("suggest_mode", "missing") != "missing":
        raise Unmodelled("suggest_mode other than missing")
    speller = Speller(
        max_edits=options.pop("max_edits", 2),
        prefix=options.pop("prefix_length", 1),
        min_length=options.pop("min_word_length", 4),
    )
    size = options.pop("size", 5)
    if options:
        raise Unmodelled(f"term suggester options {sorted(options)}")
    return [
        {
            "text": term,
            "offset": start,
            "length": end - start,
            "options": [
                {"text": word, "score": round(score, 3), "freq": frequency}
                for word, score, frequency in speller.options(term, frequencies, size)
            ],
        }
        for term, start, end in analyzer.tokens(request["text"])
    ]


def solr_spellcheck(text: str, speller: Speller, analyzer: Analyzer, frequencies, count: int, collate: bool) -> dict:
    """Return Solr's ``spellcheck`` section (default JSON: named lists flat) for the words of ``text``."""
    suggestions, replaced, position = [], [], 0
    for term, start, end in analyzer.tokens(text):
        words = [word for word, _, _ in speller.options(term, frequencies, count)]
        if words:
            suggestions += [term, {"numFound": len(words), "startOffset": start, "endOffset": end, "suggestion": words}]
            replaced += [text[position:start], words[0]]
            position = end
    answer = {"suggestions": suggestions}
    if collate:
        answer["collations"] = ["collation", "".join([*replaced, text[position:]])] if suggestions else []
    return answer
