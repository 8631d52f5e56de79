"""Files as the user sees them: atomic writes that never replace an input, bounded reads, the user's folders."""
