"""The time plan: estimates, shares, budgets, the talk plan and its format inside a deck."""
