"""Search: per-language lunr indexes built at build time, queried the same way in Python and the browser.
Uses content/ (vocabularies).

- analysis:  tokenising, diacritic folding, stop words, stemming (the lunr pipeline functions)
- stemmers:  the Swedish Snowball stemmer (snowballstemmer) and lunr.js's English Porter stemmer in Python
- compounds: splitting Swedish compounds into known parts (index time)
- concepts:  glossary terms, synonyms, lay terms and abbreviations as concept tokens
- extract:   headings and body text from a page's rendered HTML
- indexer:   the search data file of one language (lunr index + result metadata)
- packing:   the compact form of the serialised lunr index in that file
- engine:    query evaluation, the same algorithm as overrides/assets/js/search/engine.js
- quality:   hit@1/hit@3 on tests/search_queries.yml (scripts/bench_search.py, tests)

No MkDocs imports here: hooks/search_index.py is the adapter.
"""
