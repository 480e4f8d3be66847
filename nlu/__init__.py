"""Custom Rasa components for the Delta Expo Assistant NLU (runs in the Python 3.10 venv)."""
