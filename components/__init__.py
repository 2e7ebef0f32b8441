"""Custom Rasa NLU components (see components/crisis_detector.py)."""
