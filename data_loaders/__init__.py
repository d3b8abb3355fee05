"""One module per source; each returns one tidy DataFrame validated by its pandera schema."""
