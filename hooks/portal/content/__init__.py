"""Content: reads and validates what editors write (pages, front matter, data files, glossary).

Uses no other stage: every other folder builds on this one.
"""
