"""Rehearsal history adapter: the SQLite store, the analysis of runs, the pacing chart."""
