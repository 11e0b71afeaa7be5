"""Custom Rasa graph components (loaded by the Rasa server via config.yml)."""
