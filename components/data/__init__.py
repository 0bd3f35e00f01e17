"""The data page (Gegevens): importing own tables, own indicators, sources and the bundle."""
