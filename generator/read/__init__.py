"""The read stage: seed files, their sidecars and the register, checked and turned into named data."""
