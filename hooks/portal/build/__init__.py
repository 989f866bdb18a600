"""Build: MkDocs build plumbing (background processes, compiled templates, the sidebar budget).

Uses no other stage: the hook adapters in hooks/ hand it the work.
"""
