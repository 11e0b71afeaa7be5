"""The volunteer lookup aid and the widget's demo page: a small aiohttp service.

``python -m web`` serves, on 127.0.0.1:8080 by default (env MBC_WEB_PORT):

- ``/``            a sample nonprofit page that embeds the chat widget with one script tag
- ``/lookup``      the volunteer lookup page
- ``/widget/...``  the widget's static files (widget.js, widget.css)
- ``/api/lookup``  GET ?q=...&limit=5: ranked curated answers as JSON
- ``/healthz``     readiness

The store is loaded once at start-up. Nothing here imports Rasa.
"""
