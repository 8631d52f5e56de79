"""Rehearsal adapter: read any .pptx, resolve its budgets, pace the talk, run a coached rehearsal."""
