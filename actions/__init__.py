"""Rasa custom actions: thin glue between the tracker and the knowledge layer (mbc/).

rasa-sdk imports every module here at start-up, so nothing in this package does work
at import time; the knowledge base is loaded on first use and then reused.
"""

from mbc.lean import block_tensorflow

block_tensorflow()  # the action server needs spaCy, never TensorFlow (see mbc/lean.py)
