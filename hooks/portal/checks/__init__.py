"""Checks: the quality checks behind `make check`, one module per check, and the preview's quality
report. Uses content/ and publish/ (which pages a build publishes).
"""
