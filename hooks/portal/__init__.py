"""Portal logic as plain Python, independent of MkDocs, grouped by the stage each module serves:

- content/  reading and validating what editors write (uses no other stage)
- publish/  what readers and partners get from it (uses content/)
- deliver/  what the web server needs (uses content/)
- build/    MkDocs build plumbing (uses no other stage)
- checks/   the quality checks of `make check` and the preview's quality report (uses content/, publish/)
- search/   the search index and engine (uses content/)

`cli.py` is the editors' command line (`python -m portal`). The MkDocs adapters live in
``hooks/*.py``; everything here can be imported and tested without building a site.
"""
