"""What a plan is, pure: the model, dates, the walk over its items, words. No I/O here."""
