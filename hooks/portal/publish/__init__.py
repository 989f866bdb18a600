"""Publish: decides what a build publishes and makes what readers and partners get from it
(listings, page facts, embed views, content API, feeds, permalinks). Uses content/.
"""
