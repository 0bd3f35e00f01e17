"""The presentation page (Presenteren): the slide stage, the zoom of its maps, the files."""
