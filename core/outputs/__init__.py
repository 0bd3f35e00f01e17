"""What leaves the app: basket lists (CSV/Excel), slides, PowerPoint, the offline HTML pack, PNGs."""
