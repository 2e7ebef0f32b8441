"""Custom NLU components. Importing the package also applies components/speedups.py to the Rasa server."""
from components import speedups as _speedups

_speedups.apply()
