"""The keyword columns a snapshot counts facets with: read in one pass over each segment's term index."""

from unittest import mock

import numpy as np
from whoosh.codec.whoosh3 import W3TermsReader
from whoosh.fields import ID, KEYWORD, Schema
from whoosh.filedb.filestore import FileStorage

from index.engine.columns import _keyword_pairs_by_term, keyword_pairs


def _index(folder):
    """Three segments of documents with countries, the middle one with deletions; a term of one
    document (its postings inlined in the term info) and terms of many (postings in blocks)."""
    schema = Schema(id=ID(stored=True, unique=True), countries=KEYWORD(commas=True), other=KEYWORD)
    index = FileStorage(str(folder), supports_mmap=False).create_index(schema)
    codes = ["AZ", "GE", "IR", "TR", "RU"]
    number = 0
    for size in (300, 250, 40):
        writer = index.writer()
        for _ in range(size):
            picked = [codes[i] for i in range(len(codes)) if (number >> i) & 1 or number % 7 == i]
            writer.add_document(id=str(number), countries=",".join(picked + [f"X{number}"] * (number % 50 == 0)))
            number += 1
        writer.commit(merge=False)
    writer = index.writer()
    for gone in (301, 302, 350, 540):
        writer.delete_by_term("id", str(gone))
    writer.commit(merge=False)
    return index


def test_keyword_pairs_are_those_of_each_terms_postings_without_a_lookup_per_term(tmp_path):
    index = _index(tmp_path)
    reader = index.reader()
    leaves = [leaf for leaf, _ in reader.leaf_readers()]
    assert len(leaves) == 3 and any(leaf.has_deletions() for leaf in leaves)
    field = index.schema["countries"]
    for leaf in leaves:
        with mock.patch.object(W3TermsReader, "term_info", side_effect=AssertionError("a lookup per term")):
            terms, docs, tids = keyword_pairs(leaf, "countries", field)
        expected_terms, expected_docs, expected_tids = _keyword_pairs_by_term(leaf, "countries", field)
        assert terms == expected_terms and terms[:5] == ["AZ", "GE", "IR", "RU", "TR"]
        assert np.array_equal(docs, expected_docs) and np.array_equal(tids, expected_tids)
        deleted = set(leaf.deleted_docs_set) if leaf.has_deletions() else set()
        assert not deleted & set(docs.tolist())
        assert keyword_pairs(leaf, "other", index.schema["other"])[0] == []  # a field without terms
