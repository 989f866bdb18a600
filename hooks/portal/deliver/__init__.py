"""Deliver: what the web server needs to serve the built site (CSP, security headers, framing,
redirects, the nginx configuration). Uses content/.
"""
