"""Plan -> plain rows, one module per question the round asks. Nothing here formats text."""
