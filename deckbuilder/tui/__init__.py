"""The rehearsal coach's terminal interface (Textual); all pace arithmetic lives in deckbuilder.rehearse.pacing."""
