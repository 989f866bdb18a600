"""Content-Security-Policy of the built site.

The policy allows our own origin only and no inline script at all: every script is a file on the
site. Material's two inline scripts are files since overrides/partials/javascripts/ (base.html,
content.html), and the build checks every built page with a real HTML parser
(portal.content.rendered_html): an inline script anywhere stops the build with the file named.
So the policy is known before the build looks at its output, and an injected inline script can
never be allowed by it. Data blocks (`<script type="application/json">`) are not executed.
"""
from __future__ import annotations

NOT_FRAMED_BY_OTHERS = "'self'"


def policy(frame_ancestors: str = NOT_FRAMED_BY_OTHERS) -> str:
    """The Content-Security-Policy header value: our own origin only, scripts from files only."""
    return "; ".join([
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        # Material's stylesheets draw icons from data: SVG images.
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "worker-src 'self'",
        "manifest-src 'self'",
        "frame-src 'self'",
        "media-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        f"frame-ancestors {frame_ancestors}",
    ])
