"""Write-ups (Markdown reports, Jupyter notebooks) -> a commented outline of the take-home talk."""
