"""Write-ups as candidates write them, for the tests of `deck import`."""
