"""The pure core: timing and slides over the outline format, over the rules, over text. No heavy imports, no writes."""
