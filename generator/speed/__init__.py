"""Speed-ups, as a layer the stages do not know about; each one can be switched off (settings.py)."""
