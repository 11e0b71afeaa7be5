"""Plain-Python knowledge layer for the MBC answer bot.

Nothing in this package imports Rasa: it loads, validates, indexes, searches and
renders the curated answers, and holds the safety detectors. The Rasa glue lives
in ``actions/`` and ``addons/``.
"""
