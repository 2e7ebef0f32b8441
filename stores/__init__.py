"""Tracker and lock stores the Rasa server loads through endpoints.yml."""
