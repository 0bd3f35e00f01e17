"""The staffel page: an alternative council-size staffel and what it would mean."""
