"""How much of a query the search analyses: the caps that keep every search fast whatever is typed or pasted.

The browser's engine reads the same values from the search data file (indexer writes them), so the two
engines cut a query at the same places; the search box's maxlength is QUERY_CHARACTERS too.

    QUERY_CHARACTERS   characters (code points) of the query read at all; the rest is ignored
    QUERY_WORDS        words searched (stop words not counted); later words are ignored
    CORRECTED_WORDS    words per query that get typo correction and compound splitting
    CORRECTED_LETTERS  the longest word that gets them (a longer one is searched as typed)

Typo correction looks at about 50 spellings per letter of a word and compound splitting at every cut
of it, so these two caps bound the work of a query: without them a 2,000-letter word took seconds.
24 letters is longer than the portal's longest words (anmälningsskyldigheten, 22).
"""
QUERY_CHARACTERS = 200
QUERY_WORDS = 12
CORRECTED_WORDS = 3
CORRECTED_LETTERS = 24


def as_data() -> dict[str, int]:
    """The caps as the browser's engine reads them from the search data file."""
    return {"queryCharacters": QUERY_CHARACTERS, "queryWords": QUERY_WORDS, "correctedWords": CORRECTED_WORDS,
            "correctedLetters": CORRECTED_LETTERS}
