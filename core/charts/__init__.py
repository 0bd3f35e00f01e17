"""Figures: interactive plotly maps and charts for the app, static polygon maps for outputs."""
