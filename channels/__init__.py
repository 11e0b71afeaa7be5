"""Rasa input/output channels: a hardened REST channel and the messaging platforms.

Every inbound webhook checks its input with channels.limits before anything reaches
Rasa: clear 4xx errors for malformed requests, a polite reply for over-long messages.
"""
