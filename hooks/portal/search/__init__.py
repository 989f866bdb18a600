"""Search: per-language indexes built at build time and loaded in shards, queried the same way in Python
and the browser. Uses content/ (vocabularies).

- analysis:  tokenising, diacritic folding, irregular forms, stop words, spelling, stemming
- stemmers:  the Swedish Snowball stemmer with the portal's rules, and lunr.js's English Porter stemmer
- spelling:  American English spellings written the British way
- compounds: splitting Swedish compounds into known parts (index time)
- concepts:  glossary terms, synonyms, lay terms and abbreviations as concept tokens
- extract:   headings, body text and sections from a page's rendered HTML
- scoring:   BM25F scores of the terms of each page
- layout:    the files of a language's search folder: meta.json, buckets, fragments
- indexer:   the search data of one language
- index_files: a language's search folder written, here or in `make serve`'s second process
- site_data: what an index reads from data/ besides the glossary (labels, quick-exit audiences)
- engine:    query evaluation, the same algorithm as overrides/assets/js/search/engine.js
- limits:    how much of a query is analysed
- quality:   hit@1/hit@3 on tests/search_queries.yml (scripts/bench_search.py, tests)

No MkDocs imports here: hooks/search_index.py is the adapter.
"""
