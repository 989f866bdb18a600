"""A compact form of a serialised lunr 2.3.9 index, about a third of its size.

lunr's own JSON repeats every field name for every term ({"title": {}, "body": {"5": {}}, ...}) and
writes scores as decimals. The packed form keeps the same information:

    terms     sorted terms; a term's position is its index in the field vectors
    postings  per term: {field number: [document refs]}
    vectors   per (document, field): [ref, field number, [term index delta, score × 1000, ...]]

unpack() restores exactly what lunr.Index.load expects; engine.js's unpack() does the same in the browser.
"""
from __future__ import annotations

from typing import Any


def pack(serialized: dict[str, Any]) -> dict[str, Any]:
    fields = serialized["fields"]
    field_no = {name: i for i, name in enumerate(fields)}
    entries = sorted(serialized["invertedIndex"], key=lambda e: e[0])
    new_index = {posting["_index"]: position for position, (_term, posting) in enumerate(entries)}
    postings = []
    for _term, posting in entries:
        postings.append({str(field_no[f]): sorted(int(ref) for ref in refs)
                         for f, refs in posting.items() if f != "_index" and refs})
    vectors = []
    for field_ref, elements in serialized["fieldVectors"]:
        field, ref = field_ref.split("/", 1)
        pairs = sorted((new_index[elements[i]], elements[i + 1]) for i in range(0, len(elements), 2))
        flat: list[int] = []
        previous = 0
        for index, score in pairs:
            flat.extend((index - previous, round(score * 1000)))
            previous = index
        vectors.append([int(ref), field_no[field], flat])
    vectors.sort(key=lambda v: (v[0], v[1]))
    return {"version": serialized["version"], "fields": fields, "pipeline": serialized["pipeline"],
            "terms": [term for term, _ in entries], "postings": postings, "vectors": vectors}


def unpack(packed: dict[str, Any]) -> dict[str, Any]:
    fields = packed["fields"]
    inverted = []
    for position, (term, posting) in enumerate(zip(packed["terms"], packed["postings"])):
        entry: dict[str, Any] = {name: {} for name in fields}
        for number, refs in posting.items():
            entry[fields[int(number)]] = {str(ref): {} for ref in refs}
        entry["_index"] = position
        inverted.append([term, entry])
    vectors = []
    for ref, number, flat in packed["vectors"]:
        elements: list[float] = []
        index = 0
        for i in range(0, len(flat), 2):
            index += flat[i]
            elements.extend((index, flat[i + 1] / 1000))
        vectors.append([f"{fields[number]}/{ref}", elements])
    return {"version": packed["version"], "fields": fields, "fieldVectors": vectors,
            "invertedIndex": inverted, "pipeline": packed["pipeline"]}
