"""The map page (Kaart): its controls, the map in its place, and what is around it."""
