"""Portal logic as plain Python, independent of MkDocs.

The MkDocs adapter lives in ``hooks/portal_hooks.py``; everything here can be
imported and tested without building a site.
"""
