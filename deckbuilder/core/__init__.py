"""The pure core: outline, planner, time shares, deck format, findings, config. No heavy imports, no writes."""
